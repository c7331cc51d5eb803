using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Authorization.Catalogue;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.Groups;

/// <summary>The real service answers <c>{"ok":true}</c> where the spec says <c>{"message":"ok"}</c>; this satisfies both.</summary>
public sealed record GroupDeleted(bool Ok, string Message);

public static class DeleteGroup
{
    public static async Task<Results<Ok<GroupDeleted>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunAsync(accountId, groupId, db, actor, time, ct) is { } refused ? refused : TypedResults.Ok(new GroupDeleted(true, "ok"));

    /// <summary>Deletes a user group: its memberships go with it, and the roles it held are revoked in the same transaction.</summary>
    public static async Task<RosterError?> RunAsync(string accountId, string groupId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindGroupAsync(accountId, groupId, ct) is not { } group)
        {
            return GroupsApi.Missing(groupId);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RevokeHeldByAsync(accountId, PrincipalType.Group, [group.Id], actor, time, ct);
        db.UserGroups.Remove(group);
        db.Audit(actor, time, accountId, AuditAction.UserGroupDelete, "user_group", group.Id, before: new GroupSnapshot(group.Id, group.Name));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }
}
