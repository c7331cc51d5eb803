using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Features.Profile;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>Where the confirmation link of an e-mail change leads.</summary>
public enum EmailConfirmation { Ready, Confirmed, Invalid, Taken }

/// <summary>
/// The page the link of an address change opens (<c>/console/confirm-email?token=…</c>): it names the address and asks to
/// confirm it with a button, and the POST applies the change (<see cref="ConfirmEmailChange"/>). A GET changes nothing, so
/// a mail scanner that opens links does not confirm anything.
/// </summary>
/// <remarks>
/// Open without a session: the link is often opened on another device (a phone's mail app) than the one signed in, and
/// what it proves is that its opener reads the new mailbox; the link is single-use, expires after 24 hours and was asked
/// for with a session and the current password.
/// </remarks>
[AllowAnonymous]
public sealed class ConfirmEmailModel(RosterDb db, OutboxPayloads outbox, TimeProvider time) : PageModel
{
    [BindProperty(Name = "token", SupportsGet = true)]
    public string? Token { get; set; }

    public EmailConfirmation State { get; private set; }

    /// <summary>The address the link confirms (or confirmed, or could not).</summary>
    public string? NewEmail { get; private set; }

    /// <summary>The user's address until the change.</summary>
    public string? CurrentEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await ConfirmEmailChange.PeekAsync(Token ?? "", db, time, ct);
        State = found is null ? EmailConfirmation.Invalid : EmailConfirmation.Ready;
        (NewEmail, CurrentEmail) = (found?.NewEmail, found?.User.Email);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await ConfirmEmailChange.RunAsync(Token ?? "", db, outbox, Actor.From(HttpContext), time, ct);
        if (outcome.Succeeded)
        {
            State = EmailConfirmation.Confirmed;
            NewEmail = outcome.Value.User.Email;
            return Page();
        }
        if (outcome.Error is EmailAlreadyTaken)
        {
            State = EmailConfirmation.Taken;
            NewEmail = (await ConfirmEmailChange.PeekAsync(Token ?? "", db, time, ct))?.NewEmail;
            return Page();
        }
        State = EmailConfirmation.Invalid;
        return Page();
    }
}
