using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Groups;

public static class UpdateGroup
{
    public static async Task<Results<Ok<GroupResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId,
        RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = body.RequiredName("name");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var renamed = await RunAsync(accountId, groupId, name!.Value, db, actor, time, ct);
        return renamed.Succeeded ? TypedResults.Ok(GroupResponse.Of(renamed.Value)) : renamed.Error;
    }

    /// <summary>Renames a user group.</summary>
    public static async Task<Outcome<UserGroup>> RunAsync(
        string accountId, string groupId, DisplayName name, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindGroupAsync(accountId, groupId, ct) is not { } group)
        {
            return GroupsApi.Missing(groupId);
        }
        var before = new GroupSnapshot(group.Id, group.Name);
        group.Name = name.Value;
        group.NameNormalized = name.Normalized;
        group.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, AuditAction.UserGroupUpdate, "user_group", group.Id, before, new GroupSnapshot(group.Id, group.Name));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueGroupName, "UserGroups.AccountId, UserGroups.NameNormalized"))
        {
            return GroupsApi.NameTaken(name.Value);
        }
        return group;
    }
}
