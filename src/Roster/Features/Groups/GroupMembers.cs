using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Groups;

/// <summary>The members after an add: the list the real service returns, and the added user at the top level for spec-typed clients.</summary>
public sealed record MemberAdded(IReadOnlyList<GroupMember> Users, string Id, string Name, string Email);

public static class GroupMembers
{
    public static async Task<Results<Ok<GroupMembersResponse>, RosterError>> ListAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId, RosterDb db, CancellationToken ct)
    {
        if (await db.FindGroupAsync(accountId, groupId, ct) is null)
        {
            return GroupsApi.Missing(groupId);
        }
        return TypedResults.Ok(new GroupMembersResponse(await db.MembersAsync(groupId, ct)));
    }

    public static async Task<Results<Ok<MemberAdded>, RosterError>> AddAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId,
        [FromRoute(Name = "user_id")] string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var added = await RunAddAsync(accountId, groupId, userId, db, actor, time, ct);
        if (!added.Succeeded)
        {
            return added.Error;
        }
        var user = added.Value;
        return TypedResults.Ok(new MemberAdded(await db.MembersAsync(groupId, ct), user.Id, user.Name, user.Email));
    }

    /// <summary>
    /// Adds a live user of the account (not the root user) to one of its groups, audited; adding a member again changes
    /// nothing. Returns the user. The console's Add users page calls it for each user it created.
    /// </summary>
    public static async Task<Outcome<User>> RunAddAsync(
        string accountId, string groupId, string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindGroupAsync(accountId, groupId, ct) is null)
        {
            return GroupsApi.Missing(groupId);
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.AccountId == accountId, ct);
        if (user is null)
        {
            return UsersApi.Missing(userId);
        }
        if (user.IsRoot)
        {
            return new RootUserIsImmutable("The root user cannot be added to a group.");
        }
        if (!user.IsLive)
        {
            return new UserIsInactive();
        }
        if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.UserId == userId, ct))
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, UserId = userId, CreatedAt = time.GetUtcNow() });
            db.Audit(actor, time, accountId, AuditAction.UserGroupAddUser, "user_group", groupId, after: new { group_id = groupId, user_id = userId });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation("PK_GroupMemberships", "GroupMemberships.GroupId, GroupMemberships.UserId"))
            {
                // Note: a concurrent add of the same member lost the race on the primary key; the member is in.
                db.ChangeTracker.Clear();
            }
        }
        return user;
    }

    public static async Task<Results<Ok<GroupMembersResponse>, RosterError>> RemoveAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId,
        [FromRoute(Name = "user_id")] string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunRemoveAsync(accountId, groupId, userId, db, actor, time, ct) is { } refused
            ? refused
            : TypedResults.Ok(new GroupMembersResponse(await db.MembersAsync(groupId, ct)));

    /// <summary>Takes a member out of the group; a user who is not a member is refused as not found.</summary>
    public static async Task<RosterError?> RunRemoveAsync(
        string accountId, string groupId, string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindGroupAsync(accountId, groupId, ct) is null)
        {
            return GroupsApi.Missing(groupId);
        }
        var membership = await db.GroupMemberships.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, ct);
        if (membership is null)
        {
            return new ObjectNotFound($"User {userId} is not a member of user group {groupId}");
        }
        db.GroupMemberships.Remove(membership);
        db.Audit(actor, time, accountId, AuditAction.UserGroupRemoveUser, "user_group", groupId, before: new { group_id = groupId, user_id = userId });
        await db.SaveChangesAsync(ct);
        return null;
    }
}
