namespace Roster.Authorization.Permissions;

/// <summary>Where a compiled policy came from: a grant's role's system policy, or a custom policy.</summary>
public sealed record PolicyOrigin(string? GrantId, string? RoleId, string? SystemPolicyId, string? CustomPolicyId)
{
    public static PolicyOrigin FromGrant(Grant grant, string systemPolicyId) => new(grant.Id, grant.RoleId, systemPolicyId, null);

    public static PolicyOrigin FromCustomPolicy(string customPolicyId) => new(null, null, null, customPolicyId);

    public override string ToString() => CustomPolicyId is not null
        ? $"custom policy {CustomPolicyId}"
        : $"grant {GrantId} of role {RoleId}, policy {SystemPolicyId}";
}

/// <summary>One policy that determined a decision, with where it came from.</summary>
public sealed record DecisionReason(string PolicyId, PolicyOrigin Origin);
