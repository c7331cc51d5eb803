using Roster.Common;
using Roster.Authorization.Catalogue;
namespace Roster.Features.Permissions;

/// <summary>
/// What migrating an account to Roles and Permissions does: for every live user, group and API key, exactly
/// what it holds afterwards. The HTTP endpoint (under <c>data</c>) and the command line show the same object.
/// </summary>
/// <param name="NewAssignments">How many role assignments the migration writes (shares are kept as they are).</param>
/// <param name="PrincipalsChanged">How many principals receive new assignments: one audit event each.</param>
public sealed record MigrationPlan(
    string AccountId,
    bool DryRun,
    PermissionSystem From,
    PermissionSystem To,
    IReadOnlyList<MigrationUser> Users,
    IReadOnlyList<MigrationGroup> Groups,
    IReadOnlyList<MigrationApiKey> ApiKeys,
    int NewAssignments,
    int PrincipalsChanged)
{
    public static MigrationPlan Of(LegacyModel model, bool dryRun)
    {
        var plan = new MigrationPlan(
            model.AccountId, dryRun, PermissionSystem.Legacy, PermissionSystem.Roles,
            [.. model.Users.Select(u => new MigrationUser(u.Id, u.Email, u.LegacyRole, u.Root, [.. u.Holds.Select(MigrationHolding.Of)]))],
            [.. model.Groups.Select(g => new MigrationGroup(g.Id, g.Name, [.. g.Holds.Select(MigrationHolding.Of)]))],
            [.. model.ApiKeys.Select(k => new MigrationApiKey(k.ApiKey, k.ProductEnvironmentId, k.Name, [.. k.Holds.Select(MigrationHolding.Of)]))],
            model.All.Count(x => x.Holding.Source != LegacySources.Share),
            model.All.Where(x => x.Holding.Source != LegacySources.Share).Select(x => (x.Type, x.Id)).Distinct().Count());
        return plan;
    }
}

/// <summary>A user; the root user holds everything already and receives nothing.</summary>
public sealed record MigrationUser(string Id, string Email, LegacyRole LegacyRole, bool Root, IReadOnlyList<MigrationHolding> Holds);

/// <summary>A group: its folder and collection shares, which it keeps.</summary>
public sealed record MigrationGroup(string Id, string Name, IReadOnlyList<MigrationHolding> Holds);

/// <summary>An API key: the master admin role of its own product environment, so that it loses nothing it could do.</summary>
public sealed record MigrationApiKey(string ApiKey, string ProductEnvironmentId, string? Name, IReadOnlyList<MigrationHolding> Holds);

/// <summary>One role held afterwards, as the Permissions API lists it; <c>source</c> says why (legacy_role, share, api_key).</summary>
public sealed record MigrationHolding(
    string RoleId, string ScopeType, string? ScopeId, IReadOnlyDictionary<string, string> PolicyParameters, string Source)
{
    public static MigrationHolding Of(LegacyHolding h) => new(h.RoleId, h.ScopeType.Wire(), h.ScopeId, h.PolicyParameters, h.Source);
}
