using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>A custom role to create; <paramref name="Id"/> null lets Roster choose one.</summary>
public sealed record NewRole(
    string? Id, string Name, PermissionType PermissionType, ScopeType ScopeType, string? Description, IReadOnlyList<string> SystemPolicyIds);

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
            // Note: an account off the Enterprise plan hears the plan's refusal first, whatever it sent.
            return await CustomPermissions.RefusalAsync(db, accountId, ct) ?? invalid;
        }
        var created = await RunAsync(db, accountId, new NewRole(givenId, name, permissionType, scopeType, description, policyIds), actor, time, ct);
        return created.Succeeded
            ? TypedResults.Created($"roles/{Uri.EscapeDataString(created.Value.Id)}", new DataResponse<RoleData>(RoleData.WithPolicies(RoleInfo.Of(created.Value))))
            : created.Error;
    }

    public static async Task<Outcome<Role>> RunAsync(RosterDb db, string accountId, NewRole request, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
        {
            return notEnterprise;
        }
        var (givenId, name, permissionType, scopeType, description, policyIds) = request;
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
            NameNormalized = Names.Normalize(name),
            Description = description,
            PermissionType = permissionType,
            ScopeType = scopeType,
            PolicyParameters = parameters.ToList(),
            SystemPolicyIds = [.. policyIds],
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
        return refused is null ? role : refused;
    }
}
