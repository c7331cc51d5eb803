using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Groups;

public static class CreateGroup
{
    public static async Task<Results<Ok<GroupResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = Names.Required(body, "name");
        var now = time.GetUtcNow();
        var group = new UserGroup
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = name,
            NameNormalized = name.ToLowerInvariant(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.UserGroups.Add(group);
        db.Audit(actor, time, accountId, "user_group.create", "user_group", group.Id, after: new GroupSnapshot(group.Id, group.Name));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueGroupName, "UserGroups.AccountId, UserGroups.NameNormalized"))
        {
            return GroupsApi.NameTaken(name);
        }
        return TypedResults.Ok(GroupResponse.Of(group));
    }
}
