using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>
/// Compiles an account's grants and custom policies into one <see cref="PolicySet"/>: each grant × each
/// system policy of its role becomes policies whose principal is the grantee and whose resource is confined
/// to the grant's scope; enabled custom policies are used as written, confined to their product environment
/// when scoped to one.
/// </summary>
public static class AccountPolicyBuilder
{
    public static AccountPolicies Build(
        string accountId,
        IEnumerable<RoleDefinition> customRoles,
        IEnumerable<Grant> grants,
        IEnumerable<CustomPolicy> customPolicies)
    {
        var roles = new RoleLookup(customRoles);
        var policies = new List<Policy>();
        var origins = new Dictionary<string, PolicyOrigin>(StringComparer.Ordinal);
        var skipped = new List<Grant>();
        var problems = new List<string>();

        void Add(Policy policy, string id, PolicyOrigin origin)
        {
            var unique = id;
            for (var n = 2; origins.ContainsKey(unique); n++) unique = $"{id}~{n}";
            policies.Add(policy with { Id = unique });
            origins[unique] = origin;
        }

        foreach (var grant in grants)
        {
            var role = roles.Find(grant.RoleId);
            if (role is null || !GrantRules.Fits(role, grant))
            {
                skipped.Add(grant);
                continue;
            }
            var principal = GrantRules.PrincipalScope(grant);
            var scopes = GrantRules.ResourceScopes(accountId, grant);
            var parameters = GrantRules.ParameterValues(grant);
            foreach (var policyId in role.PolicyIds)
            {
                var systemPolicy = CloudinaryCatalogue.FindPolicy(policyId);
                if (systemPolicy is null || systemPolicy.ScopeType != role.ScopeType || systemPolicy.PermissionType != role.PermissionType)
                {
                    problems.Add($"Role {role.Id} names {policyId}, which is not a system policy of its scope; it is ignored.");
                    continue;
                }
                var statements = SystemStatements.Get(policyId)!;
                for (var i = 0; i < statements.Count; i++)
                {
                    var policy = PolicyRewriter.SubstituteParameters(statements[i], parameters);
                    policy = PolicyRewriter.FillPrincipal(policy, principal);
                    foreach (var scope in scopes) policy = PolicyRewriter.ConfineResource(policy, scope);
                    Add(policy, $"grant/{grant.Id}/{policyId}/{i}", PolicyOrigin.FromGrant(grant, policyId));
                }
            }
        }

        foreach (var custom in customPolicies.Where(p => p.Enabled))
        {
            IReadOnlyList<Policy> statements;
            try
            {
                statements = PolicyParser.ParsePolicies(custom.Statement);
            }
            catch (CedarParseException e)
            {
                problems.Add($"Custom policy {custom.Id} does not parse and is ignored: {e.Message}");
                continue;
            }
            var confinedTo = custom.ScopeType == ScopeType.Prodenv && custom.ScopeId is { Length: > 0 } pe && pe != Grant.AllProductEnvironments
                ? RequestEntities.ProductEnvironmentUid(pe)
                : (EntityUid?)null;
            for (var i = 0; i < statements.Count; i++)
            {
                var policy = confinedTo is { } scope ? PolicyRewriter.ConfineResource(statements[i], scope) : statements[i];
                Add(policy, $"custom/{custom.Id}/{i}", PolicyOrigin.FromCustomPolicy(custom.Id));
            }
        }

        return new AccountPolicies(accountId, new PolicySet(policies), origins, skipped, problems);
    }
}

/// <summary>Resolves role ids: the catalogue's system roles first, then the account's custom roles.</summary>
internal sealed class RoleLookup(IEnumerable<RoleDefinition> customRoles)
{
    private readonly Dictionary<string, RoleDefinition> _custom = customRoles
        .GroupBy(r => r.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public RoleDefinition? Find(string roleId) => RoleDefinition.FindSystemRole(roleId) ?? _custom.GetValueOrDefault(roleId);
}
