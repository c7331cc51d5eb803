using System.Text.Json.Serialization;

namespace Roster.Authorization.Catalogue;

// The vocabulary of Roster's permission system, as the Permissions API speaks it: each value's wire name is its
// name in snake_case unless an attribute spells it.

/// <summary>Where a role or policy applies: the whole account, or a product environment (all of it, or content in it).</summary>
public enum ScopeType { Account, Prodenv }

/// <summary><c>global</c>: everything in the scope; <c>content</c>: named folders or collections (needs policy parameters).</summary>
public enum PermissionType { Global, Content }

public enum ManagementType { System, Custom }

/// <summary>Who can hold roles: a user, a user group, a product-environment API key, an account (provisioning) key.</summary>
public enum PrincipalType
{
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("group")] Group,
    [JsonStringEnumMemberName("apiKey")] ApiKey,
    [JsonStringEnumMemberName("provisioningKey")] ProvisioningKey,
}

/// <summary>A system policy: one Cedar statement with its catalogue metadata.</summary>
/// <param name="Statement">Cedar text; the principal is left open — a grant fills it in (see <c>Grants</c>).</param>
/// <param name="PolicyParameters">For content policies, the parameter names a grant must supply (<c>folder_id</c> or <c>collection_id</c>).</param>
public sealed record SystemPolicy(
    string Id,
    string Name,
    string Description,
    ScopeType ScopeType,
    PermissionType PermissionType,
    string Category,
    string? SubCategory,
    string Statement,
    IReadOnlyList<string> PolicyParameters);

/// <summary>A system role: a named bundle of system policies at one scope.</summary>
public sealed record SystemRole(
    string Id,
    string Name,
    string Description,
    ScopeType ScopeType,
    PermissionType PermissionType,
    IReadOnlyList<string> PolicyIds,
    IReadOnlyList<string> PolicyParameters);

/// <summary>A pair of an account-level and a product-environment-level system role, applied together when inviting users.</summary>
public sealed record AccessBundle(string Id, string Name, string Description, string? AccountRoleId, string? ProductEnvironmentRoleId);

/// <summary>The seven roles of the legacy permission system, one per user; their wire names are the snake_case of these.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LegacyRole>))]
public enum LegacyRole
{
    [JsonStringEnumMemberName("master_admin")] MasterAdmin,
    [JsonStringEnumMemberName("admin")] Admin,
    [JsonStringEnumMemberName("technical_admin")] TechnicalAdmin,
    [JsonStringEnumMemberName("billing")] Billing,
    [JsonStringEnumMemberName("reports")] Reports,
    [JsonStringEnumMemberName("media_library_admin")] MediaLibraryAdmin,
    [JsonStringEnumMemberName("media_library_user")] MediaLibraryUser,
}

/// <summary>What a legacy role becomes: at most one account role and one role on each allowed product environment.</summary>
public sealed record LegacyRoleMapping(LegacyRole LegacyRole, string? AccountRoleId, string? ProductEnvironmentRoleId);

/// <summary>What a legacy folder or collection share level (<c>view</c>, <c>edit</c>, <c>manage</c>) becomes.</summary>
public sealed record LegacyShareMapping(string ShareLevel, string FolderRoleId, string CollectionRoleId);
