using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListEffectivePolicies
{
    /// <summary>
    /// The Cedar statements in force in a scope: per principal (a user's groups count as its own), each role
    /// with its system policies (parameters filled in), and the enabled custom policies of the scope.
    /// </summary>
    public static async Task<Results<Ok<DataResponse<EffectivePoliciesData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        var scopeType = input.ScopeType();
        var scopeId = input.Id("scope_id");
        var principalType = input.PrincipalType();
        var principalId = input.Id("principal_id");
        if ((principalType is null) != (principalId is null))
        {
            input.Missing<string?>(principalType is null ? "principal_type" : "principal_id", null);
        }
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        if (await InspectPrincipalRoles.ScopeMissingAsync(db, accountId, scopeType, scopeId, ct) is { } scopeMissing)
        {
            return scopeMissing;
        }

        var assignments = db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId).WhereScope(scopeType, scopeId);
        if (principalType is { } type)
        {
            var (_, missing) = await Principals.FindAsync(db, accountId, type, principalId!, "principal_id", toHoldRoles: false, ct);
            if (missing is not null)
            {
                return missing;
            }
            var groups = type == PrincipalType.User
                ? await db.GroupMemberships.Where(m => m.UserId == principalId).Select(m => m.GroupId).ToListAsync(ct)
                : [];
            assignments = assignments.Where(a => (a.PrincipalType == type && a.PrincipalId == principalId)
                || (a.PrincipalType == PrincipalType.Group && groups.Contains(a.PrincipalId)));
        }
        var held = await assignments.OrderBy(a => a.PrincipalType).ThenBy(a => a.PrincipalId).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var roles = await RoleInfo.FindAllAsync(db, accountId, held.Select(a => a.RoleId), ct);
        var principals = held.Where(a => roles.ContainsKey(a.RoleId))
            .GroupBy(a => (a.PrincipalType, a.PrincipalId))
            .Select(g => new EffectivePrincipal(g.Key.PrincipalType.Wire(), g.Key.PrincipalId,
                g.Select(a => new EffectiveRole(a.RoleId, PoliciesOf(roles[a.RoleId], a.Parameters()))).ToList()))
            .ToList();

        var custom = db.CustomPolicies.AsNoTracking().Where(p => p.AccountId == accountId && p.Enabled);
        custom = (scopeType, scopeId) switch
        {
            (ScopeType.Account, _) => custom.Where(p => p.ScopeType == ScopeType.Account),
            (_, { } id) => custom.Where(p => p.ScopeType == ScopeType.Prodenv && (p.ScopeId == id || p.ScopeId == CustomPolicy.AllProductEnvironments)),
            (ScopeType.Prodenv, null) => custom.Where(p => p.ScopeType == ScopeType.Prodenv),
            _ => custom,
        };
        var customPolicies = (await custom.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct))
            .Select(p => new EffectivePolicy(p.Id, p.Statement)).ToList();
        return TypedResults.Ok(new DataResponse<EffectivePoliciesData>(new EffectivePoliciesData(principals, customPolicies)));
    }

    private static List<EffectivePolicy> PoliciesOf(RoleInfo role, IReadOnlyDictionary<string, string> parameters) =>
        role.PolicyIds.Select(CloudinaryCatalogue.FindPolicy).OfType<SystemPolicy>()
            .Select(p => new EffectivePolicy(p.Id, SystemStatements.WithParameters(p, parameters)))
            .ToList();
}
