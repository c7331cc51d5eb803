using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>
/// The one-way move of a legacy account to Roles and Permissions. Every principal gets, as role assignments,
/// exactly what the legacy model gave it (<see cref="LegacyModel"/>): the account then decides every request
/// as before. The HTTP endpoint and <c>roster accounts migrate-permissions</c> run this same code.
/// </summary>
public static class MigratePermissions
{
    public const string AlreadyMigrated = "The account already uses Roles and Permissions; the migration is one-way and cannot run again.";

    /// <summary>The v2 wrapping of the plan: <c>{"data": plan}</c>.</summary>
    public sealed record MigrationResponse(MigrationPlan Data);

    public static async Task<Results<Ok<MigrationResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var dryRun = body.Bool("dry_run") ?? false;
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var (plan, error) = await RunAsync(db, accountId, dryRun, actor, time, ct);
        return plan is null ? error! : TypedResults.Ok(new MigrationResponse(plan));
    }

    /// <summary>
    /// Plans the migration and, unless <paramref name="dryRun"/>, carries it out in one transaction: the
    /// assignments, the switch to <c>roles</c>, the version bump, and one audit event per principal changed
    /// plus one for the migration. A migrated account is refused (409), an unknown one is not found (404).
    /// </summary>
    public static async Task<(MigrationPlan? Plan, RosterError? Error)> RunAsync(
        RosterDb db, string accountId, bool dryRun, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (dryRun)
        {
            var system = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (PermissionSystem?)a.PermissionSystem).FirstOrDefaultAsync(ct);
            return system switch
            {
                null => (null, new PermissionObjectNotFound("account_id", accountId, "account")),
                PermissionSystem.Legacy => (MigrationPlan.Of(await LegacyModel.LoadAsync(db, accountId, ct), dryRun: true), null),
                _ => (null, new AlreadyExists("permission_system", system.Value.Wire(), AlreadyMigrated)),
            };
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Note: the switch is the transaction's first write, so it takes the account row's lock before the
        // model is read: a second migration waits and then finds nothing to switch, and changes to users'
        // roles (which lock the same row) land either wholly before the model is read or after the switch.
        var switched = await db.Accounts.Where(a => a.Id == accountId && a.PermissionSystem == PermissionSystem.Legacy)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PermissionSystem, PermissionSystem.Roles)
                .SetProperty(a => a.PermissionsVersion, a => a.PermissionsVersion + 1), ct);
        if (switched == 0)
        {
            var system = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (PermissionSystem?)a.PermissionSystem).FirstOrDefaultAsync(ct);
            return system is null
                ? (null, new PermissionObjectNotFound("account_id", accountId, "account"))
                : (null, new AlreadyExists("permission_system", system.Value.Wire(), AlreadyMigrated));
        }

        var model = await LegacyModel.LoadAsync(db, accountId, ct);
        var plan = MigrationPlan.Of(model, dryRun: false);
        var now = time.GetUtcNow();
        // Assignments a legacy account ignores can only have been written around the API; one that is already
        // there is not written twice.
        var stored = (await db.RoleAssignments.Where(a => a.AccountId == accountId).Select(a => a.Fingerprint).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (type, principalId, holds) in Changed(model))
        {
            foreach (var holding in holds)
            {
                var assignment = ToAssignment(accountId, type, principalId, holding, now);
                if (stored.Add(assignment.Fingerprint))
                {
                    db.RoleAssignments.Add(assignment);
                }
            }
            db.Audit(actor, time, accountId, AuditAction.PermissionsMigratePrincipal, type.Wire(), principalId,
                before: model.Users.FirstOrDefault(u => type == PrincipalType.User && u.Id == principalId) is { } user
                    ? new { legacy_role = user.LegacyRole }
                    : null,
                after: new { holds = holds.Select(MigrationHolding.Of).ToList() });
        }
        db.Audit(actor, time, accountId, AuditAction.AccountMigratePermissions, "account", accountId,
            before: new { permission_system = PermissionSystem.Legacy },
            after: new { permission_system = PermissionSystem.Roles, plan.NewAssignments, plan.PrincipalsChanged });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (plan, null);
    }

    /// <summary>A new assignment for what the legacy model derived (shares are assignments already).</summary>
    public static RoleAssignment ToAssignment(string accountId, PrincipalType type, string principalId, LegacyHolding holding, DateTimeOffset now) =>
        RoleAssignment.New(accountId, type, principalId, holding.RoleId, holding.ScopeId, holding.PolicyParameters, now);

    private static IEnumerable<(PrincipalType Type, string Id, List<LegacyHolding> Holds)> Changed(LegacyModel model) =>
        model.All.Where(x => x.Holding.Source != LegacySources.Share)
            .GroupBy(x => (x.Type, x.Id))
            .Select(g => (g.Key.Type, g.Key.Id, g.Select(x => x.Holding).ToList()));
}
