using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Groups;

public static class ListGroups
{
    public static async Task<Results<Ok<GroupList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var extended = query.Bool("extended_details") ?? false;
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        var groups = await db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId)
            .OrderBy(g => g.NameNormalized).ThenBy(g => g.Id).ToListAsync(ct);
        if (!extended)
        {
            return TypedResults.Ok(new GroupList(groups.Select(GroupResponse.Of).ToList()));
        }
        var ids = groups.Select(g => g.Id).ToList();
        var members = (await db.GroupMemberships.Where(m => ids.Contains(m.GroupId))
                .Select(m => new { m.GroupId, Member = new GroupMember(m.User!.Id, m.User.Name, m.User.Email), m.User.NameNormalized })
                .ToListAsync(ct))
            .OrderBy(m => m.NameNormalized, StringComparer.Ordinal).ThenBy(m => m.Member.Id, StringComparer.Ordinal)
            .ToLookup(m => m.GroupId, m => m.Member);
        return TypedResults.Ok(new GroupList(groups.Select(g => GroupResponse.Extended(g, members[g.Id].ToList())).ToList()));
    }
}
