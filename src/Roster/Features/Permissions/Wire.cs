using Roster.Authorization.Catalogue;

namespace Roster.Features.Permissions;

/// <summary>The Permissions API's names for the catalogue's enums, both ways.</summary>
public static class Wire
{
    public static readonly IReadOnlyDictionary<string, ScopeType> ScopeTypes =
        new Dictionary<string, ScopeType>(StringComparer.OrdinalIgnoreCase) { ["account"] = ScopeType.Account, ["prodenv"] = ScopeType.Prodenv };

    public static readonly IReadOnlyDictionary<string, PermissionType> PermissionTypes =
        new Dictionary<string, PermissionType>(StringComparer.OrdinalIgnoreCase) { ["global"] = PermissionType.Global, ["content"] = PermissionType.Content };

    public static readonly IReadOnlyDictionary<string, ManagementType> ManagementTypes =
        new Dictionary<string, ManagementType>(StringComparer.OrdinalIgnoreCase) { ["system"] = ManagementType.System, ["custom"] = ManagementType.Custom };

    public static readonly IReadOnlyDictionary<string, PrincipalType> PrincipalTypes =
        new Dictionary<string, PrincipalType>(StringComparer.OrdinalIgnoreCase)
        {
            ["user"] = PrincipalType.User, ["group"] = PrincipalType.Group,
            ["apiKey"] = PrincipalType.ApiKey, ["provisioningKey"] = PrincipalType.ProvisioningKey,
        };

    public static string Name(this ScopeType value) => value switch
    {
        ScopeType.Account => "account",
        ScopeType.Prodenv => "prodenv",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Name(this PermissionType value) => value switch
    {
        PermissionType.Global => "global",
        PermissionType.Content => "content",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Name(this ManagementType value) => value switch
    {
        ManagementType.System => "system",
        ManagementType.Custom => "custom",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Name(this PrincipalType value) => value switch
    {
        PrincipalType.User => "user",
        PrincipalType.Group => "group",
        PrincipalType.ApiKey => "apiKey",
        PrincipalType.ProvisioningKey => "provisioningKey",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Epoch seconds, the v2 API's timestamps.</summary>
    public static long Seconds(this DateTimeOffset value) => value.ToUnixTimeSeconds();
}
