using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;

namespace Roster.Features.Permissions;

/// <summary>A role as the API shows it, system (from the catalogue) or custom (from the database).</summary>
public sealed record RoleInfo(
    string Id, string Name, string? Description, ManagementType ManagementType, PermissionType PermissionType, ScopeType ScopeType,
    IReadOnlyList<string> PolicyParameters, IReadOnlyList<string> PolicyIds, long CreatedAt, long UpdatedAt)
{
    /// <summary>The catalogue's roles and policies carry one fixed date (2025-01-01T00:00:00Z): they change only with Roster itself.</summary>
    public const long CatalogueTimestamp = 1735689600;

    /// <summary>Catalogue ids start with this; custom ids may not.</summary>
    public const string SystemPrefix = "cld::";

    public static RoleInfo Of(SystemRole r) => new(
        r.Id, r.Name, r.Description, ManagementType.System, r.PermissionType, r.ScopeType, r.PolicyParameters, r.PolicyIds,
        CatalogueTimestamp, CatalogueTimestamp);

    public static RoleInfo Of(Role r) => new(
        r.Id, r.Name, r.Description, ManagementType.Custom, r.PermissionType, r.ScopeType, r.PolicyParameters, r.SystemPolicyIds,
        r.CreatedAt.Seconds(), r.UpdatedAt.Seconds());

    public static IEnumerable<RoleInfo> System => CloudinaryCatalogue.SystemRoles.Select(Of);

    /// <summary>Whether a principal of this type may hold the role at all (collection roles: users and groups; API keys: PE roles only).</summary>
    public bool MayBeHeldBy(PrincipalType type) => RoleEligibility.MayHold(ScopeType, PolicyParameters, type);

    /// <summary>A catalogue role, or one of the account's custom roles; null when there is no such role.</summary>
    public static async Task<RoleInfo?> FindAsync(RosterDb db, string accountId, string roleId, CancellationToken ct)
    {
        if (CloudinaryCatalogue.FindRole(roleId) is { } system)
        {
            return Of(system);
        }
        return await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == accountId && r.Id == roleId, ct) is { } custom
            ? Of(custom)
            : null;
    }

    /// <summary>Every role the ids name (unknown ids are left out), keyed by id.</summary>
    public static async Task<Dictionary<string, RoleInfo>> FindAllAsync(RosterDb db, string accountId, IEnumerable<string> roleIds, CancellationToken ct)
    {
        var ids = roleIds.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, RoleInfo>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (CloudinaryCatalogue.FindRole(id) is { } system)
            {
                found[id] = Of(system);
            }
        }
        var custom = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (custom.Count > 0)
        {
            foreach (var role in await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId && custom.Contains(r.Id)).ToListAsync(ct))
            {
                found[role.Id] = Of(role);
            }
        }
        return found;
    }
}
