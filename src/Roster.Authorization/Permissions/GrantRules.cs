using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>Whether a grant fits its role, and what it becomes in Cedar: the principal and the resource scope.</summary>
public static class GrantRules
{
    /// <summary>
    /// True when the role may take effect through this grant: the principal type may hold it, and the grant's
    /// scope is the role's — account roles at account scope, product-environment roles on a product
    /// environment (or <c>all</c>), folder roles on a folder, collection roles on a collection. Grants that
    /// do not fit have no effect.
    /// </summary>
    public static bool Fits(RoleDefinition role, Grant grant)
    {
        if (!RoleEligibility.MayHold(role.ScopeType, role.PolicyParameters, grant.PrincipalType)) return false;
        var needsFolder = role.PolicyParameters.Contains(CloudinaryCatalogue.FolderIdParameter);
        var needsCollection = role.PolicyParameters.Contains(CloudinaryCatalogue.CollectionIdParameter);
        return role.ScopeType switch
        {
            ScopeType.Account => grant.ProductEnvironmentId is null && grant.FolderId is null && grant.CollectionId is null,
            ScopeType.Prodenv => !string.IsNullOrEmpty(grant.ProductEnvironmentId)
                && (role.PermissionType == PermissionType.Content) == (needsFolder || needsCollection)
                && needsFolder == !string.IsNullOrEmpty(grant.FolderId)
                && needsCollection == !string.IsNullOrEmpty(grant.CollectionId),
            _ => false,
        };
    }

    /// <summary>The principal scope: a user itself, the members of a group, an API key itself.</summary>
    public static ScopeConstraint PrincipalScope(Grant grant) => grant.PrincipalType switch
    {
        PrincipalType.User => new ScopeConstraint.Eq(RequestEntities.UserUid(grant.PrincipalId), SourceSpan.None),
        PrincipalType.Group => new ScopeConstraint.In(RequestEntities.GroupUid(grant.PrincipalId), SourceSpan.None),
        PrincipalType.ApiKey => new ScopeConstraint.Eq(RequestEntities.ApiKeyUid(grant.PrincipalId), SourceSpan.None),
        _ => throw new ArgumentOutOfRangeException(nameof(grant), grant.PrincipalType, "This principal type holds no roles."),
    };

    /// <summary>
    /// The entities a fitting grant's policies are confined to: its folder or collection and its product
    /// environment (folder ids need not be unique across product environments), its product environment,
    /// or the account (account scope, or every product environment).
    /// </summary>
    public static IReadOnlyList<EntityUid> ResourceScopes(string accountId, Grant grant)
    {
        var productEnvironment = grant.ProductEnvironmentId is { Length: > 0 } pe && pe != Grant.AllProductEnvironments
            ? RequestEntities.ProductEnvironmentUid(pe)
            : (EntityUid?)null;
        var content = grant.FolderId is { Length: > 0 } folder ? RequestEntities.FolderUid(folder)
            : grant.CollectionId is { Length: > 0 } collection ? RequestEntities.CollectionUid(collection)
            : (EntityUid?)null;
        return (content, productEnvironment) switch
        {
            ({ } c, { } p) => [c, p],
            ({ } c, null) => [c],
            (null, { } p) => [p],
            (null, null) => [RequestEntities.AccountUid(accountId)],
        };
    }

    /// <summary>Placeholder → value, for the parameters the grant supplies.</summary>
    public static IReadOnlyDictionary<string, string> ParameterValues(Grant grant)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (grant.FolderId is { Length: > 0 } folder) values[CloudinaryCatalogue.Placeholder(CloudinaryCatalogue.FolderIdParameter)] = folder;
        if (grant.CollectionId is { Length: > 0 } collection) values[CloudinaryCatalogue.Placeholder(CloudinaryCatalogue.CollectionIdParameter)] = collection;
        return values;
    }
}
