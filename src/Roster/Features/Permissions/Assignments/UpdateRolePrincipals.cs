using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class UpdateRolePrincipals
{
    /// <summary>
    /// <c>{"operation":"add"|"remove","principals":[{"principal_type","principal_id","scope_id","policy_parameters"}]}</c>:
    /// all or nothing; answers 200 with no body.
    /// </summary>
    public static async Task<Results<Ok, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "role_id")] string roleId, RequestValues body,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        input.RequireAll("operation");
        var operation = input.RequiredEnum("operation", Assignments.Operations);
        var items = input.RequiredObjects("principals", Assignments.MaxPerRequest);
        var requests = items.Select(item =>
        {
            item.RequireAll("principal_type", "principal_id");
            return new AssignmentRequest(
                item.PrincipalType().GetValueOrDefault(), item.RequiredId("principal_id"), roleId, item.Id("scope_id"), item.StringMap("policy_parameters"),
                item.Prefix, item.Prefix + "principal_id", "role_id");
        }).ToList();
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        if (await RoleInfo.FindAsync(db, accountId, roleId, ct) is null)
        {
            return new PermissionObjectNotFound("role_id", roleId, "role");
        }
        var refused = await db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation, requests, actor, time, ct), ct);
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Ok();
    }
}
