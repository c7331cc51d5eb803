using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class CreateRole
{
    public static async Task<Results<Created<DataResponse<RoleData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        input.RequireAll("name", "permission_type", "scope_type");
        var name = input.Name("name");
        var permissionType = input.PermissionType().GetValueOrDefault();
        var scopeType = input.ScopeType().GetValueOrDefault();
        var givenId = input.Id("id");
        var description = input.Text("description", RoleRules.MaxDescription);
        var policyIds = input.IdList("system_policy_ids")?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        if (givenId is not null && RoleRules.IdProblem(givenId) is { } badId)
        {
            return badId;
        }
        var id = givenId ?? Secrets.NewId();
        var fitting = RoleRules.PolicyParameters(permissionType, scopeType, policyIds);
        if (!fitting.Succeeded)
        {
            return fitting.Error;
        }
        var parameters = fitting.Value;

        var now = time.GetUtcNow();
        var role = new Role
        {
            AccountId = accountId,
            Id = id,
            Name = name,
            NameNormalized = name.ToLowerInvariant(),
            Description = description,
            PermissionType = permissionType,
            ScopeType = scopeType,
            PolicyParameters = parameters.ToList(),
            SystemPolicyIds = policyIds,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var refused = await db.RunAsync(accountId, async () =>
        {
            if (await db.Roles.AnyAsync(r => r.AccountId == accountId && r.Id == id, ct))
            {
                return new AlreadyExists("id", id, $"already exists: a role with id {id}");
            }
            if (await RoleRules.NameTakenAsync(db, accountId, name, null, ct) is { } taken)
            {
                return taken;
            }
            db.Roles.Add(role);
            db.Audit(actor, time, accountId, AuditAction.RoleCreate, "role", role.Id, after: RoleSnapshot.Of(role));
            return null;
        }, ct, RoleRules.NameIndexConflict(name));
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Created($"roles/{Uri.EscapeDataString(id)}", new DataResponse<RoleData>(RoleData.WithPolicies(RoleInfo.Of(role))));
    }
}
