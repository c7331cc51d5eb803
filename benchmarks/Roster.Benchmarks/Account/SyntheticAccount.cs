using Roster.Authorization.Permissions;

namespace Roster.Benchmarks.Account;

/// <summary>A folder of a product environment's tree; <see cref="Path"/> lists folder ids from the top folder down to it.</summary>
public sealed class SyntheticFolder(string id, string productEnvironmentId, SyntheticFolder? parent)
{
    public string Id { get; } = id;
    public string ProductEnvironmentId { get; } = productEnvironmentId;
    public SyntheticFolder? Parent { get; } = parent;
    public int Depth { get; } = parent is null ? 1 : parent.Depth + 1;
    public List<SyntheticFolder> Children { get; } = [];
    public IReadOnlyList<string> Path { get; } = parent is null ? [id] : [.. parent.Path, id];
}

/// <summary>A user and the groups it belongs to.</summary>
public sealed record SyntheticUser(string Id, IReadOnlyList<string> GroupIds);

/// <summary>
/// The generated account: its users, groups, product environments with their folder trees, the role grants,
/// and the <see cref="AccountPolicies"/> that <see cref="AccountPolicyBuilder"/> compiles from them.
/// </summary>
public sealed class SyntheticAccount
{
    public required string AccountId { get; init; }
    public required IReadOnlyList<SyntheticUser> Users { get; init; }
    public required IReadOnlyList<string> GroupIds { get; init; }
    public required IReadOnlyList<string> ProductEnvironmentIds { get; init; }

    /// <summary>Per product environment (same order as <see cref="ProductEnvironmentIds"/>), its folders by depth (index 0 is depth 1).</summary>
    public required IReadOnlyList<IReadOnlyList<IReadOnlyList<SyntheticFolder>>> FoldersByDepth { get; init; }

    public required IReadOnlyDictionary<string, SyntheticFolder> FoldersById { get; init; }
    public required IReadOnlyList<Grant> FolderGrants { get; init; }
    public required IReadOnlyList<Grant> GlobalGrants { get; init; }
    public required AccountPolicies Policies { get; init; }
    public required TimeSpan BuildTime { get; init; }

    public int FolderCount => FoldersById.Count;
}
