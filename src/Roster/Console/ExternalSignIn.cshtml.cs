using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>What an external sign-in page shows when it cannot go on: a title and a sentence saying why.</summary>
public sealed record ExternalProblem(string Title, string Text)
{
    public static ExternalProblem NotFound(ExternalProviders providers, string? provider) => new("Not found", providers.Any
        ? $"There is no sign-in with \u201c{provider}\u201d here. Go back to the sign-in page and choose one of its buttons."
        : "This installation has no sign-in through external providers. Sign in with your e-mail address and password.");
}

/// <summary>
/// The start of a sign-in through an external provider: the sign-in page's button links here (a GET), and the answer sends
/// the browser to the provider. A link, not a form: browsers hold a form's redirects to <c>form-action</c> too (Chromium
/// blocks a post to this page whose answer redirects to the provider, under the console's <c>form-action 'self'</c>), and a
/// link anyone starts signs the browser's own person in, no one else.
/// </summary>
[AllowAnonymous]
public sealed class ExternalSignInModel(ExternalProviders providers, ILogger<ExternalSignInModel> logger) : PageModel
{
    public ExternalProblem? Problem { get; private set; }

    public IActionResult OnGet(string provider, [FromQuery(Name = "return_url")] string? returnUrl)
    {
        if (providers.Find(provider) is not { } configured)
        {
            Problem = ExternalProblem.NotFound(providers, provider);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (!Request.IsHttps && !providers.AllowHttp)
        {
            logger.LogWarning("Sign-in with {Provider} refused over plain HTTP: serve Roster over HTTPS, name its proxy in "
                + "Roster__ForwardedHeaders__KnownProxies, or set Roster__External__AllowHttp=true for a trial on loopback", configured.Name);
            Problem = new ExternalProblem("HTTPS needed",
                $"Sign-in with {configured.DisplayName} works only over HTTPS. Open this page at its https:// address, or ask your administrator.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Challenge(ExternalAuthentication.Challenge(configured, ConsoleLinks.SafeReturn(returnUrl)), ExternalAuthentication.SchemeName);
    }
}
