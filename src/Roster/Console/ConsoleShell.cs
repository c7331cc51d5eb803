using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// What every signed-in page shows around its content: the account, the signed-in user, and what that user may do
/// (<see cref="Features"/>), which decides the navigation.
/// </summary>
public sealed record ConsoleShell(
    string AccountId, string AccountName, Plan Plan, PermissionSystem PermissionSystem, string UserId, string UserName, string UserEmail, bool UserIsRoot)
{
    public const string Key = "Roster.ConsoleShell";

    public ConsoleFeatures Features { get; init; } = ConsoleFeatures.None;

    /// <summary>
    /// The shell of <paramref name="userId"/>'s page, with what the user may do; and whether the user must set up two-factor
    /// authentication (the account requires it and the user has none) before any other page opens.
    /// </summary>
    public static async Task<(ConsoleShell Shell, bool MustEnrol)> LoadAsync(HttpContext context, string userId)
    {
        var db = context.RequestServices.GetRequiredService<RosterDb>();
        var found = await (
                from u in db.Users.AsNoTracking()
                join a in db.Accounts on u.AccountId equals a.Id
                where u.Id == userId
                select new
                {
                    Shell = new ConsoleShell(a.Id, a.Name, a.Plan, a.PermissionSystem, u.Id, u.Name, u.Email, u.IsRoot),
                    MustEnrol = a.RequireTwoFactor && u.TwoFactorKey == null,
                })
            .FirstAsync(context.RequestAborted);
        var decider = context.RequestServices.GetRequiredService<Decider>();
        var features = await ConsoleFeatures.DecideAsync(decider, found.Shell.AccountId, userId, context.RequestAborted);
        return (found.Shell with { Features = features }, found.MustEnrol);
    }

    /// <summary>Role Management exists only on Roles and Permissions accounts (the seeds' way to tell the systems apart).</summary>
    public bool HasRoleManagement => PermissionSystem == PermissionSystem.Roles;

    /// <summary>The console's sections this user may open, in navigation order.</summary>
    public IEnumerable<(string Text, string Href)> Navigation()
    {
        yield return ("Home", ConsoleLinks.Home);
        if (Features.May(CloudinaryFeatures.UsersView)) yield return ("Users", ConsoleLinks.Users);
        if (Features.May(CloudinaryFeatures.GroupsView)) yield return ("Groups", ConsoleLinks.Groups);
        if (HasRoleManagement && Features.May(CloudinaryFeatures.RolesView)) yield return ("Roles", ConsoleLinks.Roles);
        if (Features.May(CloudinaryFeatures.ProductEnvironmentsView)) yield return ("Product environments", ConsoleLinks.ProductEnvironments);
        if (Features.May(CloudinaryFeatures.AccountView)) yield return ("Account", ConsoleLinks.Account);
        if (Features.May(CloudinaryFeatures.AuditLogView)) yield return ("Audit log", ConsoleLinks.AuditLog);
    }
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

    /// <summary>
    /// The feature (<see cref="CloudinaryFeatures"/>) a user must be allowed to open the page at all; null for pages every
    /// signed-in user has. Others are sent to <see cref="ConsoleLinks.Forbidden"/>. Handlers that change something check
    /// their own feature again with <see cref="May"/>: a hidden button is not security.
    /// </summary>
    protected virtual string? RequiredFeature => null;

    /// <summary>Whether the signed-in user may use <paramref name="feature"/>, as the account's policies decide.</summary>
    public bool May(string feature) => Shell.Features.May(feature);

    /// <summary>A message shown at the top of the next page (after a redirect), as a result or as a refusal.</summary>
    protected void Flash(string message, bool refusal = false) =>
        TempData[refusal ? FlashRefusalKey : FlashKey] = message;

    /// <summary>The reasons a posted form was refused, by field name (or section name); the page shows each at its field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The field's <c>aria-invalid</c> value.</summary>
    public string Invalid(string field) => Errors.ContainsKey(field) ? "true" : "false";

    /// <summary>The page again, with <paramref name="error"/> next to its own field, or next to <paramref name="fallback"/>.</summary>
    protected PageResult Refused(RosterError error, string fallback)
    {
        Errors[error is InvalidField field ? field.Name : fallback] = error.Message;
        return Page();
    }

    /// <summary>A time as the console shows it.</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time as the console shows it, or a dash for none.</summary>
    public static string When(DateTimeOffset? at) => at is { } value ? When(value) : "—";

    public const string FlashKey = "Roster.Flash";
    public const string FlashRefusalKey = "Roster.FlashRefusal";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var (shell, mustEnrol) = await ConsoleShell.LoadAsync(HttpContext, UserId);
        Shell = shell;
        ViewData[ConsoleShell.Key] = Shell;
        if (mustEnrol && !OpenBeforeTwoFactorEnrolment)
        {
            context.Result = LocalRedirect(ConsoleLinks.TwoFactorEnrolment);
            return;
        }
        if (RequiredFeature is { } feature && !Shell.Features.May(feature))
        {
            context.Result = LocalRedirect(ConsoleLinks.Forbidden);
            return;
        }
        await next();
    }
}
