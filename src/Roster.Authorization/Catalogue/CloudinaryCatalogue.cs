using System.Collections.Frozen;

namespace Roster.Authorization.Catalogue;

/// <summary>
/// Roster's permission catalogue: the Cedar schema of the <c>Cloudinary</c> namespace, the system
/// policies and roles built on it, access bundles, the legacy role mappings, and lookups.
/// Everything here is immutable data, built once per process.
/// </summary>
public static class CloudinaryCatalogue
{
    /// <summary>The parameter of folder policies and roles.</summary>
    public const string FolderIdParameter = "folder_id";

    /// <summary>The parameter of collection policies and roles.</summary>
    public const string CollectionIdParameter = "collection_id";

    private static readonly FrozenDictionary<string, SystemPolicy> _policies =
        SystemPolicyData.All.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, SystemRole> _roles =
        SystemRoleData.Roles.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>
    /// How a content statement names its parameter: <c>Cloudinary::Folder::"{folder_id}"</c>. A grant
    /// replaces it with the parameter's value in the statement's syntax tree.
    /// </summary>
    public static string Placeholder(string parameter) => "{" + parameter + "}";

    /// <summary>The Cedar schema (JSON schema format) of the <c>Cloudinary</c> namespace.</summary>
    public static string SchemaJson { get; } = ReadSchema();

    /// <summary>Every system policy, account policies first, then product-environment global, then content.</summary>
    public static IReadOnlyList<SystemPolicy> SystemPolicies => SystemPolicyData.All;

    /// <summary>Every system role: account, product-environment global, folder, collection.</summary>
    public static IReadOnlyList<SystemRole> SystemRoles => SystemRoleData.Roles;

    /// <summary>Pairs of an account role and a product-environment role applied together when inviting users.</summary>
    public static IReadOnlyList<AccessBundle> AccessBundles => SystemRoleData.Bundles;

    /// <summary>What each legacy <c>role</c> string of the Provisioning API becomes.</summary>
    public static IReadOnlyList<LegacyRoleMapping> LegacyRoleMappings => SystemRoleData.LegacyRoles;

    /// <summary>What each legacy folder or collection share level becomes.</summary>
    public static IReadOnlyList<LegacyShareMapping> LegacyShareMappings => SystemRoleData.LegacyShares;

    public static SystemPolicy? FindPolicy(string id) => _policies.GetValueOrDefault(id);

    public static SystemRole? FindRole(string id) => _roles.GetValueOrDefault(id);

    public static AccessBundle? FindBundle(string id) => AccessBundles.FirstOrDefault(b => b.Id == id);

    public static LegacyRoleMapping FindLegacyRole(LegacyRole legacyRole) => LegacyRoleMappings.First(m => m.LegacyRole == legacyRole);

    public static LegacyShareMapping? FindLegacyShare(string shareLevel) => LegacyShareMappings.FirstOrDefault(m => m.ShareLevel == shareLevel);

    /// <summary>
    /// The global product-environment policies that grant, on the whole product environment, what the
    /// content policy grants on one folder or collection (empty for other policies).
    /// </summary>
    public static IReadOnlyList<string> CoveringPolicies(string contentPolicyId) =>
        SystemRoleData.CoveredBy.TryGetValue(contentPolicyId, out var covering) ? covering : [];

    /// <summary>True for the two master admin roles, which hold everything in their scope.</summary>
    public static bool IsMasterAdmin(string roleId) =>
        roleId is SystemRoleIds.AccountMasterAdmin or SystemRoleIds.ProdenvMasterAdmin;

    /// <summary>Whether a principal of this type may hold the system role (see <see cref="RoleEligibility"/>).</summary>
    public static bool MayHold(SystemRole role, PrincipalType principalType) =>
        RoleEligibility.MayHold(role.ScopeType, role.PolicyParameters, principalType);

    private static string ReadSchema()
    {
        using var stream = typeof(CloudinaryCatalogue).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private const string SchemaResourceName = "Roster.Authorization.Catalogue.cloudinary.cedarschema.json";
}
