using System.Text.Json.Serialization;

namespace Roster.Common;

/// <summary>
/// The Permissions API's (v2) refusals: the same values as every <see cref="RosterError"/>, with the v2 code
/// and details. Their status is decided in <see cref="RosterError.StatusOf"/> like every other error.
/// </summary>
public abstract record PermissionsError(string Message, string Code, IReadOnlyList<object>? Fields) : RosterError(Message)
{
    public const string PathPrefix = "/v2";

    public const string InvalidInputCode = "ACCOUNTS_00005";
    public const string InvalidCedarCode = "ACCOUNTS_00002";
    public const string NotFoundCode = "ACCOUNTS_00003";
    public const string RefusedCode = "ACCOUNTS_00006";
    public const string ServerErrorCode = "ACCOUNTS_00001";

    /// <summary>Whether the request is for the v2 API, whose clients read the v2 error body.</summary>
    public static bool Speaks(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix);

    /// <summary>Whether a route pattern is the v2 API's.</summary>
    public static bool Speaks(string? routePattern) =>
        routePattern is not null && new PathString("/" + routePattern.TrimStart('/')).StartsWithSegments(PathPrefix);

    /// <summary>One <c>{"field":"value"}</c> entry of <c>details.fields</c>.</summary>
    public static Dictionary<string, object?> Field(string name, object? value) => new(StringComparer.Ordinal) { [name] = value };
}

/// <summary>Required fields that were not given: <c>{"fields":["name"]}</c>.</summary>
public sealed record MissingFields(params string[] Names) : PermissionsError("missing fields", InvalidInputCode, Names);

/// <summary>A field whose value cannot be used; the message says why.</summary>
public sealed record InvalidField(string Name, object? Value, string Reason)
    : PermissionsError(Reason, InvalidInputCode, [Field(Name, Value)]);

/// <summary>A Cedar statement that does not parse or does not fit the schema; each Cedar error with its position.</summary>
public sealed record InvalidPolicyStatement(string Statement, IReadOnlyList<CedarErrorItem> Errors)
    : PermissionsError(
        "invalid request: the policy statement is not valid Cedar: " + string.Join("; ", Errors.Select(e => e.CedarMessage)),
        InvalidCedarCode,
        [Field("policy_statement", Statement), Field("cedar_errors", Errors)]);

public sealed record CedarErrorItem(string CedarMessage, string CedarCode);

/// <summary>A rule refuses the change (system roles are read-only, the root user holds no roles, plan limits, …).</summary>
public sealed record NotAllowed(string Reason, string? Name = null, object? Value = null)
    : PermissionsError(Reason, RefusedCode, Name is null ? null : [Field(Name, Value)]);

public sealed record PermissionObjectNotFound(string Name, string Value, string What)
    : PermissionsError($"not found: {What} {Value}", NotFoundCode, [Field(Name, Value)]);

public sealed record AlreadyExists(string Name, object? Value, string Reason = "already exists")
    : PermissionsError(Reason, RefusedCode, [Field(Name, Value)]);

/// <summary>A role still held by principals; deleting it needs force=true.</summary>
public sealed record RoleInUse(string RoleId, int Assignments)
    : PermissionsError(
        $"The role {RoleId} is assigned {Assignments} time(s); remove those assignments first, or delete with force=true to revoke them too.",
        RefusedCode, [Field("role_id", RoleId)]);

/// <summary><c>{"error":{"category","code","message","details"}}</c>, the Permissions API's error body.</summary>
public sealed record PermissionsErrorBody(PermissionsErrorDetail Error)
{
    /// <summary>The v2 body of any error: v2 errors carry their code and details, the others get the code of their status.</summary>
    public static PermissionsErrorBody Of(RosterError error, int status)
    {
        var (code, fields) = error is PermissionsError v2 ? (v2.Code, v2.Fields) : (CodeOf(status), null);
        var message = error switch
        {
            InvalidCredentials => "invalid credentials",
            InternalError => "something went wrong",
            _ => error.Message,
        };
        // Note: the spec files not-found under server_error; the clients only read the code and message.
        var category = status is StatusCodes.Status404NotFound or >= 500 ? "server_error" : "user_error";
        return new(new PermissionsErrorDetail(category, code, message, fields is null ? null : new PermissionsErrorDetails(fields)));
    }

    private static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => PermissionsError.InvalidInputCode,
        StatusCodes.Status404NotFound => PermissionsError.NotFoundCode,
        >= 500 => PermissionsError.ServerErrorCode,
        _ => PermissionsError.RefusedCode,
    };
}

public sealed record PermissionsErrorDetail(
    string Category, string Code, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PermissionsErrorDetails? Details);

public sealed record PermissionsErrorDetails(IReadOnlyList<object> Fields);
