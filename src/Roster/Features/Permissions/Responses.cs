using System.Text.Json.Serialization;
using Roster.Common;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;

namespace Roster.Features.Permissions;

// The Permissions API's bodies: {"data": …}, epoch-second timestamps, next_cursor only when there is a next page.

public sealed record DataResponse<T>(T Data);

public sealed record PageResponse<T>(T Data, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor);

public sealed record SystemPolicyData(
    string Id, string Name, string? Description, string ScopeType, string PermissionType, string PolicyStatement,
    IReadOnlyList<string> PolicyParameters, string Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SubCategory,
    long CreatedAt, long UpdatedAt)
{
    public static SystemPolicyData Of(SystemPolicy p) => new(
        p.Id, p.Name, p.Description, p.ScopeType.Wire(), p.PermissionType.Wire(), p.Statement, p.PolicyParameters,
        p.Category, p.SubCategory, RoleInfo.CatalogueTimestamp, RoleInfo.CatalogueTimestamp);
}

/// <summary>A role; with its policies when read one at a time or created.</summary>
public sealed record RoleData(
    string Id, string Name, string? Description, string ManagementType, string PermissionType, string ScopeType,
    IReadOnlyList<string> PolicyParameters, long CreatedAt, long UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SystemPolicyData>? Policies = null)
{
    public static RoleData Of(RoleInfo r) => new(
        r.Id, r.Name, r.Description, r.ManagementType.Wire(), r.PermissionType.Wire(), r.ScopeType.Wire(), r.PolicyParameters,
        r.CreatedAt, r.UpdatedAt);

    public static RoleData WithPolicies(RoleInfo r, IReadOnlyDictionary<string, string>? parameters = null) => Of(r) with
    {
        Policies = r.PolicyIds.Select(CloudinaryCatalogue.FindPolicy).OfType<SystemPolicy>()
            .Select(p => SystemPolicyData.Of(p) with { PolicyStatement = SystemStatements.WithParameters(p, parameters) })
            .ToList(),
    };
}

public sealed record CustomPolicyData(
    string Id, string Name, string? Description, string PolicyStatement, string ScopeType, string? ScopeId, bool Enabled,
    long CreatedAt, long UpdatedAt)
{
    public static CustomPolicyData Of(CustomPolicy p) => new(
        p.Id, p.Name, p.Description, p.Statement, p.ScopeType.Wire(), p.ScopeId, p.Enabled, p.CreatedAt.Seconds(), p.UpdatedAt.Seconds());
}

/// <summary>A principal holding a role (<c>GET /roles/{id}/principals</c>); only id and type when not verbose.</summary>
public sealed record RolePrincipalData(
    string Id, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RoleId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? PolicyParameters = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ScopeType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ScopeId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CreatedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UpdatedAt = null);

/// <summary>A role as a principal holds it: the role with the assignment's scope and parameters.</summary>
public sealed record PrincipalRoleData(
    string Id, string Name, string? Description, string ManagementType, string PermissionType, string ScopeType, string? ScopeId,
    IReadOnlyDictionary<string, string>? PolicyParameters, long CreatedAt, long UpdatedAt)
{
    public static PrincipalRoleData Of(RoleInfo role, RoleAssignment a) => new(
        role.Id, role.Name, role.Description, role.ManagementType.Wire(), role.PermissionType.Wire(), role.ScopeType.Wire(), a.ScopeId,
        a.Parameters(), a.CreatedAt.Seconds(), a.UpdatedAt.Seconds());
}

public sealed record InspectedPrincipal(string Type, string Id, IReadOnlyList<PrincipalRoleData> Roles);

public sealed record InspectData(IReadOnlyList<InspectedPrincipal> Principals);

public sealed record EffectivePolicy(string Id, string PolicyStatement);

public sealed record EffectiveRole(string Id, IReadOnlyList<EffectivePolicy> SystemPolicies);

public sealed record EffectivePrincipal(string PrincipalType, string PrincipalId, IReadOnlyList<EffectiveRole> Roles);

public sealed record EffectivePoliciesData(IReadOnlyList<EffectivePrincipal> Principals, IReadOnlyList<EffectivePolicy> CustomPolicies);
