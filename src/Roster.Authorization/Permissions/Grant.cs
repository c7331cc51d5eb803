using Roster.Authorization.Catalogue;

namespace Roster.Authorization.Permissions;

/// <summary>
/// One role assignment: a principal holds a role at a scope. A null <paramref name="ProductEnvironmentId"/>
/// is account scope; <c>all</c> means every product environment of the account. Folder roles name their
/// folder, collection roles their collection.
/// </summary>
/// <param name="PrincipalId">The user id, group id, or API key (the <c>api_key</c> value).</param>
public sealed record Grant(
    string Id,
    PrincipalType PrincipalType,
    string PrincipalId,
    string RoleId,
    string? ProductEnvironmentId,
    string? FolderId,
    string? CollectionId)
{
    /// <summary>The scope id that stands for every product environment of the account.</summary>
    public const string AllProductEnvironments = "all";
}
