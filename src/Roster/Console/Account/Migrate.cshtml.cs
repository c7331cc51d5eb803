using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The confirmation of the one-way migration to Roles and Permissions (<c>/console/account/migrate</c>); the migration itself
/// is <see cref="MigratePermissions"/>, which refuses an account that has migrated already.
/// </summary>
public sealed class AccountMigrateModel(RosterDb db, TimeProvider time) : ConsolePage
{
    protected override string? RequiredFeature => CloudinaryFeatures.AccountUpdate;

    public PermissionSystem System { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        System = await db.Accounts.Where(a => a.Id == AccountId).Select(a => a.PermissionSystem).FirstAsync(ct);

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
}
