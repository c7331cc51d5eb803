using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListRoles
{
    public static async Task<Results<Ok<DataResponse<List<RoleData>>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        var permissionType = input.PermissionType() ?? input.Missing("permission_type", PermissionType.Global);
        var scopeType = input.ScopeType();
        var managementType = input.Enum("management_type", Wire.ManagementTypes);
        var parameters = input.IdList("policy_parameters");
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        var roles = new List<RoleInfo>();
        if (managementType is null or ManagementType.System)
        {
            roles.AddRange(RoleInfo.System);
        }
        if (managementType is null or ManagementType.Custom)
        {
            var custom = await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId)
                .OrderBy(r => r.NameNormalized).ThenBy(r => r.Id).ToListAsync(ct);
            roles.AddRange(custom.Select(RoleInfo.Of));
        }
        return TypedResults.Ok(new DataResponse<List<RoleData>>(roles
            .Where(r => r.PermissionType == permissionType)
            .Where(r => scopeType is null || r.ScopeType == scopeType)
            .Where(r => parameters is null || r.PolicyParameters.Order(StringComparer.Ordinal).SequenceEqual(parameters.Distinct().Order(StringComparer.Ordinal)))
            .Select(RoleData.Of)
            .ToList()));
    }
}
