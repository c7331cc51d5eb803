using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

[AllowAnonymous]
public sealed class SignInModel(
    RosterDb db, IPasswordHasher<User> hasher, SignInLimits limits, SessionLimits sessions, SignInThrottle throttle,
    ExternalProviders providers, TimeProvider time, ILogger<SignInModel> logger) : PageModel
{
    public const string TooManyFailures = "Too many failed sign-ins from your network. Wait a few minutes and try again.";

    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    [BindProperty(Name = "password")]
    public string? Password { get; set; }

    [BindProperty(Name = "return_url", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The external providers, one button each below the form.</summary>
    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    public async Task<IActionResult> OnGetAsync(string? ended, string? failed)
    {
        var current = await HttpContext.AuthenticateAsync(SessionAuthenticationHandler.SchemeName);
        if (current.Succeeded && current.Principal.HasClaim(RosterClaims.SessionStage, SessionStage.SignedIn.Wire()))
        {
            return LocalRedirect(ConsoleLinks.SafeReturn(ReturnUrl));
        }
        Notice = ended is null ? null : "You have signed out.";
        // Note: an external sign-in that failed comes back here (ExternalCallbackModel.FailedQuery) with the one message.
        Error = failed == "external" ? new SignInFailed().Message : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsBlocked(address))
        {
            Error = TooManyFailures;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var outcome = await PasswordSignIn.RunAsync(
            new Credentials(Email ?? "", Password ?? ""), db, hasher, limits, sessions, Actor.From(HttpContext), time, logger, ct);
        if (!outcome.Succeeded)
        {
            throttle.RecordFailure(address);
            Error = outcome.Error.Message;
            return Page();
        }
        var signedIn = outcome.Value;
        SessionCookie.Write(HttpContext, signedIn.Started.Token);
        return signedIn.Started.Session.Stage == SessionStage.SecondFactor
            ? LocalRedirect(ConsoleLinks.WithReturn(SessionAuthenticationHandler.SecondFactorPath, ReturnUrl))
            : signedIn.MustEnrolTwoFactor
                ? LocalRedirect(ConsoleLinks.TwoFactorEnrolment)
                : LocalRedirect(ConsoleLinks.SafeReturn(ReturnUrl));
    }
}
