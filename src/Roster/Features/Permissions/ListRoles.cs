using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListRoles
{
    public static async Task<DataResponse<List<RoleData>>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        var permissionType = input.PermissionType() ?? throw PermissionsInput.Missing("permission_type");
        var scopeType = input.ScopeType();
        var managementType = input.Enum("management_type", Wire.ManagementTypes);
        var parameters = input.IdList("policy_parameters");

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
        return new DataResponse<List<RoleData>>(roles
            .Where(r => r.PermissionType == permissionType)
            .Where(r => scopeType is null || r.ScopeType == scopeType)
            .Where(r => parameters is null || r.PolicyParameters.Order(StringComparer.Ordinal).SequenceEqual(parameters.Distinct().Order(StringComparer.Ordinal)))
            .Select(RoleData.Of)
            .ToList());
    }
}
