using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Security;

/// <summary>
/// A person's session, from the <see cref="Sessions.CookieName"/> cookie, checked against the database on every request
/// (<see cref="Sessions.FindAsync"/>), so a session ended anywhere is over here at once. A page request without a good
/// session is sent to sign-in; a JSON request gets 401.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RosterDb db,
    SessionLimits sessions,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    public const string SignInPath = "/console/sign-in";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies[Sessions.CookieName] is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }
        var facts = await Sessions.FindAsync(db, token, sessions, time, Context.RequestAborted);
        if (facts is null)
        {
            SessionCookie.Delete(Context);
            return AuthenticateResult.Fail("The session has ended.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(RosterClaims.UserId, facts.UserId),
                new Claim(RosterClaims.AccountId, facts.AccountId),
                new Claim(RosterClaims.SessionId, facts.SessionId),
                new Claim(RosterClaims.SessionStage, facts.Stage.Wire()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (WantsJson(Request))
        {
            return new PipelineStatus(ErrorKind.Unauthenticated, "Sign in first: the session has ended or never began.").ExecuteAsync(Context);
        }
        var back = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{SignInPath}?return_url={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (WantsJson(Request))
        {
            return new PipelineStatus(ErrorKind.Forbidden, "Forbidden").ExecuteAsync(Context);
        }
        // Note: a session half-way through sign-in (the code still to come) is sent back to finish it.
        var stage = Context.User.FindFirst(RosterClaims.SessionStage)?.Value;
        Response.Redirect(stage == SessionStage.SecondFactor.Wire() ? SecondFactorPath : SignInPath);
        return Task.CompletedTask;
    }

    public const string SecondFactorPath = "/console/sign-in/code";

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true)
        || request.ContentType?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure whenever the request came over HTTPS.</summary>
public static class SessionCookie
{
    public static void Write(HttpContext context, string token) =>
        context.Response.Cookies.Append(Sessions.CookieName, token, Options(context));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(Sessions.CookieName, Options(context));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Secure = context.Request.IsHttps,
        IsEssential = true,
    };
}
