using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class DeleteRole
{
    /// <summary>Deletes a custom role; while principals hold it, only with force=true, which revokes it from them too.</summary>
    public static async Task<Results<NoContent, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "role_id")] string roleId, RequestValues query,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var force = query.Bool("force") ?? false;
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        return await RunAsync(db, accountId, roleId, force, actor, time, ct) is { } refused ? refused : TypedResults.NoContent();
    }

    /// <summary>Deletes the custom role; <paramref name="force"/> revokes it from those who hold it, else they refuse the delete.</summary>
    public static async Task<RosterError?> RunAsync(RosterDb db, string accountId, string roleId, bool force, Actor actor, TimeProvider time,
        CancellationToken ct)
    {
        if (CloudinaryCatalogue.FindRole(roleId) is not null)
        {
            return UpdateRole.SystemRoleIsReadOnly(roleId);
        }
        return await db.RunAsync(accountId, async () =>
        {
            if (await db.Roles.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Id == roleId, ct) is not { } role)
            {
                return new PermissionObjectNotFound("role_id", roleId, "role");
            }
            if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
            {
                return notEnterprise;
            }
            var held = await db.RoleAssignments.Where(a => a.AccountId == accountId && a.RoleId == roleId).ToListAsync(ct);
            if (held.Count > 0 && !force)
            {
                return new RoleInUse(roleId, held.Count);
            }
            db.Revoke(held, actor, time);
            db.Roles.Remove(role);
            db.Audit(actor, time, accountId, AuditAction.RoleDelete, "role", role.Id, before: RoleSnapshot.Of(role));
            return null;
        }, ct);
    }
}
