using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The console's error page (<see cref="ConsoleErrors"/>): shown in place of any page that answered an error status
/// without a body of its own, or threw, with the status kept, a plain reason and a link home; in the signed-in shell when
/// the browser holds a session. It takes every method (the request it stands in for may be a post) and no antiforgery
/// token (the one that failed may be why it is shown). Opened directly, there is nothing here: a 404.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ConsoleErrorModel(IAntiforgery antiforgery, ILogger<ConsoleErrorModel> logger) : PageModel
{
    public const string Expired = "This form has expired; reload the page and try again.";

    public int Status { get; private set; } = StatusCodes.Status404NotFound;

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>Decides the status, the reason and the shell; the view calls it first, whatever the method.</summary>
    public async Task DescribeAsync()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (failure is not null)
        {
            Status = RosterHost.DescribeException(HttpContext, failure.Error, failure.Path).Status;
        }
        else if (reExecuted is not null)
        {
            Status = reExecuted.OriginalStatusCode;
        }
        Response.StatusCode = Status;
        (Heading, Message) = Status switch
        {
            StatusCodes.Status400BadRequest => await BadRequestAsync(),
            StatusCodes.Status404NotFound => ("Page not found", "There is no such page in the console. The link may be wrong, or what it showed may have been deleted."),
            StatusCodes.Status405MethodNotAllowed => ("Not allowed here", "That page cannot be used this way. Go back and use its links and forms."),
            StatusCodes.Status413PayloadTooLarge => ("Too much to send", "The form is too large to send. Send less at a time."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a moment and try again."),
            StatusCodes.Status503ServiceUnavailable => ("Roster is unavailable", "The database cannot be reached right now. Try again in a few seconds."),
            >= 500 => ("Something went wrong", "Roster could not complete the request. Try again; if it happens again, tell the people who run Roster."),
            _ => ("The request could not be completed", $"The request was refused (HTTP {Status}). Go back and try again."),
        };
        // Note: with the database out, the shell (read from it) is not even tried.
        if (Status != StatusCodes.Status503ServiceUnavailable)
        {
            await ShellAsync();
        }
    }

    private async Task<(string, string)> BadRequestAsync()
    {
        if (ConsoleErrors.Problems(HttpContext).Count > 0)
        {
            return ("The form could not be used", "A field held characters no field may hold, such as NUL. Go back, remove them and try again.");
        }
        if (!ConsoleErrors.Unreadable(HttpContext) && Request.HasFormContentType && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return ("This form has expired", Expired);
        }
        return ("The request could not be read", "Reload the page and try again.");
    }

    /// <summary>The signed-in shell, when the browser's session is signed in all the way; the page is plain otherwise.</summary>
    private async Task ShellAsync()
    {
        try
        {
            var session = await HttpContext.AuthenticateAsync(SessionAuthenticationHandler.SchemeName);
            if (session.Succeeded && session.Principal.HasClaim(RosterClaims.SessionStage, SessionStage.SignedIn.Wire())
                && session.Principal.FindFirstValue(RosterClaims.UserId) is { } userId)
            {
                var (shell, mustEnrol) = await ConsoleShell.LoadAsync(HttpContext, userId);
                if (!mustEnrol)
                {
                    ViewData[ConsoleShell.Key] = shell;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Note: the error page must show whatever failed; what stopped the shell is logged, and the page is plain.
            logger.LogWarning(e, "The error page of {Path} is shown without the signed-in shell", Request.Path);
        }
    }
}
