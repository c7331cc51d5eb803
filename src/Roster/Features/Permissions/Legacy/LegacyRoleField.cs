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
/// <item>Reading it reads <see cref="User.Role"/>, which <see cref="DerivedRoles"/> keeps as the legacy role whose
/// mapping the user's own global system roles match best (<see cref="BestMatch"/>); the root user is
/// <c>master_admin</c>, deleted users keep the role they last had.</item>
/// </list>
/// </summary>
public static class LegacyRoleField
{
    private static readonly IReadOnlyDictionary<string, string> _noParameters = new Dictionary<string, string>();

    private static readonly string[] _globalSystemRoles =
        [.. CloudinaryCatalogue.SystemRoles.Where(r => r.PermissionType == PermissionType.Global).Select(r => r.Id)];

    /// <summary>Whether the role is one of the catalogue's account or product-environment roles, the only ones the v1_1 role reads.</summary>
    public static bool IsGlobalSystemRole(string roleId) => _globalSystemRoles.Contains(roleId, StringComparer.Ordinal);

    /// <summary>
    /// The rule, in one place. For each legacy role's mapping (an account role and/or a product-environment
    /// role), count the mapped roles the user holds (the account role at account scope, the product-environment
    /// role on any product environment) and those it lacks; the score is held minus lacking. The best score
    /// wins, ties going to the more privileged legacy role (the catalogue's order). A user holding none of
    /// the mapped roles reports <see cref="LegacyRoles.Default"/>, the least privileged.
    /// </summary>
    public static LegacyRole BestMatch(IReadOnlyCollection<string> accountRoles, IReadOnlyCollection<string> productEnvironmentRoles) =>
        Closest(accountRoles, productEnvironmentRoles) ?? LegacyRoles.Default;

    private static LegacyRole? Closest(IReadOnlyCollection<string> accountRoles, IReadOnlyCollection<string> productEnvironmentRoles)
    {
        LegacyRole? best = null;
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
        return best;
    }

    /// <summary>
    /// Inside the transaction that creates or updates the user, once the caller has bumped the permissions
    /// version (a legacy account's decisions follow role strings and product environments, so both modes bump),
    /// after <see cref="User.Role"/> or the user's product environments were written. In a Roles and Permissions
    /// account the user's own account and product-environment roles are brought in line with them:
    /// <list type="bullet">
    /// <item>a product-environment role (system or custom) lies within the user's product environments: one on a
    /// product environment taken away is revoked, and one held on <c>all</c> by a user now limited to some is held
    /// on each of those instead;</item>
    /// <item>when <paramref name="roleWritten"/>, the global system roles are replaced with the mapping of the role;</item>
    /// <item>otherwise, a product environment given (<paramref name="before"/> is what the user had) brings the
    /// product-environment role of the legacy role the user reads as, when the user holds that role on some
    /// product environment already: widening the list in v1_1 terms keeps the user's role on the new ones, and
    /// gives nothing the user does not hold elsewhere.</item>
    /// </list>
    /// Folder and collection roles stay. Changes are staged for the caller's save, each grant and revocation audited.
    /// </summary>
    public static async Task WriteAsync(RosterDb db, User user, bool roleWritten, ProductEnvironmentAccess? before, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (user.IsRoot || await db.IsLegacyAsync(user.AccountId, ct))
        {
            return;
        }
        var held = await db.RoleAssignments
            .Where(a => a.AccountId == user.AccountId && a.PrincipalType == PrincipalType.User && a.PrincipalId == user.Id
                && a.FolderId == null && a.CollectionId == null)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(ct);
        IReadOnlyList<string>? listed = user.AllProductEnvironments
            ? null
            : [.. user.ProductEnvironments.Select(p => p.ProductEnvironmentId).Order(StringComparer.Ordinal)];

        var wanted = new List<LegacyHolding>();
        foreach (var a in held)
        {
            var parameters = a.Parameters();
            if (a.ScopeId is null)
            {
                wanted.Add(new LegacyHolding(a.RoleId, ScopeType.Account, null, parameters, LegacySources.LegacyRole));
                continue;
            }
            var scopes = listed is null || listed.Contains(a.ScopeId, StringComparer.Ordinal) ? [a.ScopeId]
                : a.ScopeId == CustomPolicy.AllProductEnvironments ? listed
                : [];
            wanted.AddRange(scopes.Select(scope => new LegacyHolding(a.RoleId, ScopeType.Prodenv, scope, parameters, LegacySources.LegacyRole)));
        }
        if (roleWritten)
        {
            wanted.RemoveAll(h => _globalSystemRoles.Contains(h.RoleId));
            wanted.AddRange(LegacyModel.Mapped(user.Role, listed));
        }
        else if (before is not null && Closest(held) is { } current
            && CloudinaryCatalogue.FindLegacyRole(current).ProductEnvironmentRoleId is { } role
            && held.Any(a => a.RoleId == role && a.ScopeId is not null))
        {
            var given = listed is null
                ? before.All ? [] : [CustomPolicy.AllProductEnvironments]
                : before.All ? [] : listed.Where(id => !before.Ids.Contains(id)).ToList();
            wanted.AddRange(given.Select(scope => new LegacyHolding(role, ScopeType.Prodenv, scope, _noParameters, LegacySources.LegacyRole)));
        }

        var now = time.GetUtcNow();
        var target = wanted.Select(h => MigratePermissions.ToAssignment(user.AccountId, PrincipalType.User, user.Id, h, now))
            .DistinctBy(a => a.Fingerprint).ToList();
        db.Revoke(held.Where(a => target.All(t => t.Fingerprint != a.Fingerprint)), actor, time);
        foreach (var assignment in target.Where(t => held.All(a => a.Fingerprint != t.Fingerprint)))
        {
            db.RoleAssignments.Add(assignment);
            db.Audit(actor, time, user.AccountId, AuditAction.RoleAssignmentCreate, "role_assignment", assignment.Id, after: AssignmentSnapshot.Of(assignment));
        }
    }

    /// <summary>The legacy role whose mapping the held global system roles match best; null when they hold none of any mapping.</summary>
    private static LegacyRole? Closest(IReadOnlyList<RoleAssignment> held) => Closest(
        held.Where(a => a.ScopeId is null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal),
        held.Where(a => a.ScopeId is not null).Select(a => a.RoleId).ToHashSet(StringComparer.Ordinal));
}
