using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>
/// The Permissions API's names for the catalogue's enums, read in any case (Cloudinary's API does). Each value is
/// written by its one wire name, <see cref="WireEnumExtensions.Wire{TEnum}"/>.
/// </summary>
public static class Wire
{
    public static readonly IReadOnlyDictionary<string, ScopeType> ScopeTypes = AnyCase<ScopeType>();

    public static readonly IReadOnlyDictionary<string, PermissionType> PermissionTypes = AnyCase<PermissionType>();

    public static readonly IReadOnlyDictionary<string, ManagementType> ManagementTypes = AnyCase<ManagementType>();

    public static readonly IReadOnlyDictionary<string, PrincipalType> PrincipalTypes = AnyCase<PrincipalType>();

    /// <summary>Epoch seconds, the v2 API's timestamps.</summary>
    public static long Seconds(this DateTimeOffset value) => value.ToUnixTimeSeconds();

    private static Dictionary<string, TEnum> AnyCase<TEnum>() where TEnum : struct, Enum =>
        new(WireEnum<TEnum>.ByName, StringComparer.OrdinalIgnoreCase);
}
