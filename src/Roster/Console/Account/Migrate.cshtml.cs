using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One principal of the migration plan as the migration page lists it: what it is and what it will hold.</summary>
public sealed record MigrationRow(string Kind, string Name, bool IsRoot, string? LegacyRole, IReadOnlyList<string> Holds);

/// <summary>
/// The one-way migration to Roles and Permissions (<c>/console/account/migrate</c>), reached from the Account page of a legacy
/// account: the dry-run plan as a table of what every user, group and key will hold (paged), and the confirmation that runs
/// it. Both are <see cref="MigratePermissions"/>, which refuses an account that has migrated already.
/// </summary>
public sealed class AccountMigrateModel(RosterDb db, TimeProvider time) : ConsolePage
{
    public const int PlanPageSize = 50;

    protected override string? RequiredFeature => CloudinaryFeatures.AccountUpdate;

    public PermissionSystem System { get; private set; }

    public IReadOnlyList<MigrationRow> PlanRows { get; private set; } = [];

    public int PlanPrincipals { get; private set; }

    public int PlanNewAssignments { get; private set; }

    public int PlanPage { get; private set; } = 1;

    public int PlanPages { get; private set; } = 1;

    public async Task OnGetAsync([FromQuery(Name = "plan_page")] string? planPage, CancellationToken ct)
    {
        System = await db.Accounts.Where(a => a.Id == AccountId).Select(a => a.PermissionSystem).FirstAsync(ct);
        if (System != PermissionSystem.Legacy)
        {
            return;
        }
        // The dry run answers a plan for a legacy account only; an account on Roles and Permissions has none to show.
        var (plan, _) = await MigratePermissions.RunAsync(db, AccountId, dryRun: true, Actor.From(HttpContext), time, ct);
        if (plan is null)
        {
            return;
        }
        var rows = RowsOf(plan);
        PlanPrincipals = rows.Count;
        PlanNewAssignments = plan.NewAssignments;
        PlanPages = Math.Max(1, (rows.Count + PlanPageSize - 1) / PlanPageSize);
        PlanPage = int.TryParse(planPage, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PlanPages) : 1;
        PlanRows = rows.Skip((PlanPage - 1) * PlanPageSize).Take(PlanPageSize).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.AccountUpdate))
        {
            Flash("Your roles do not allow changing the account.", refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        var (plan, error) = await MigratePermissions.RunAsync(db, AccountId, dryRun: false, Actor.From(HttpContext), time, ct);
        if (plan is null)
        {
            Flash(error!.Message, refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        Flash($"The account now uses Roles and Permissions: {plan.NewAssignments} role assignments were written for {plan.PrincipalsChanged} users, groups and keys.");
        return LocalRedirect(ConsoleLinks.Account + "#permissions");
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
