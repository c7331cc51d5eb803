using Roster.Authorization.Catalogue;

namespace Roster.Authorization.Permissions;

/// <summary>
/// A role as the builder needs it: system roles come from the catalogue, custom roles from the database.
/// Its policies are system policy ids.
/// </summary>
public sealed record RoleDefinition(
    string Id,
    ScopeType ScopeType,
    PermissionType PermissionType,
    IReadOnlyList<string> PolicyIds,
    IReadOnlyList<string> PolicyParameters)
{
    public static RoleDefinition FromSystemRole(SystemRole role) =>
        new(role.Id, role.ScopeType, role.PermissionType, role.PolicyIds, role.PolicyParameters);

    /// <summary>A custom role; its parameters are those its system policies declare.</summary>
    public static RoleDefinition Custom(string id, ScopeType scopeType, PermissionType permissionType, IReadOnlyList<string> policyIds) =>
        new(id, scopeType, permissionType, policyIds,
            [.. policyIds.Select(CloudinaryCatalogue.FindPolicy).OfType<SystemPolicy>().SelectMany(p => p.PolicyParameters).Distinct()]);

    /// <summary>The catalogue's system role of that id, or null.</summary>
    public static RoleDefinition? FindSystemRole(string id) =>
        CloudinaryCatalogue.FindRole(id) is { } role ? FromSystemRole(role) : null;
}
