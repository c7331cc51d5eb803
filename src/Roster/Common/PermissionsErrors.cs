using System.Text.Json.Serialization;

namespace Roster.Common;

// The refusals the Permissions API (v2) names with fields: they are RosterErrors like every other, with the
// field and value they are about in Fields; PermissionsErrorBody writes any RosterError in the v2 body.

/// <summary>A Cedar statement that does not parse or does not fit the schema; each Cedar error with its position.</summary>
public sealed record InvalidPolicyStatement(string Statement, IReadOnlyList<CedarErrorItem> Errors)
    : RosterError(ErrorKind.InvalidInput, "invalid_policy_statement",
        "invalid request: the policy statement is not valid Cedar: " + string.Join("; ", Errors.Select(e => e.CedarMessage)))
{
    public override IReadOnlyList<object> Fields => [ErrorFields.Field("policy_statement", Statement), ErrorFields.Field("cedar_errors", Errors)];
}

public sealed record CedarErrorItem(string CedarMessage, string CedarCode);

/// <summary>A rule refuses the change (system roles are read-only, the root user holds no roles, plan limits, …).</summary>
public sealed record NotAllowed(string Reason, string? Name = null, object? Value = null)
    : RosterError(ErrorKind.Forbidden, "not_allowed", Reason)
{
    public override IReadOnlyList<object>? Fields => Name is null ? null : [ErrorFields.Field(Name, Value)];
}

public sealed record PermissionObjectNotFound(string Name, string Value, string What)
    : RosterError(ErrorKind.NotFound, "not_found", $"not found: {What} {Value}")
{
    public override IReadOnlyList<object> Fields => [ErrorFields.Field(Name, Value)];
}

public sealed record AlreadyExists(string Name, object? Value, string Reason = "already exists")
    : RosterError(ErrorKind.Conflict, "already_exists", Reason)
{
    public override IReadOnlyList<object> Fields => [ErrorFields.Field(Name, Value)];
}

/// <summary>A role still held by principals; deleting it needs force=true.</summary>
public sealed record RoleInUse(string RoleId, int Assignments)
    : RosterError(ErrorKind.Conflict, "role_in_use",
        $"The role {RoleId} is assigned {Assignments} time(s); remove those assignments first, or delete with force=true to revoke them too.")
{
    public override IReadOnlyList<object> Fields => [ErrorFields.Field("role_id", RoleId)];
}

/// <summary><c>{"error":{"category","code","message","details"}}</c>, the Permissions API's error body.</summary>
public sealed record PermissionsErrorBody(PermissionsErrorDetail Error)
{
    public const string InvalidInputCode = "ACCOUNTS_00005";
    public const string InvalidCedarCode = "ACCOUNTS_00002";
    public const string NotFoundCode = "ACCOUNTS_00003";
    public const string RefusedCode = "ACCOUNTS_00006";
    public const string ServerErrorCode = "ACCOUNTS_00001";

    /// <summary>The v2 body of any error: its v2 code by kind, its message in the v2 wording, its fields.</summary>
    public static PermissionsErrorBody Of(RosterError error)
    {
        var code = error switch
        {
            InvalidPolicyStatement => InvalidCedarCode,
            _ => error.Kind switch
            {
                ErrorKind.InvalidInput => InvalidInputCode,
                ErrorKind.NotFound => NotFoundCode,
                ErrorKind.Internal or ErrorKind.Unavailable => ServerErrorCode,
                ErrorKind.Unauthenticated or ErrorKind.Forbidden or ErrorKind.MethodNotAllowed or ErrorKind.Conflict
                    or ErrorKind.PayloadTooLarge or ErrorKind.UnsupportedMediaType or ErrorKind.RateLimited or ErrorKind.Cancelled => RefusedCode,
            },
        };
        var message = error switch
        {
            MissingFields => "missing fields",
            InvalidCredentials => "invalid credentials",
            InternalError => "something went wrong",
            _ => error.Message,
        };
        // Note: the spec files not-found under server_error; the clients only read the code and message.
        var category = error.Kind is ErrorKind.NotFound or ErrorKind.Internal or ErrorKind.Unavailable ? "server_error" : "user_error";
        var fields = error.Fields;
        return new(new PermissionsErrorDetail(category, code, message, fields is null ? null : new PermissionsErrorDetails(fields)));
    }
}

public sealed record PermissionsErrorDetail(
    string Category, string Code, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PermissionsErrorDetails? Details);

public sealed record PermissionsErrorDetails(IReadOnlyList<object> Fields);
