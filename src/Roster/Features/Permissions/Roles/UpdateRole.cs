using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>What a custom role becomes; its scope and permission type stay.</summary>
public sealed record RoleChange(string Name, string? Description, IReadOnlyList<string> SystemPolicyIds);

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
        var input = new PermissionsInput(body);
        var name = input.Name("name");
        var description = input.Text("description", RoleRules.MaxDescription);
        var policyIds = input.IdList("system_policy_ids")?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        var updated = await RunAsync(db, accountId, roleId, new RoleChange(name, description, policyIds), actor, time, ct);
        return updated.Succeeded ? TypedResults.Ok(new DataResponse<RoleData>(RoleData.WithPolicies(RoleInfo.Of(updated.Value)))) : updated.Error;
    }

    public static async Task<Outcome<Role>> RunAsync(RosterDb db, string accountId, string roleId, RoleChange change, Actor actor,
        TimeProvider time, CancellationToken ct)
    {
        if (CloudinaryCatalogue.FindRole(roleId) is not null)
        {
            return SystemRoleIsReadOnly(roleId);
        }
        var (name, description, policyIds) = change;
        Role? role = null;
        var refused = await db.RunAsync(accountId, async () =>
        {
            role = await db.Roles.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Id == roleId, ct);
            if (role is null)
            {
                return new PermissionObjectNotFound("role_id", roleId, "role");
            }
            if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
            {
                return notEnterprise;
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
            role.NameNormalized = Names.Normalize(name);
            role.Description = description;
            role.SystemPolicyIds = [.. policyIds];
            role.PolicyParameters = parameters.ToList();
            role.UpdatedAt = time.GetUtcNow();
            db.Audit(actor, time, accountId, AuditAction.RoleUpdate, "role", role.Id, before, RoleSnapshot.Of(role));
            return null;
        }, ct, RoleRules.NameIndexConflict(name));
        return refused is null ? role! : refused;
    }

    public static NotAllowed SystemRoleIsReadOnly(string roleId) =>
        new($"not allowed: {roleId} is a system role; system roles are read-only (create a custom role instead).", "role_id", roleId);
}
