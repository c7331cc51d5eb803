using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Roster.Common;

/// <summary>What kind of refusal an error is; <see cref="RosterError.StatusOf"/> maps each kind to its HTTP status.</summary>
public enum ErrorKind
{
    InvalidInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Cancelled,
    Internal,

    /// <summary>Roster cannot do its work now (the database is unreachable) and says when to try again.</summary>
    Unavailable,
}

/// <summary>
/// A refusal, named after the rule it protects. Use cases return these as values; <see cref="StatusOf"/> is the
/// one place that decides their HTTP status, and <see cref="ErrorShape"/> metadata on the route group decides the
/// body they are written in: Cloudinary's <c>{"error":{"message","code"}}</c> (v1_1 and Roster's own endpoints) or
/// the Permissions API's <c>{"error":{"category","code","message","details"}}</c>.
/// </summary>
/// <param name="Kind">The kind of refusal, which decides the status.</param>
/// <param name="Code">A stable, machine-readable name of the rule (snake_case); it never changes once published.</param>
/// <param name="Message">What a person reads: the rule that refused, in a sentence.</param>
public abstract record RosterError(ErrorKind Kind, string Code, string Message) : IResult, IEndpointMetadataProvider
{
    /// <summary>The fields the refusal is about, for the Permissions API's <c>details.fields</c>; null when none.</summary>
    public virtual IReadOnlyList<object>? Fields => null;

    public int Status => StatusOf(Kind);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.Cancelled => 499,
        ErrorKind.Internal => StatusCodes.Status500InternalServerError,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
    };

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, Status);

    /// <summary>Writes this error with <paramref name="status"/> (the pipeline's own, for statuses it decided).</summary>
    public Task WriteAsync(HttpContext httpContext, int status)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        object body = ErrorShapes.Of(httpContext) switch
        {
            ErrorShape.Permissions => PermissionsErrorBody.Of(this),
            ErrorShape.Cloudinary => new ErrorBody(new ErrorDetail(Message, Code)),
        };
        return response.WriteAsJsonAsync(body, httpContext.RequestAborted);
    }

    /// <summary>
    /// The error responses an endpoint can give, in the body shape of its API, for the OpenAPI document, read from
    /// what the endpoint is: 401 and 403 behind authentication, 429 where requests are counted, 400 (and 413 for a
    /// body) where the handler reads input, 404 where the path names an object or the input names ids, 409 where
    /// it changes something, and 503 everywhere (the database may be out). The fuzz test holds every answer it sees to this list.
    /// </summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        var body = ErrorShapes.Of(builder.Metadata) switch
        {
            ErrorShape.Permissions => typeof(PermissionsErrorBody),
            ErrorShape.Cloudinary => typeof(ErrorBody),
        };
        foreach (var status in StatusesOf(method, builder))
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body, ["application/json"]));
        }
    }

    private static readonly string[] _scopeParameters = ["account_id", "cloud_name"];

    private static SortedSet<int> StatusesOf(MethodInfo method, EndpointBuilder builder)
    {
        var statuses = new SortedSet<int>();
        var methods = builder.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        var changes = methods.Any(m => m is not "GET" and not "HEAD");
        var reads = method.GetParameters().Select(p => p.ParameterType).ToList();
        var takesInput = reads.Contains(typeof(RequestValues)) || reads.Contains(typeof(HttpRequest));
        var namesObject = builder is RouteEndpointBuilder route
            && route.RoutePattern.Parameters.Any(p => !_scopeParameters.Contains(p.Name, StringComparer.Ordinal));
        var authenticated = builder.Metadata.OfType<IAuthorizeData>().Any() && !builder.Metadata.OfType<IAllowAnonymous>().Any();
        // Note: a handler that changes something refuses a malformed body even when it reads no field of it.
        if (takesInput || changes)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
            if (changes)
            {
                statuses.Add(StatusCodes.Status413PayloadTooLarge);
            }
        }
        if (authenticated)
        {
            statuses.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }
        if (namesObject || (authenticated && takesInput))
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }
        if (changes && authenticated)
        {
            statuses.Add(StatusCodes.Status409Conflict);
        }
        if (builder.Metadata.OfType<Security.RateLimitedMetadata>().Any())
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }
        // Note: while the database is unreachable every endpoint that reads it answers 503 with Retry-After (RosterHost).
        statuses.Add(StatusCodes.Status503ServiceUnavailable);
        return statuses;
    }
}

public sealed record ErrorBody(ErrorDetail Error);
public sealed record ErrorDetail(string Message, string Code);

/// <summary>A value that cannot be used, not tied to one field.</summary>
public sealed record InvalidInput(string Detail) : RosterError(ErrorKind.InvalidInput, "invalid_input", Detail);

