using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>What every signed-in page shows around its content: the account, the signed-in user.</summary>
public sealed record ConsoleShell(string AccountId, string AccountName, string UserId, string UserName, string UserEmail)
{
    public const string Key = "Roster.ConsoleShell";
}

/// <summary>
/// The base of every signed-in console page: it loads the shell (the account's name, the signed-in user) before the
/// handler runs, and names the session's user and account for the handler.
/// </summary>
public abstract class ConsolePage : PageModel
{
    public ConsoleShell Shell { get; private set; } = null!;

    public string UserId => User.FindFirstValue(RosterClaims.UserId) ?? throw new InvalidOperationException("No session.");

    public string AccountId => User.FindFirstValue(RosterClaims.AccountId) ?? throw new InvalidOperationException("No session.");

    public string SessionId => User.FindFirstValue(RosterClaims.SessionId) ?? throw new InvalidOperationException("No session.");

    /// <summary>
    /// Whether the page is open to a user whose account requires two-factor authentication before it is set up: only the
    /// page that sets it up is. Every other page sends such a user there, so that the requirement holds for sessions that
    /// were open before it was turned on, and after an administrator reset the user's second factor.
    /// </summary>
    protected virtual bool OpenBeforeTwoFactorEnrolment => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = HttpContext.RequestServices.GetRequiredService<RosterDb>();
        var userId = UserId;
        var found = await (
                from u in db.Users.AsNoTracking()
                join a in db.Accounts on u.AccountId equals a.Id
                where u.Id == userId
                select new { Shell = new ConsoleShell(a.Id, a.Name, u.Id, u.Name, u.Email), MustEnrol = a.RequireTwoFactor && u.TwoFactorKey == null })
            .FirstAsync(HttpContext.RequestAborted);
        Shell = found.Shell;
        ViewData[ConsoleShell.Key] = found.Shell;
        if (found.MustEnrol && !OpenBeforeTwoFactorEnrolment)
        {
            context.Result = LocalRedirect(ConsoleLinks.TwoFactorEnrolment);
            return;
        }
        await next();
    }
}
