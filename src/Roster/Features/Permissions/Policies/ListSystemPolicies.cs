using Microsoft.AspNetCore.Http.HttpResults;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

public static class ListSystemPolicies
{
    /// <summary>The catalogue's policies of one scope (default account), optionally of one permission type; one page holds them all.</summary>
    public static Results<Ok<PageResponse<List<SystemPolicyData>>>, RosterError> Handle(RequestValues query)
    {
        var input = new PermissionsInput(query);
        var permissionType = input.PermissionType();
        var scopeType = input.ScopeType() ?? ScopeType.Account;
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        return TypedResults.Ok(new PageResponse<List<SystemPolicyData>>(CloudinaryCatalogue.SystemPolicies
            .Where(p => p.ScopeType == scopeType && (permissionType is null || p.PermissionType == permissionType))
            .Select(SystemPolicyData.Of)
            .ToList(), null));
    }
}
