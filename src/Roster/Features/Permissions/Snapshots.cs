using System.Text.Json;

namespace Roster.Features.Permissions;

/// <summary>What the audit log keeps of an assignment.</summary>
public sealed record AssignmentSnapshot(
    string Id, string PrincipalType, string PrincipalId, string RoleId, string? ScopeId, JsonElement PolicyParameters)
{
    public static AssignmentSnapshot Of(RoleAssignment a) => new(
        a.Id, a.PrincipalType.Name(), a.PrincipalId, a.RoleId, a.ScopeId, JsonDocument.Parse(a.PolicyParameters).RootElement.Clone());
}

public sealed record CustomPolicySnapshot(
    string Id, string Name, string? Description, string PolicyStatement, string ScopeType, string? ScopeId, bool Enabled)
{
    public static CustomPolicySnapshot Of(CustomPolicy p) =>
        new(p.Id, p.Name, p.Description, p.Statement, p.ScopeType.Name(), p.ScopeId, p.Enabled);
}

public sealed record RoleSnapshot(
    string Id, string Name, string? Description, string PermissionType, string ScopeType, IReadOnlyList<string> SystemPolicyIds)
{
    public static RoleSnapshot Of(Role r) =>
        new(r.Id, r.Name, r.Description, r.PermissionType.Name(), r.ScopeType.Name(), r.SystemPolicyIds.ToList());
}
