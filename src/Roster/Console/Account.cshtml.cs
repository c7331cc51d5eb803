using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One principal of the migration plan as the Account page lists it: what it is and what it will hold.</summary>
public sealed record MigrationRow(string Kind, string Name, bool IsRoot, string? LegacyRole, IReadOnlyList<string> Holds);

/// <summary>
/// Account (<c>/console/account</c>): the plan and the user limit, the account management key, the permission system (on a
/// legacy account the migration's dry-run plan, paged), the two-factor requirement, and, for the root user, cancelling.
/// Changes run through the same operations as Roster's API; the confirmation pages below it carry the one-way ones.
/// </summary>
public sealed class AccountModel(RosterDb db, IOptions<PlanOptions> plans, TimeProvider time) : ConsolePage
{
    public const int PlanPageSize = 50;

    protected override string? RequiredFeature => CloudinaryFeatures.AccountView;

    public Roster.Features.Accounts.Account Account { get; private set; } = null!;

    public int UserLimit { get; private set; }

    public IReadOnlyList<MigrationRow> PlanRows { get; private set; } = [];

    public int PlanPrincipals { get; private set; }

    public int PlanNewAssignments { get; private set; }

    public int PlanPage { get; private set; } = 1;

    public int PlanPages { get; private set; } = 1;

    // Note: a post to a handler the page lacks renders the page too, so what it shows is read whenever a page is answered.
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                await LoadAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    public async Task OnGetAsync([FromQuery(Name = "plan_page")] string? planPage, CancellationToken ct)
    {
        // The dry run answers a plan for a legacy account only; an account on Roles and Permissions has none to show.
        var (plan, _) = await MigratePermissions.RunAsync(db, AccountId, dryRun: true, Actor.From(HttpContext), time, ct);
        if (plan is not null)
        {
            var rows = RowsOf(plan);
            PlanPrincipals = rows.Count;
            PlanNewAssignments = plan.NewAssignments;
            PlanPages = Math.Max(1, (rows.Count + PlanPageSize - 1) / PlanPageSize);
            PlanPage = int.TryParse(planPage, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
                ? Math.Clamp(p, 1, PlanPages)
                : 1;
            PlanRows = rows.Skip((PlanPage - 1) * PlanPageSize).Take(PlanPageSize).ToList();
        }
    }

    /// <summary>Turns "Require two-factor authentication" on or off.</summary>
    public async Task<IActionResult> OnPostTwoFactorAsync([FromForm(Name = "required")] string? required, CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.AccountSecurityUpdate))
        {
            Flash("Your roles do not allow changing the account's security settings.", refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        var on = required is "true" or "on";
        var changed = await SetTwoFactorRequirement.RunAsync(AccountId, on, db, Actor.From(HttpContext), time, ct);
        Flash(!changed.Succeeded ? changed.Error.Message
            : on ? "Two-factor authentication is now required: users without it set it up at their next page."
            : "Two-factor authentication is no longer required.", refusal: !changed.Succeeded);
        return LocalRedirect(ConsoleLinks.Account + "#security");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == AccountId, ct);
        UserLimit = Account.UserLimit(plans.Value);
    }

    /// <summary>Every principal of the plan, users first (the root user at the top), then groups, then keys.</summary>
    public static List<MigrationRow> RowsOf(MigrationPlan plan) =>
    [
        .. plan.Users.OrderByDescending(u => u.Root).ThenBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new MigrationRow("User", u.Email, u.Root, u.LegacyRole.Wire(), u.Root ? ["Everything, as the root user"] : Describe(u.Holds))),
        .. plan.Groups.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new MigrationRow("Group", g.Name, false, null, Describe(g.Holds))),
        .. plan.ApiKeys.Select(k => new MigrationRow("API key", k.Name is { Length: > 0 } name ? $"{name} ({k.ApiKey})" : k.ApiKey, false, null, Describe(k.Holds))),
    ];

    private static List<string> Describe(IReadOnlyList<MigrationHolding> holds) =>
        holds.Count == 0
            ? ["Nothing"]
            : [.. holds.Select(h => (CloudinaryCatalogue.FindRole(h.RoleId)?.Name ?? h.RoleId)
                + (h.ScopeId is null ? " on the account" : $" on product environment {h.ScopeId}"))];
}
