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

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var db = HttpContext.RequestServices.GetRequiredService<RosterDb>();
        var userId = UserId;
        var shell = await (
                from u in db.Users.AsNoTracking()
                join a in db.Accounts on u.AccountId equals a.Id
                where u.Id == userId
                select new ConsoleShell(a.Id, a.Name, u.Id, u.Name, u.Email))
            .FirstAsync(HttpContext.RequestAborted);
        Shell = shell;
        ViewData[ConsoleShell.Key] = shell;
        await next();
    }
}
