using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListPrincipalRoles
{
    /// <summary>The roles a principal holds directly, of one permission type; filters management_type, scope_type, scope_id, content filters.</summary>
    public static async Task<Results<Ok<DataResponse<List<PrincipalRoleData>>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        input.RequireAll("principal_type", "principal_id", "permission_type");
        var principalType = input.PrincipalType().GetValueOrDefault();
        var principalId = input.RequiredId("principal_id");
        var permissionType = input.PermissionType().GetValueOrDefault();
        var managementType = input.Enum("management_type", Wire.ManagementTypes);
        var scopeType = input.ScopeType();
        var scopeId = input.Id("scope_id");
        var filters = ContentFilters.Read(input);
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        var (_, missing) = await Principals.FindAsync(db, accountId, principalType, principalId, "principal_id", toHoldRoles: false, ct);
        if (missing is not null)
        {
            return missing;
        }
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.PrincipalType == principalType && a.PrincipalId == principalId)
            .WhereScope(scopeType, scopeId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var roles = await RoleInfo.FindAllAsync(db, accountId, held.Select(a => a.RoleId), ct);
        var data = held
            .Where(a => roles.ContainsKey(a.RoleId) && filters.Match(a.Parameters()))
            .Select(a => (Role: roles[a.RoleId], Assignment: a))
            .Where(x => x.Role.PermissionType == permissionType && (managementType is null || x.Role.ManagementType == managementType))
            .Select(x => PrincipalRoleData.Of(x.Role, x.Assignment))
            .ToList();
        return TypedResults.Ok(new DataResponse<List<PrincipalRoleData>>(data));
    }
}
