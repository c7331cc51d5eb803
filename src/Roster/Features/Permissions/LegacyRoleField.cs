using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>
/// The Provisioning API's (v1_1) one <c>role</c> string per user, in an account on Roles and Permissions.
/// Legacy accounts store and report the string as written. In a Roles and Permissions account:
/// <list type="bullet">
/// <item>Writing it (creating or updating a user with a <c>role</c>) replaces the user's own global system role
/// assignments with that legacy role's mapping: its account role, and its product-environment role on each of
/// the user's product environments (on <c>all</c> when the user has them all).</item>
/// <item>Reading it reports the legacy role whose mapping the user's own global system roles match best
/// (<see cref="BestMatch"/>); the root user reports <c>master_admin</c>, deleted users the string they last had.</item>
/// </list>
/// </summary>
public static class LegacyRoleField
{
    private static readonly string[] _globalSystemRoles =
        [.. CloudinaryCatalogue.SystemRoles.Where(r => r.PermissionType == PermissionType.Global).Select(r => r.Id)];

    /// <summary>
    /// The rule, in one place. For each legacy role's mapping (an account role and/or a product-environment
    /// role), count the mapped roles the user holds (the account role at account scope, the product-environment
    /// role on any product environment) and those it lacks; the score is held minus lacking. The best score
    /// wins, ties going to the more privileged legacy role (the catalogue's order). A user holding none of
    /// the mapped roles reports <see cref="LegacyRoles.Default"/>, the least privileged.
    /// </summary>
    public static string BestMatch(IReadOnlyCollection<string> accountRoles, IReadOnlyCollection<string> productEnvironmentRoles)
    {
        string? best = null;
        var bestScore = int.MinValue;
        foreach (var mapping in CloudinaryCatalogue.LegacyRoleMappings)
        {
            int held = 0, lacking = 0;
            foreach (var (roleId, holds) in new[] { (mapping.AccountRoleId, accountRoles), (mapping.ProductEnvironmentRoleId, productEnvironmentRoles) })
            {
                if (roleId is null) continue;
                if (holds.Contains(roleId)) held++;
                else lacking++;
            }
            if (held > 0 && held - lacking > bestScore)
            {
                (best, bestScore) = (mapping.LegacyRole, held - lacking);
            }
        }
        return best ?? LegacyRoles.Default;
    }

    /// <summary>The responses with the role each user reports (unchanged in a legacy account).</summary>
    public static async Task<List<UserResponse>> ReportAsync(RosterDb db, string accountId, IReadOnlyList<UserResponse> users, CancellationToken ct)
    {
        var asked = users.Where(u => !u.Root && u.Status != UserStatus.Inactive).Select(u => u.Id).ToList();
        if (asked.Count == 0 || await db.IsLegacyAsync(accountId, ct))
        {
            return [.. users];
        }
        var held = (await db.RoleAssignments.AsNoTracking()
                .Where(a => a.AccountId == accountId && a.PrincipalType == PrincipalType.User && asked.Contains(a.PrincipalId)
                    && a.FolderId == null && a.CollectionId == null && _globalSystemRoles.Contains(a.RoleId))
                .Select(a => new { a.PrincipalId, a.RoleId, a.ScopeId })
                .ToListAsync(ct))
            .ToLookup(a => a.PrincipalId, StringComparer.Ordinal);
        return [.. users.Select(u => u.Root ? u with { Role = LegacyRoles.MasterAdmin }
            : u.Status == UserStatus.Inactive ? u
            : u with
            {
                Role = BestMatch(
                    held[u.Id].Where(a => a.ScopeId is null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal),
                    held[u.Id].Where(a => a.ScopeId is not null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal)),
            })];
    }

    public static async Task<UserResponse> ReportAsync(RosterDb db, string accountId, UserResponse user, CancellationToken ct) =>
        (await ReportAsync(db, accountId, [user], ct))[0];

    /// <summary>
    /// Inside the transaction that creates or updates the user, once the caller has bumped the permissions
    /// version (a legacy account's decisions follow role strings and product environments, so both modes bump):
    /// in a Roles and Permissions account, when <paramref name="roleWritten"/>, replaces the user's global system
    /// role assignments with the mapping of <see cref="User.Role"/>. Changes are staged for the caller's save.
    /// </summary>
    public static async Task WriteAsync(RosterDb db, User user, bool roleWritten, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (!roleWritten || user.IsRoot || await db.IsLegacyAsync(user.AccountId, ct))
        {
            return;
        }
        var wanted = LegacyModel.Mapped(user.Role,
                user.AllProductEnvironments ? null : user.ProductEnvironments.Select(p => p.ProductEnvironmentId).Order(StringComparer.Ordinal).ToList())
            .Select(h => MigratePermissions.ToAssignment(user.AccountId, PrincipalType.User, user.Id, h, time.GetUtcNow()))
            .ToList();
        var current = await db.RoleAssignments
            .Where(a => a.AccountId == user.AccountId && a.PrincipalType == PrincipalType.User && a.PrincipalId == user.Id
                && a.FolderId == null && a.CollectionId == null && _globalSystemRoles.Contains(a.RoleId))
            .ToListAsync(ct);
        db.Revoke(current.Where(a => wanted.All(w => w.Fingerprint != a.Fingerprint)), actor, time);
        foreach (var assignment in wanted.Where(w => current.All(a => a.Fingerprint != w.Fingerprint)))
        {
            db.RoleAssignments.Add(assignment);
            db.Audit(actor, time, user.AccountId, "role_assignment.create", "role_assignment", assignment.Id, after: AssignmentSnapshot.Of(assignment));
        }
    }
}
