namespace Roster.Authorization.Catalogue;

/// <summary>Which principals may hold which kind of role.</summary>
public static class RoleEligibility
{
    /// <summary>
    /// Users and groups may hold every role (group members inherit them). API keys belong to one product
    /// environment: they hold product-environment roles, global or folder, but no account roles and no
    /// collection roles. Provisioning (account) keys hold no roles: they already have the whole
    /// Provisioning and Permissions APIs.
    /// </summary>
    public static bool MayHold(ScopeType scopeType, IReadOnlyList<string> policyParameters, PrincipalType principalType) => principalType switch
    {
        PrincipalType.User or PrincipalType.Group => true,
        PrincipalType.ApiKey => scopeType == ScopeType.Prodenv && !policyParameters.Contains(CloudinaryCatalogue.CollectionIdParameter),
        PrincipalType.ProvisioningKey => false,
        _ => throw new ArgumentOutOfRangeException(nameof(principalType), principalType, null),
    };
}
