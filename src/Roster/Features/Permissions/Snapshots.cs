using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>What the audit log keeps of an assignment.</summary>
public sealed record AssignmentSnapshot(
    string Id, string PrincipalType, string PrincipalId, string RoleId, string? ScopeId, IReadOnlyDictionary<string, string> PolicyParameters)
{
    public static AssignmentSnapshot Of(RoleAssignment a) => new(
        a.Id, a.PrincipalType.Wire(), a.PrincipalId, a.RoleId, a.ScopeId, a.Parameters());
}

public sealed record CustomPolicySnapshot(
    string Id, string Name, string? Description, string PolicyStatement, string ScopeType, string? ScopeId, bool Enabled)
{
    public static CustomPolicySnapshot Of(CustomPolicy p) =>
        new(p.Id, p.Name, p.Description, p.Statement, p.ScopeType.Wire(), p.ScopeId, p.Enabled);
}

public sealed record RoleSnapshot(
    string Id, string Name, string? Description, string PermissionType, string ScopeType, IReadOnlyList<string> SystemPolicyIds)
{
    public static RoleSnapshot Of(Role r) =>
        new(r.Id, r.Name, r.Description, r.PermissionType.Wire(), r.ScopeType.Wire(), r.SystemPolicyIds.ToList());
}
