namespace Roster.Features.Groups;

public sealed class UserGroup
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }

    /// <summary>Lower-cased name; unique within the account.</summary>
    public required string NameNormalized { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<GroupMembership> Memberships { get; } = [];
}

public sealed class GroupMembership
{
    public required string GroupId { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public Users.User? User { get; init; }
    public UserGroup? Group { get; init; }
}
