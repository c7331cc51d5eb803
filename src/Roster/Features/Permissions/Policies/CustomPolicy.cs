using Roster.Authorization.Catalogue;

namespace Roster.Features.Permissions;

/// <summary>A Cedar statement written by the account (Enterprise plans), at account scope or in product environments.</summary>
public sealed class CustomPolicy
{
    /// <summary>The scope id of a policy that applies in every product environment.</summary>
    public const string AllProductEnvironments = "all";

    public required string AccountId { get; init; }
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string NameNormalized { get; set; }
    public string? Description { get; set; }
    public required string Statement { get; set; }
    public ScopeType ScopeType { get; set; }

    /// <summary><c>all</c> or a product environment id for <see cref="ScopeType.Prodenv"/>; null at account scope.</summary>
    public string? ScopeId { get; set; }

    /// <summary>
    /// The scope as one non-null value ("account", "all" or the product environment id), for the unique
    /// index on names: both databases treat NULLs in a unique index as distinct.
    /// </summary>
    public required string ScopeKey { get; set; }

    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(ScopeType scopeType, string? scopeId) => scopeType == ScopeType.Account ? "account" : scopeId!;
}
