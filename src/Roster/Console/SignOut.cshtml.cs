using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>Ends the current session (a POST from the layout's button; a GET only shows the sign-in page).</summary>
[AllowAnonymous]
public sealed class SignOutModel(RosterDb db, TimeProvider time) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(ConsoleLinks.SignIn);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await HttpContext.AuthenticateAsync(SessionAuthenticationHandler.SchemeName);
        if (current.Succeeded && current.Principal.FindFirst(RosterClaims.UserId)?.Value is { } userId
            && current.Principal.FindFirst(RosterClaims.SessionId)?.Value is { } sessionId
            && current.Principal.FindFirst(RosterClaims.AccountId)?.Value is { } accountId)
        {
            if (await db.EndAsync(userId, sessionId, SessionEnd.SignOut, time, ct))
            {
                var actor = Actor.From(HttpContext) with { Type = ActorType.User, Id = userId };
                db.Audit(actor, time, accountId, AuditAction.UserSignOut, "user", userId, after: new { session_id = sessionId });
                await db.SaveChangesAsync(ct);
            }
        }
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(ConsoleLinks.SignIn + "?ended=1");
    }
}
