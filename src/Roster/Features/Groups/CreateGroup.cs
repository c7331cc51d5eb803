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
        var name = body.RequiredName("name");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var created = await RunAsync(accountId, name!.Value, db, actor, time, ct);
        return created.Succeeded ? TypedResults.Ok(GroupResponse.Of(created.Value)) : created.Error;
    }

    /// <summary>Creates a user group; group names are unique in the account, without case.</summary>
    public static async Task<Outcome<UserGroup>> RunAsync(
        string accountId, DisplayName name, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var group = new UserGroup
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = name.Value,
            NameNormalized = name.Normalized,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.UserGroups.Add(group);
        db.Audit(actor, time, accountId, AuditAction.UserGroupCreate, "user_group", group.Id, after: new GroupSnapshot(group.Id, group.Name));
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
