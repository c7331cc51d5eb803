using Roster.Authorization.Catalogue;

namespace Roster.Features.Permissions;

/// <summary>
/// A custom role (Enterprise plans): a named set of system policies at one scope, made by the account.
/// System roles are not stored: they come from the catalogue and are the same for every account.
/// </summary>
public sealed class Role
{
    public required string AccountId { get; init; }

    /// <summary>Given by the caller or generated; unique within the account, never starting with the catalogue's <c>cld::</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Lower-cased name; unique within the account.</summary>
    public required string NameNormalized { get; set; }

    public string? Description { get; set; }
    public PermissionType PermissionType { get; init; }
    public ScopeType ScopeType { get; init; }

    /// <summary>For content roles, the parameter names an assignment must supply (from its policies).</summary>
    public List<string> PolicyParameters { get; set; } = [];

    public List<string> SystemPolicyIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
