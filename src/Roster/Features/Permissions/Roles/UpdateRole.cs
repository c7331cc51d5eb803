using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class UpdateRole
{
    /// <summary>
    /// Replaces a custom role's name, description and policies (fields not sent are cleared, as the spec asks
    /// for all fields). Its scope and permission type stay; while it is assigned, its parameters stay too.
    /// </summary>
    public static async Task<Results<Ok<DataResponse<RoleData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "role_id")] string roleId, RequestValues body,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (CloudinaryCatalogue.FindRole(roleId) is not null)
        {
            return SystemRoleIsReadOnly(roleId);
        }
        var input = new PermissionsInput(body);
        var name = input.Name("name");
        var description = input.Text("description", RoleRules.MaxDescription);
        var policyIds = input.IdList("system_policy_ids")?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        Role? role = null;
        var refused = await db.RunAsync(accountId, async () =>
        {
            role = await db.Roles.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Id == roleId, ct);
            if (role is null)
            {
                return new PermissionObjectNotFound("role_id", roleId, "role");
            }
            var fitting = RoleRules.PolicyParameters(role.PermissionType, role.ScopeType, policyIds);
            if (!fitting.Succeeded)
            {
                return fitting.Error;
            }
            var parameters = fitting.Value;
            if (!parameters.SequenceEqual(role.PolicyParameters)
                && await db.RoleAssignments.AnyAsync(a => a.AccountId == accountId && a.RoleId == roleId, ct))
            {
                return new InvalidField("system_policy_ids", string.Join(",", policyIds),
                    $"The role is assigned with policy_parameters [{string.Join(", ", role.PolicyParameters)}]; its policies must keep taking the same parameters.");
            }
            if (await RoleRules.NameTakenAsync(db, accountId, name, roleId, ct) is { } taken)
            {
                return taken;
            }
            var before = RoleSnapshot.Of(role);
            role.Name = name;
            role.NameNormalized = name.ToLowerInvariant();
            role.Description = description;
            role.SystemPolicyIds = policyIds;
            role.PolicyParameters = parameters.ToList();
            role.UpdatedAt = time.GetUtcNow();
            db.Audit(actor, time, accountId, AuditAction.RoleUpdate, "role", role.Id, before, RoleSnapshot.Of(role));
            return null;
        }, ct, RoleRules.NameIndexConflict(name));
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Ok(new DataResponse<RoleData>(RoleData.WithPolicies(RoleInfo.Of(role!))));
    }

    public static NotAllowed SystemRoleIsReadOnly(string roleId) =>
        new($"not allowed: {roleId} is a system role; system roles are read-only (create a custom role instead).", "role_id", roleId);
}
