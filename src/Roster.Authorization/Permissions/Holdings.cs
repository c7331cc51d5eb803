using Roster.Authorization.Catalogue;

namespace Roster.Authorization.Permissions;

/// <summary>
/// Where a role would be granted: the account (no product environment), a product environment (or
/// <c>all</c>), a folder given by its path from the top folder down to it, or a collection.
/// </summary>
public sealed record GrantTarget(string? ProductEnvironmentId, IReadOnlyList<string> FolderPath, string? CollectionId)
{
    public static GrantTarget Account { get; } = new(null, [], null);

    public static GrantTarget ProductEnvironment(string productEnvironmentId) => new(productEnvironmentId, [], null);

    /// <param name="folderPath">Folder ids from the top folder down to the target folder.</param>
    public static GrantTarget Folder(string productEnvironmentId, IReadOnlyList<string> folderPath) => new(productEnvironmentId, folderPath, null);

    public static GrantTarget Collection(string productEnvironmentId, string collectionId) => new(productEnvironmentId, [], collectionId);

    /// <summary>The target folder (the last of the path), or null.</summary>
    public string? FolderId => FolderPath.Count > 0 ? FolderPath[^1] : null;

    /// <summary>The grant of <paramref name="roleId"/> to a principal at this target.</summary>
    public Grant ToGrant(string id, PrincipalType principalType, string principalId, string roleId) =>
        new(id, principalType, principalId, roleId, ProductEnvironmentId, FolderId, CollectionId);
}

/// <summary>
/// What a principal holds, for "nobody grants more than they hold". Give it every grant that applies to
/// the caller (its own and its groups'). The caller holds a policy at a target when one of its grants gives
/// that policy at the target or above it: an ancestor folder, the product environment (a global policy
/// that covers the content policy, see <see cref="CloudinaryCatalogue.CoveringPolicies"/>) or the account.
/// The account master admin holds everything in the account, a product-environment master admin
/// everything in its product environment.
/// </summary>
public sealed class Holdings
{
    private readonly RoleLookup _roles;
    private readonly List<(Grant Grant, RoleDefinition Role)> _grants;

    public Holdings(IEnumerable<Grant> grants, IEnumerable<RoleDefinition>? customRoles = null)
    {
        _roles = new RoleLookup(customRoles ?? []);
        _grants = [.. grants
            .Select(g => (Grant: g, Role: _roles.Find(g.RoleId)))
            .Where(x => x.Role is not null && GrantRules.Fits(x.Role, x.Grant))
            .Select(x => (x.Grant, OwnPolicies(x.Role!)))];
    }

    // As in the builder, a policy of another scope or type than its role's (a malformed custom role) gives nothing.
    private static RoleDefinition OwnPolicies(RoleDefinition role) => role with
    {
        PolicyIds = [.. role.PolicyIds.Where(id => CloudinaryCatalogue.FindPolicy(id) is { } p && p.ScopeType == role.ScopeType && p.PermissionType == role.PermissionType)],
    };

    /// <summary>True when the caller may grant the role (system or custom) at the target.</summary>
    public bool CanGrant(string roleId, GrantTarget target) => _roles.Find(roleId) is { } role && CanGrant(role, target);

    /// <summary>True when the role fits the target and the caller holds every one of its policies there.</summary>
    public bool CanGrant(RoleDefinition role, GrantTarget target) =>
        GrantRules.Fits(role, target.ToGrant("", PrincipalType.User, "", role.Id))
        && role.PolicyIds.All(p => Holds(p, target));

    /// <summary>True when the caller holds the system policy at the target.</summary>
    public bool Holds(string systemPolicyId, GrantTarget target)
    {
        var policy = CloudinaryCatalogue.FindPolicy(systemPolicyId);
        if (policy is null || !Fits(policy, target)) return false;
        var covering = CloudinaryCatalogue.CoveringPolicies(systemPolicyId);
        foreach (var (grant, role) in _grants)
        {
            if (role.Id == SystemRoleIds.AccountMasterAdmin) return true;
            if (policy.ScopeType == ScopeType.Account)
            {
                if (role.ScopeType == ScopeType.Account && role.PolicyIds.Contains(systemPolicyId)) return true;
                continue;
            }
            if (!CoversProductEnvironment(grant, target)) continue;
            if (role.Id == SystemRoleIds.ProdenvMasterAdmin) return true;
            if (role.PermissionType == PermissionType.Global)
            {
                if (role.PolicyIds.Contains(systemPolicyId) || role.PolicyIds.Any(covering.Contains)) return true;
            }
            else if (role.PolicyIds.Contains(systemPolicyId) && CoversContent(grant, target))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Fits(SystemPolicy policy, GrantTarget target) => (policy.ScopeType, policy.PermissionType) switch
    {
        (ScopeType.Account, _) => target.ProductEnvironmentId is null && target.FolderId is null && target.CollectionId is null,
        (ScopeType.Prodenv, PermissionType.Global) => target.ProductEnvironmentId is not null && target.FolderId is null && target.CollectionId is null,
        (ScopeType.Prodenv, PermissionType.Content) => target.ProductEnvironmentId is not null
            && (policy.PolicyParameters.Contains(CloudinaryCatalogue.FolderIdParameter) ? target.FolderId is not null : target.CollectionId is not null),
        _ => false,
    };

    // A grant on every product environment covers each of them; a grant on one covers only that one.
    private static bool CoversProductEnvironment(Grant grant, GrantTarget target) =>
        grant.ProductEnvironmentId == Grant.AllProductEnvironments || grant.ProductEnvironmentId == target.ProductEnvironmentId;

    // A folder grant covers its folder and every folder below it; a collection grant its collection.
    private static bool CoversContent(Grant grant, GrantTarget target) =>
        grant.FolderId is { } folder ? target.FolderPath.Contains(folder)
        : grant.CollectionId is { } collection && collection == target.CollectionId;
}
