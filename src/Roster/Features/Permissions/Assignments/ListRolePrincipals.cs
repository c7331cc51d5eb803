using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListRolePrincipals
{
    /// <summary>Who holds the role: filters scope_type, scope_id and the content filters; verbose=false gives only id and type.</summary>
    public static async Task<Results<Ok<DataResponse<List<RolePrincipalData>>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "role_id")] string roleId, RequestValues query,
        RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        var scopeType = input.ScopeType();
        var scopeId = input.Id("scope_id");
        var verbose = input.Bool("verbose") ?? true;
        var filters = ContentFilters.Read(input);
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        if (await RoleInfo.FindAsync(db, accountId, roleId, ct) is not { } role)
        {
            return new PermissionObjectNotFound("role_id", roleId, "role");
        }

        var assignments = db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId && a.RoleId == roleId)
            .WhereScope(scopeType, scopeId);
        var list = (await assignments.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct))
            .Select(a => (Assignment: a, Parameters: a.Parameters()))
            .Where(x => filters.Match(x.Parameters));
        var data = verbose
            ? list.Select(x => new RolePrincipalData(x.Assignment.PrincipalId, x.Assignment.PrincipalType.Wire(), role.Id, x.Parameters,
                role.ScopeType.Wire(), x.Assignment.ScopeId, x.Assignment.CreatedAt.Seconds(), x.Assignment.UpdatedAt.Seconds())).ToList()
            : list.Select(x => new RolePrincipalData(x.Assignment.PrincipalId, x.Assignment.PrincipalType.Wire())).DistinctBy(p => (p.Type, p.Id)).ToList();
        return TypedResults.Ok(new DataResponse<List<RolePrincipalData>>(data));
    }

    /// <summary>
    /// Narrows assignments to a scope: account (no product environment), prodenv (any, or the one named; roles
    /// held in every product environment, scope <c>all</c>, apply in each one too).
    /// </summary>
    public static IQueryable<RoleAssignment> WhereScope(this IQueryable<RoleAssignment> assignments, ScopeType? scopeType, string? scopeId) =>
        (scopeType, scopeId) switch
        {
            (ScopeType.Account, _) => assignments.Where(a => a.ScopeId == null),
            (_, Grant.AllProductEnvironments) => assignments.Where(a => a.ScopeId == Grant.AllProductEnvironments),
            (_, { } id) => assignments.Where(a => a.ScopeId == id || a.ScopeId == Grant.AllProductEnvironments),
            (ScopeType.Prodenv, null) => assignments.Where(a => a.ScopeId != null),
            _ => assignments,
        };
}
