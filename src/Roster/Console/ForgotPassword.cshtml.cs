using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.ConsolePages;

[AllowAnonymous]
public sealed class ForgotPasswordModel(RosterDb db, OutboxPayloads outbox, SignInThrottle throttle, TimeProvider time, ILogger<ForgotPasswordModel> logger)
    : PageModel
{
    [BindProperty(Name = "email")]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            Error = "Enter your e-mail address.";
            return Page();
        }
        // Note: each request counts against the address like a failed sign-in, so the page cannot be used to flood
        // someone's mailbox or to probe many addresses.
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsBlocked(address))
        {
            Error = SignInModel.TooManyFailures;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        throttle.RecordFailure(address);
        await RecoverPassword.RunAsync(Email, db, outbox, Actor.From(HttpContext), time, logger, ct);
        Sent = true;
        return Page();
    }
}
