using Roster.Authorization.Catalogue;

namespace Roster.Features.Permissions;

/// <summary>A role (system or custom) held by a principal, at account scope or in one product environment.</summary>
public sealed class RoleAssignment
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public PrincipalType PrincipalType { get; init; }

    /// <summary>A user id, group id, product-environment API key, or account (provisioning) key.</summary>
    public required string PrincipalId { get; init; }

    /// <summary>A catalogue role id (<c>cld::role::…</c>) or a custom role id of the account.</summary>
    public required string RoleId { get; init; }

    /// <summary>The product environment; null at account scope.</summary>
    public string? ScopeId { get; init; }

    /// <summary>The content role's parameters as a JSON object, e.g. <c>{"folder_id":"f1"}</c>; <c>{}</c> for global roles.</summary>
    public string PolicyParameters { get; init; } = "{}";

    /// <summary>Copied out of <see cref="PolicyParameters"/> so that "who holds what on this folder" is an index lookup.</summary>
    public string? FolderId { get; init; }

    public string? CollectionId { get; init; }

    /// <summary>
    /// A hash of (principal, role, scope, parameters), unique within the account: the same assignment made
    /// twice, even concurrently, is stored once.
    /// </summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