/// <summary>Required fields that were not given.</summary>
public sealed record MissingFields(params string[] Names)
    : RosterError(ErrorKind.InvalidInput, "missing_fields",
        Names.Length == 1 ? $"'{Names[0]}' is required." : $"{string.Join(", ", Names.Select(n => $"'{n}'"))} are required.")
{
    public override IReadOnlyList<object> Fields => Names;
}

/// <summary>A field whose value cannot be used; the reason says why.</summary>
public sealed record InvalidField(string Name, object? Value, string Reason) : RosterError(ErrorKind.InvalidInput, "invalid_field", Reason)
{
    public override IReadOnlyList<object> Fields => [ErrorFields.Field(Name, Value)];
}

public sealed record InvalidCredentials() : RosterError(ErrorKind.Unauthenticated, "invalid_credentials", "Invalid credentials");
public sealed record ObjectNotFound(string Detail = "not found") : RosterError(ErrorKind.NotFound, "not_found", Detail);
public sealed record EmailAlreadyTaken() : RosterError(ErrorKind.Conflict, "email_already_taken", "Has already been taken");
public sealed record NameAlreadyTaken(string Detail) : RosterError(ErrorKind.Conflict, "name_already_taken", Detail);
public sealed record UserLimitReached()
    : RosterError(ErrorKind.Forbidden, "user_limit_reached", "You have reached the maximum number of users allowed for your plan.");
public sealed record TooManyProductEnvironments() : RosterError(ErrorKind.InvalidInput, "too_many_product_environments",
    $"A user can be given at most {Features.Users.User.MaxNamedProductEnvironments} product environments; give access to all of them instead.");
public sealed record RootUserIsImmutable(string Detail) : RosterError(ErrorKind.Forbidden, "root_user_is_immutable", Detail);
public sealed record UserIsInactive()
    : RosterError(ErrorKind.InvalidInput, "user_is_inactive", "The user is inactive: deleted users cannot be changed.");
public sealed record PlanFeatureUnavailable(string Detail) : RosterError(ErrorKind.Forbidden, "plan_feature_unavailable", Detail);
public sealed record OnlyRootUser(string Detail) : RosterError(ErrorKind.Forbidden, "only_root_user", Detail);
public sealed record InvitationAlreadyAccepted()
    : RosterError(ErrorKind.InvalidInput, "invitation_already_accepted", "The user has already accepted the invitation: there is none to send again.");
public sealed record MessageNotFailed(string CurrentStatus)
    : RosterError(ErrorKind.Conflict, "message_not_failed", $"Only a failed message can be retried; this one is {CurrentStatus}.");
public sealed record InvalidToken() : RosterError(ErrorKind.InvalidInput, "invalid_token", "The link is invalid or has expired.");
public sealed record RateLimited() : RosterError(ErrorKind.RateLimited, "rate_limited", "Too many requests");
public sealed record InternalError() : RosterError(ErrorKind.Internal, "internal_error", "Internal server error");

/// <summary>The database cannot be reached (stopped, restarting, out of connections); the answer carries Retry-After.</summary>
public sealed record DatabaseUnavailable()
    : RosterError(ErrorKind.Unavailable, "database_unavailable", "The service is unavailable: its database cannot be reached. Try again shortly.")
{
    /// <summary>The seconds a client waits before trying again.</summary>
    public const int RetryAfterSeconds = 5;
}

/// <summary>A status the pipeline decided (routing's 404 and 405, a body too large, a cancelled request), written in the error shape.</summary>
public sealed record PipelineStatus(ErrorKind Reason, string Detail) : RosterError(Reason, "http_" + StatusOf(Reason), Detail)
{
    /// <summary>The pipeline's refusal for an HTTP status the framework set, when it is one Roster names.</summary>
    public static PipelineStatus? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => new(ErrorKind.InvalidInput, "Bad request"),
        StatusCodes.Status401Unauthorized => new(ErrorKind.Unauthenticated, "Invalid credentials"),
        StatusCodes.Status403Forbidden => new(ErrorKind.Forbidden, "Forbidden"),
        StatusCodes.Status404NotFound => new(ErrorKind.NotFound, "not found"),
        StatusCodes.Status405MethodNotAllowed => new(ErrorKind.MethodNotAllowed, "Method not allowed"),
        StatusCodes.Status413PayloadTooLarge => new(ErrorKind.PayloadTooLarge, "Request body too large"),
        StatusCodes.Status415UnsupportedMediaType => new(ErrorKind.UnsupportedMediaType, "Unsupported media type"),
        StatusCodes.Status429TooManyRequests => new(ErrorKind.RateLimited, "Too many requests"),
        _ => null,
    };
}

public static class ErrorFields
{
    /// <summary>One <c>{"field":"value"}</c> entry of the Permissions API's <c>details.fields</c>.</summary>
    public static Dictionary<string, object?> Field(string name, object? value) => new(StringComparer.Ordinal) { [name] = value };
}
