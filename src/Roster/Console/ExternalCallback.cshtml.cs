using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Where a provider sends the browser back (the redirect URI registered with it). OpenIddict has checked the state, its
/// correlation cookie, the code exchange and the tokens by the time this page runs; the page reads who the provider
/// vouches for and hands it to <see cref="ExternalSignIn"/>. Any failure goes back to the sign-in page with its one message.
/// </summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(
    RosterDb db, ExternalProviders providers, SignInLimits limits, SessionLimits sessions, IHttpClientFactory http, TimeProvider time,
    ILogger<ExternalCallbackModel> logger) : PageModel
{
    /// <summary>The sign-in page's query when an external sign-in failed: it shows <see cref="SignInFailed"/>'s message.</summary>
    public const string FailedQuery = "failed=external";

    public ExternalProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string provider, CancellationToken ct)
    {
        if (providers.Find(provider) is not { } configured)
        {
            Problem = ExternalProblem.NotFound(providers, provider);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var result = await HttpContext.AuthenticateAsync(ExternalAuthentication.SchemeName);
        var returnUrl = ConsoleLinks.SafeReturn(result.Properties?.RedirectUri);
        if (!result.Succeeded)
        {
            logger.LogInformation("Sign-in with {Provider} did not complete: {Error} {Description}", configured.Name,
                result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error) ?? result.Failure?.Message ?? "no authorization response",
                result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription));
            return Failed(returnUrl);
        }
        // Note: the state names the provider the sign-in began with; an answer arriving at another provider's address is refused.
        if (result.Principal.FindFirst(OpenIddictConstants.Claims.Private.RegistrationId)?.Value != configured.Name)
        {
            logger.LogWarning("Sign-in with {Provider} came back with the state of another provider's sign-in", configured.Name);
            return Failed(returnUrl);
        }
        if (await IdentityAsync(configured, result, ct) is not { } identity)
        {
            return Failed(returnUrl);
        }
        var outcome = await ExternalSignIn.RunAsync(identity, db, limits, sessions, Actor.From(HttpContext), time, logger, ct);
        if (!outcome.Succeeded)
        {
            return Failed(returnUrl);
        }
        var signedIn = outcome.Value;
        SessionCookie.Write(HttpContext, signedIn.Started.Token);
        return signedIn.Started.Session.Stage == SessionStage.SecondFactor
            ? LocalRedirect(ConsoleLinks.WithReturn(SessionAuthenticationHandler.SecondFactorPath, returnUrl))
            : signedIn.MustEnrolTwoFactor
                ? LocalRedirect(ConsoleLinks.TwoFactorEnrolment)
                : LocalRedirect(returnUrl);
    }

    private LocalRedirectResult Failed(string returnUrl)
    {
        var back = ConsoleLinks.WithReturn(ConsoleLinks.SignIn, returnUrl);
        return LocalRedirect(back + (back.Contains('?') ? "&" : "?") + FailedQuery);
    }

    /// <summary>Who the provider vouches for: its subject, and the address with its verification (for GitHub, from its API).</summary>
    private async Task<ExternalIdentity?> IdentityAsync(ExternalProvider provider, AuthenticateResult result, CancellationToken ct)
    {
        var principal = result.Principal!;
        var subject = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? principal.FindFirst(OpenIddictConstants.Claims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject) || subject.Length > 255)
        {
            logger.LogWarning("Sign-in with {Provider} came back without a usable subject", provider.Name);
            return null;
        }
        if (provider.Kind == ExternalProviderKind.GitHub)
        {
            var token = result.Properties?.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelAccessToken);
            var primary = token is null ? null
                : await GitHubEmails.PrimaryAsync(http.CreateClient(GitHubEmails.HttpClientName), token, logger, ct);
            return new ExternalIdentity(provider.Name, subject, primary?.Email, primary?.Verified ?? false);
        }
        var email = principal.FindFirst(OpenIddictConstants.Claims.Email)?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        var verified = bool.TryParse(principal.FindFirst(OpenIddictConstants.Claims.EmailVerified)?.Value, out var v) && v;
        return new ExternalIdentity(provider.Name, subject, email, verified);
    }
}
