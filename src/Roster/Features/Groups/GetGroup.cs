using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Groups;

public static class GetGroup
{
    public static async Task<Results<Ok<GroupResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "group_id")] string groupId,
        RequestValues query, RosterDb db, CancellationToken ct)
    {
        var extended = query.Bool("extended_details") ?? false;
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        if (await db.FindGroupAsync(accountId, groupId, ct) is not { } group)
        {
            return GroupsApi.Missing(groupId);
        }
        return TypedResults.Ok(extended ? GroupResponse.Extended(group, await db.MembersAsync(groupId, ct)) : GroupResponse.Of(group));
    }
}
