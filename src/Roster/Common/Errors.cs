using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Roster.Common;

/// <summary>
/// A refusal, named after the rule it protects. Handlers return these as values; <see cref="StatusOf"/>
/// is the one place that decides their HTTP status. Every one is written as <c>{"error":{"message":"…"}}</c>,
/// the body the v1_1 Cloudinary clients understand, except under <c>/v2</c>, where the Permissions API's
/// clients expect <c>{"error":{"category","code","message","details"}}</c> (see <see cref="PermissionsError"/>).
/// </summary>
public abstract record RosterError(string Message) : IResult, IEndpointMetadataProvider
{
    public static int StatusOf(RosterError error) => error switch
    {
        MissingFields => StatusCodes.Status400BadRequest,
        InvalidField => StatusCodes.Status400BadRequest,
        InvalidPolicyStatement => StatusCodes.Status400BadRequest,
        NotAllowed => StatusCodes.Status403Forbidden,
        PermissionObjectNotFound => StatusCodes.Status404NotFound,
        AlreadyExists => StatusCodes.Status409Conflict,
        RoleInUse => StatusCodes.Status409Conflict,
        InternalError => StatusCodes.Status500InternalServerError,
        InvalidInput => StatusCodes.Status400BadRequest,
        TooManyProductEnvironments => StatusCodes.Status400BadRequest,
        UserIsInactive => StatusCodes.Status400BadRequest,
        InvalidToken => StatusCodes.Status400BadRequest,
        InvalidCredentials => StatusCodes.Status401Unauthorized,
        RootUserIsImmutable => StatusCodes.Status403Forbidden,
        UserLimitReached => StatusCodes.Status403Forbidden,
        PlanFeatureUnavailable => StatusCodes.Status403Forbidden,
        OnlyRootUser => StatusCodes.Status403Forbidden,
        ObjectNotFound => StatusCodes.Status404NotFound,
        EmailAlreadyTaken => StatusCodes.Status409Conflict,
        NameAlreadyTaken => StatusCodes.Status409Conflict,
        RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, StatusOf(this));

    /// <summary>Writes this error with <paramref name="status"/>, in the body shape of the API the request is for.</summary>
    public Task WriteAsync(HttpContext httpContext, int status)
    {
        httpContext.Response.StatusCode = status;
        object body = PermissionsError.Speaks(httpContext)
            ? PermissionsErrorBody.Of(this, status)
            : new ErrorBody(new ErrorDetail(Message));
        return httpContext.Response.WriteAsJsonAsync(body, httpContext.RequestAborted);
    }

    /// <summary>The error responses an endpoint can give, in the body shape of its API, for the OpenAPI document.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        var body = builder is RouteEndpointBuilder route && PermissionsError.Speaks(route.RoutePattern.RawText)
            ? typeof(PermissionsErrorBody)
            : typeof(ErrorBody);
        foreach (var status in new[] { 400, 401, 403, 404, 409, 429 })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body, ["application/json"]));
        }
    }
}

public sealed record ErrorBody(ErrorDetail Error);
public sealed record ErrorDetail(string Message);

public sealed record InvalidInput(string Detail) : RosterError(Detail);
public sealed record InvalidCredentials() : RosterError("Invalid credentials");
public sealed record ObjectNotFound(string Detail = "not found") : RosterError(Detail);
public sealed record EmailAlreadyTaken() : RosterError("Has already been taken");
public sealed record NameAlreadyTaken(string Detail) : RosterError(Detail);
public sealed record UserLimitReached() : RosterError("You have reached the maximum number of users allowed for your plan.");
public sealed record TooManyProductEnvironments() : RosterError(
    $"A user can be given at most {Features.Users.User.MaxNamedProductEnvironments} product environments; give access to all of them instead.");
public sealed record RootUserIsImmutable(string Detail) : RosterError(Detail);
public sealed record UserIsInactive() : RosterError("The user is inactive: deleted users cannot be changed.");
public sealed record PlanFeatureUnavailable(string Detail) : RosterError(Detail);
public sealed record OnlyRootUser(string Detail) : RosterError(Detail);
public sealed record InvalidToken() : RosterError("The link is invalid or has expired.");
public sealed record RateLimited() : RosterError("Too many requests");
public sealed record InternalError() : RosterError("Internal server error");

/// <summary>A status the pipeline decided (routing's 404 and 405, a cancelled request), written in the error shape.</summary>
public sealed record PipelineStatus(string Detail) : RosterError(Detail);

/// <summary>Thrown where returning is impractical (input parsing); the exception handler writes <see cref="Error"/>.</summary>
public sealed class RosterErrorException(RosterError error) : BadHttpRequestException(error.Message, RosterError.StatusOf(error))
{
    public RosterError Error { get; } = error;
}
