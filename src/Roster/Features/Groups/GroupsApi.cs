using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Groups;

public static class GroupsApi
{
    public static RouteGroupBuilder MapGroupsApi(this RouteGroupBuilder account)
    {
        var group = account.MapGroup("/user_groups").WithTags("User groups");
        group.MapGet("/", ListGroups.HandleAsync).WithSummary("List user groups").WithDescription("extended_details=true adds members and dates.");
        group.MapPost("/", CreateGroup.HandleAsync).WithSummary("Create a user group").WithDescription("Body: name (unique in the account).");
        group.MapGet("/{group_id}", GetGroup.HandleAsync).WithSummary("Get a user group");
        group.MapPut("/{group_id}", UpdateGroup.HandleAsync).WithSummary("Rename a user group");
        group.MapDelete("/{group_id}", DeleteGroup.HandleAsync).WithSummary("Delete a user group");
        group.MapGet("/{group_id}/users", GroupMembers.ListAsync).WithSummary("List a group's members");
        group.MapPost("/{group_id}/users/{user_id}", GroupMembers.AddAsync).WithSummary("Add a user to a group").WithDescription("Answers with the members after the change.");
        group.MapDelete("/{group_id}/users/{user_id}", GroupMembers.RemoveAsync).WithSummary("Remove a user from a group").WithDescription("Answers with the members after the change.");
        return group;
    }

    public static Task<UserGroup?> FindGroupAsync(this RosterDb db, string accountId, string groupId, CancellationToken ct) =>
        db.UserGroups.FirstOrDefaultAsync(g => g.Id == groupId && g.AccountId == accountId, ct);

    public static Task<List<GroupMember>> MembersAsync(this RosterDb db, string groupId, CancellationToken ct) =>
        db.GroupMemberships.Where(m => m.GroupId == groupId)
            .OrderBy(m => m.User!.NameNormalized).ThenBy(m => m.UserId)
            .Select(m => new GroupMember(m.User!.Id, m.User.Name, m.User.Email))
            .ToListAsync(ct);

    public static ObjectNotFound Missing(string groupId) => new($"Cannot find user group with id {groupId}");

    public static NameAlreadyTaken NameTaken(string name) => new($"A user group named {name} already exists");
}

public sealed record GroupMember(string Id, string Name, string Email);

/// <summary>A group; members and dates only with extended_details (CloudinaryDotNet cannot read member objects otherwise).</summary>
public sealed record GroupResponse(
    string Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GroupMember>? Users = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CreatedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? UpdatedAt = null)
{
    public static GroupResponse Of(UserGroup g) => new(g.Id, g.Name);

    public static GroupResponse Extended(UserGroup g, IReadOnlyList<GroupMember> members) => new(g.Id, g.Name, members, g.CreatedAt, g.UpdatedAt);
}

public sealed record GroupSnapshot(string Id, string Name);

public sealed record GroupList(IReadOnlyList<GroupResponse> UserGroups);

public sealed record GroupMembersResponse(IReadOnlyList<GroupMember> Users);
