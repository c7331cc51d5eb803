using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Users;

namespace Roster.Features.Permissions;

/// <summary>
/// One answer to "what role does this user have": on a Roles and Permissions account the v1_1 role is the one
/// <see cref="LegacyRoleField.BestMatch"/> derives from the user's global system roles, and <see cref="User.Role"/>
/// stores exactly that, so that listing sorts and filters by it and the "a master admin has every product
/// environment" rule reads it. Whenever a unit of work adds or removes a user's account or product-environment
/// role assignment, the stored role of that user is derived again before the save, in the same transaction.
/// Legacy accounts store the role as written, root users are always master admins, and deleted users keep theirs.
/// </summary>
public sealed class DerivedRoles : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is RosterDb db)
        {
            await DeriveAsync(db, cancellationToken);
        }
        return result;
    }

    // Note: Data Protection's key store saves its keys synchronously; a save that touches no role assignment derives
    // nothing, so only one that does is refused.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is RosterDb db && Changed(db).Count > 0
            ? throw new InvalidOperationException("Roster saves role assignments asynchronously; a synchronous save would skip the derived roles.")
            : result;

    private static List<RoleAssignment> Changed(RosterDb db) => db.ChangeTracker.Entries<RoleAssignment>()
        .Where(e => e.State is EntityState.Added or EntityState.Deleted)
        .Select(e => e.Entity)
        .Where(a => a.PrincipalType == PrincipalType.User && a.FolderId == null && a.CollectionId == null
            && LegacyRoleField.IsGlobalSystemRole(a.RoleId))
        .ToList();

    private static async Task DeriveAsync(RosterDb db, CancellationToken ct)
    {
        var changed = Changed(db);
        foreach (var account in changed.GroupBy(a => a.AccountId))
        {
            if (await db.IsLegacyAsync(account.Key, ct))
            {
                continue;
            }
            var userIds = account.Select(a => a.PrincipalId).Distinct(StringComparer.Ordinal).ToList();
            var added = db.ChangeTracker.Entries<RoleAssignment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);
            var removed = db.ChangeTracker.Entries<RoleAssignment>().Where(e => e.State == EntityState.Deleted)
                .Select(e => e.Entity.Id).ToHashSet(StringComparer.Ordinal);
            // What the users will hold once this unit of work is saved: the stored rows it keeps, and the ones it adds.
            var stored = await db.RoleAssignments.AsNoTracking()
                .Where(a => a.AccountId == account.Key && a.PrincipalType == PrincipalType.User && userIds.Contains(a.PrincipalId)
                    && a.FolderId == null && a.CollectionId == null)
                .Select(a => new { a.Id, a.PrincipalId, a.RoleId, a.ScopeId })
                .ToListAsync(ct);
            var held = stored.Where(a => !removed.Contains(a.Id)).Select(a => (a.Id, a.PrincipalId, a.RoleId, a.ScopeId))
                .Concat(added.Where(a => a.AccountId == account.Key && a.PrincipalType == PrincipalType.User && a.FolderId == null
                    && a.CollectionId == null).Select(a => (a.Id, a.PrincipalId, a.RoleId, a.ScopeId)))
                .DistinctBy(a => a.Id)
                .Where(a => LegacyRoleField.IsGlobalSystemRole(a.RoleId))
                .ToLookup(a => a.PrincipalId, StringComparer.Ordinal);
            var users = await db.Users.Where(u => u.AccountId == account.Key && userIds.Contains(u.Id) && !u.IsRoot
                && u.Status != UserStatus.Inactive).ToListAsync(ct);
            foreach (var user in users)
            {
                user.Role = Derived(held[user.Id].Select(a => (a.RoleId, a.ScopeId)));
            }
        }
    }

    /// <summary>The migration after which every Roles and Permissions account's stored roles are derived ones.</summary>
    public const string Migration = "DerivedUserRoles";

    /// <summary>
    /// Derives the stored role of every live user on every Roles and Permissions account, for rows written before
    /// roles were derived on save; returns how many changed. Run once, when <see cref="Migration"/> is applied.
    /// </summary>
    public static async Task<int> DeriveAllAsync(RosterDb db, CancellationToken ct)
    {
        var accounts = db.Accounts.Where(a => a.PermissionSystem == PermissionSystem.Roles).Select(a => a.Id);
        var held = (await db.RoleAssignments.AsNoTracking()
                .Where(a => accounts.Contains(a.AccountId) && a.PrincipalType == PrincipalType.User && a.FolderId == null && a.CollectionId == null)
                .Select(a => new { a.PrincipalId, a.RoleId, a.ScopeId })
                .ToListAsync(ct))
            .Where(a => LegacyRoleField.IsGlobalSystemRole(a.RoleId))
            .ToLookup(a => a.PrincipalId, StringComparer.Ordinal);
        var changed = 0;
        foreach (var user in await db.Users.AsTracking()
            .Where(u => accounts.Contains(u.AccountId) && !u.IsRoot && u.Status != UserStatus.Inactive).ToListAsync(ct))
        {
            var derived = Derived(held[user.Id].Select(a => (a.RoleId, a.ScopeId)));
            if (user.Role != derived)
            {
                user.Role = derived;
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The legacy role a user's global system roles (account scope: no scope id) read as.</summary>
    private static LegacyRole Derived(IEnumerable<(string RoleId, string? ScopeId)> held)
    {
        var roles = held.ToList();
        return LegacyRoleField.BestMatch(
            roles.Where(a => a.ScopeId is null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal),
            roles.Where(a => a.ScopeId is not null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal));
    }
}
