using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class UpdatePrincipalRoles
{
    /// <summary>
    /// <c>{"operation":"add"|"remove","principal":{"type","id"},"roles":[{"id","scope_id","policy_parameters"}]}</c>:
    /// all or nothing; answers 200 with no body.
    /// </summary>
    public static async Task<Results<Ok, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        input.RequireAll("operation");
        var operation = input.RequiredEnum("operation", Assignments.Operations);
        var principal = input.Object("principal");
        if (principal is null)
        {
            input.Missing<string?>("principal", null);
        }
        principal?.RequireAll("type", "id");
        var principalType = principal?.PrincipalType("type") ?? default;
        var principalId = principal?.RequiredId("id") ?? "";
        var items = input.RequiredObjects("roles", Assignments.MaxPerRequest);
        var requests = items.Select(item => new AssignmentRequest(
            principalType, principalId, item.RequiredId("id"), item.Id("scope_id"), item.StringMap("policy_parameters"),
            item.Prefix, "principal.id", item.Prefix + "id")).ToList();
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        var refused = await db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation, requests, actor, time, ct), ct);
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Ok();
    }
}
