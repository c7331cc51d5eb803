using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Users;

public static class GetUserGroups
{
    public static async Task<Results<Ok<UserGroupsResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId, RosterDb db, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.AccountId == accountId, ct))
        {
            return UsersApi.Missing(userId);
        }
        var groups = await db.GroupMemberships.Where(m => m.UserId == userId)
            .OrderBy(m => m.Group!.Name)
            .Select(m => new GroupSummary(m.Group!.Id, m.Group.Name))
            .ToListAsync(ct);
        return TypedResults.Ok(new UserGroupsResponse(groups));
    }
}
