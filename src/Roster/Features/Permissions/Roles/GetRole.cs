using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class GetRole
{
    /// <summary>The role with its policies; content filters (folder_id, collection_id, param_key/param_value) fill in the statements.</summary>
    public static async Task<Results<Ok<DataResponse<RoleData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "role_id")] string roleId, RequestValues query,
        RosterDb db, CancellationToken ct)
    {
        var filters = ContentFilters.Read(new PermissionsInput(query));
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        if (await RoleInfo.FindAsync(db, accountId, roleId, ct) is not { } role)
        {
            return new PermissionObjectNotFound("role_id", roleId, "role");
        }
        return TypedResults.Ok(new DataResponse<RoleData>(RoleData.WithPolicies(role, filters.Parameters)));
    }
}
