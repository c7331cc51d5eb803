namespace Roster.Authorization.Permissions;

/// <summary>Who makes a request: a user (with the groups it belongs to) or a product-environment API key.</summary>
public abstract record RequestPrincipal
{
    private RequestPrincipal() { }

    /// <param name="GroupIds">Every group the user is a member of: the user inherits their roles.</param>
    public sealed record User(string Id, IReadOnlyList<string> GroupIds, string? Email = null) : RequestPrincipal;

    /// <param name="Key">The <c>api_key</c> value.</param>
    public sealed record ApiKey(string Key, string ProductEnvironmentId) : RequestPrincipal;
}
