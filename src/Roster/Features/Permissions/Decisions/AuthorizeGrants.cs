using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Data;
using EngineCustomPolicy = Roster.Authorization.Permissions.CustomPolicy;

namespace Roster.Features.Permissions;

/// <summary>Where a grant or custom policy applies, for the reasons of a decision.</summary>
public sealed record ReasonScope(string ScopeType, string? ScopeId, IReadOnlyDictionary<string, string> PolicyParameters);

/// <summary>One account's policies, compiled for one permissions version, and the scopes their reasons name.</summary>
public sealed record CompiledAccount(
    string AccountId,
    long Version,
    PermissionSystem PermissionSystem,
    AccountPolicies Policies,
    IReadOnlyDictionary<string, ReasonScope> GrantScopes,
    IReadOnlyDictionary<string, ReasonScope> CustomPolicyScopes);

/// <summary>What an account's decisions are made of: its grants, custom roles and custom policies, read from the database.</summary>
public static class AuthorizeGrants
{
    private static readonly IReadOnlyDictionary<string, string> _none = new Dictionary<string, string>();

    public static Grant ToGrant(RoleAssignment a) => new(a.Id, a.PrincipalType, a.PrincipalId, a.RoleId, a.ScopeId, a.FolderId, a.CollectionId);

    public static async Task<List<RoleDefinition>> CustomRolesAsync(RosterDb db, string accountId, CancellationToken ct) =>
        (await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync(ct))
            .Select(r => RoleDefinition.Custom(r.Id, r.ScopeType, r.PermissionType, r.SystemPolicyIds))
            .ToList();

    /// <summary>
    /// Reads and compiles the account. The version is read first: whatever is read after it is at least as new,
    /// so a cache entry is never older than the version it is filed under. A legacy account's grants are derived
    /// from its legacy model; a Roles and Permissions account's are its assignments and custom policies.
    /// </summary>
    public static async Task<CompiledAccount?> CompileAsync(RosterDb db, string accountId, CancellationToken ct)
    {
        var head = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.PermissionsVersion, a.PermissionSystem }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }
        var customRoles = await CustomRolesAsync(db, accountId, ct);
        var grants = new List<Grant>();
        var grantScopes = new Dictionary<string, ReasonScope>(StringComparer.Ordinal);
        var customPolicies = new List<EngineCustomPolicy>();
        var policyScopes = new Dictionary<string, ReasonScope>(StringComparer.Ordinal);

        if (head.PermissionSystem == PermissionSystem.Legacy)
        {
            var model = await LegacyModel.LoadAsync(db, accountId, ct);
            var n = 0;
            foreach (var (type, principalId, holding) in model.All)
            {
                var id = holding.AssignmentId ?? $"legacy/{type.Wire()}/{principalId}/{n++}";
                grants.Add(new Grant(id, type, principalId, holding.RoleId, holding.ScopeId,
                    holding.PolicyParameters.GetValueOrDefault(CloudinaryCatalogue.FolderIdParameter),
                    holding.PolicyParameters.GetValueOrDefault(CloudinaryCatalogue.CollectionIdParameter)));
                grantScopes[id] = new ReasonScope(holding.ScopeType.Wire(), holding.ScopeId, holding.PolicyParameters);
            }
        }
        else
        {
            foreach (var assignment in await db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync(ct))
            {
                grants.Add(ToGrant(assignment));
                grantScopes[assignment.Id] = new ReasonScope(
                    assignment.ScopeId is null ? ScopeType.Account.Wire() : ScopeType.Prodenv.Wire(), assignment.ScopeId,
                    assignment.Parameters());
            }
            foreach (var policy in await db.CustomPolicies.AsNoTracking().Where(p => p.AccountId == accountId).ToListAsync(ct))
            {
                customPolicies.Add(new EngineCustomPolicy(policy.Id, policy.Statement, policy.ScopeType, policy.ScopeId, policy.Enabled));
                policyScopes[policy.Id] = new ReasonScope(policy.ScopeType.Wire(), policy.ScopeId, _none);
            }
        }
        var policies = AccountPolicyBuilder.Build(accountId, customRoles, grants, customPolicies);
        return new CompiledAccount(accountId, head.PermissionsVersion, head.PermissionSystem, policies, grantScopes, policyScopes);
    }
}
