using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Features.TwoFactor;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The second step of signing in (<c>/console/sign-in/code</c>): the authentication code, or a recovery code, for a session
/// past the password. Success ends that session and starts the signed-in one under a new cookie.
/// </summary>
/// <remarks>
/// Anonymous to the folder's convention, whose Console policy (signed in all the way) no session at this step meets: the
/// page authorizes with <see cref="Policies.ConsoleSecondFactor"/> itself, before any handler runs.
/// </remarks>
[AllowAnonymous]
public sealed class SignInCodeModel(
    RosterDb db, TwoFactorKeys keys, SignInLimits limits, SessionLimits sessions, SignInThrottle throttle, IAuthorizationService authorization,
    TimeProvider time, ILogger<SignInCodeModel> logger) : PageModel
{
    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    [BindProperty(Name = "recovery_code")]
    public string? RecoveryCode { get; set; }

    [BindProperty(Name = "recovery", SupportsGet = true)]
    public string? Recovery { get; set; }

    [BindProperty(Name = "return_url", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Whether the page asks for a recovery code instead of the authenticator's code.</summary>
    public bool UsesRecoveryCode => Recovery == "1";

    public string AuthenticatorLink => ConsoleLinks.WithReturn(SessionAuthenticationHandler.SecondFactorPath, ReturnUrl);

    public string RecoveryLink => AuthenticatorLink + (AuthenticatorLink.Contains('?') ? "&" : "?") + "recovery=1";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var current = await HttpContext.AuthenticateAsync(SessionAuthenticationHandler.SchemeName);
        if (current.Succeeded && current.Principal.HasClaim(RosterClaims.SessionStage, SessionStage.SignedIn.Wire()))
        {
            context.Result = LocalRedirect(ConsoleLinks.SafeReturn(ReturnUrl));
            return;
        }
        if (!current.Succeeded || !(await authorization.AuthorizeAsync(current.Principal, Policies.ConsoleSecondFactor)).Succeeded)
        {
            context.Result = LocalRedirect(ConsoleLinks.WithReturn(ConsoleLinks.SignIn, ReturnUrl));
            return;
        }
        HttpContext.User = current.Principal;
        await next();
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsBlocked(address))
        {
            Error = SignInModel.TooManyFailures;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var recovery = UsesRecoveryCode || (RecoveryCode is { Length: > 0 } && Code is not { Length: > 0 });
        var attempt = new SecondFactorAttempt(
            User.FindFirst(RosterClaims.UserId)!.Value, User.FindFirst(RosterClaims.SessionId)!.Value, recovery ? RecoveryCode : Code, recovery);
        var outcome = await SecondFactorSignIn.RunAsync(attempt, db, keys, limits, sessions, Actor.From(HttpContext), time, logger, ct);
        if (!outcome.Succeeded)
        {
            throttle.RecordFailure(address);
            Error = outcome.Error.Message;
            return Page();
        }
        SessionCookie.Write(HttpContext, outcome.Value.Token);
        return LocalRedirect(ConsoleLinks.SafeReturn(ReturnUrl));
    }
}
