using System.Text.Json;
using Roster.Authorization.Catalogue;
using P = Roster.Authorization.Catalogue.SystemPolicyIds;

namespace Roster.Authorization.Tests.Catalogue;

public class SystemPolicyTests
{
    public static TheoryData<string> PolicyIds() => [.. CloudinaryCatalogue.SystemPolicies.Select(p => p.Id)];

    [Fact]
    public void SystemPolicies_Ids_AreUnique() =>
        Assert.Equal(CloudinaryCatalogue.SystemPolicies.Count, CloudinaryCatalogue.SystemPolicies.Select(p => p.Id).Distinct().Count());

    [Theory]
    [InlineData("cld::policy::global::ml::access", ScopeType.Prodenv, PermissionType.Global, "Management")]
    [InlineData("cld::policy::global::folder_and_asset_management::view", ScopeType.Prodenv, PermissionType.Global, "Management")]
    [InlineData("cld::policy::global::folder_and_asset_management::create_asset", ScopeType.Prodenv, PermissionType.Global, "Management")]
    [InlineData("cld::policy::global::api_keys::manage", ScopeType.Prodenv, PermissionType.Global, "Settings")]
    [InlineData("cld::policy::global::upload_presets::manage", ScopeType.Prodenv, PermissionType.Global, "Settings")]
    [InlineData("cld::policy::global::assets::moderate", ScopeType.Prodenv, PermissionType.Global, "Management")]
    [InlineData("cld::policy::global::basic_portals::access", ScopeType.Prodenv, PermissionType.Global, "Management")]
    [InlineData("cld::policy::global::users_and_groups::manage", ScopeType.Account, PermissionType.Global, "Settings")]
    [InlineData("cld::policy::global::account_security::manage", ScopeType.Account, PermissionType.Global, "Settings")]
    [InlineData("cld::policy::global::reports::delivery::view", ScopeType.Prodenv, PermissionType.Global, "Reports")]
    [InlineData("cld::policy::global::reports::errors::view", ScopeType.Prodenv, PermissionType.Global, "Reports")]
    [InlineData("cld::policy::global::reports::usage::view", ScopeType.Prodenv, PermissionType.Global, "Reports")]
    [InlineData("cld::policy::content::folder::view_download", ScopeType.Prodenv, PermissionType.Content, "Folder")]
    [InlineData("cld::policy::content::folder::download_public_assets", ScopeType.Prodenv, PermissionType.Content, "Folder")]
    [InlineData("cld::policy::content::folder::add_assets", ScopeType.Prodenv, PermissionType.Content, "Folder")]
    public void FindPolicy_ReferenceIds_ExistWithTheirScopeAndCategory(string id, ScopeType scope, PermissionType permission, string category)
    {
        var policy = CloudinaryCatalogue.FindPolicy(id);
        Assert.NotNull(policy);
        Assert.Equal((scope, permission, category), (policy.ScopeType, policy.PermissionType, policy.Category));
    }

    [Fact]
    public void FindPolicy_UploadPresetsManage_IsUnderUploadSettings() =>
        Assert.Equal("Upload Settings", CloudinaryCatalogue.FindPolicy(P.UploadPresetsManage)!.SubCategory);

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void SystemPolicy_Statement_OnlyPermitsWithAnOpenPrincipal(string id)
    {
        var policy = CloudinaryCatalogue.FindPolicy(id)!;
        Assert.False(string.IsNullOrWhiteSpace(policy.Name));
        Assert.False(string.IsNullOrWhiteSpace(policy.Description));
        Assert.DoesNotContain("forbid", policy.Statement, StringComparison.Ordinal);
        Assert.All(policy.Statement.Split('\n'), line => Assert.StartsWith("permit(principal, ", line, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void SystemPolicy_Parameters_MatchItsKindAndStatement(string id)
    {
        var policy = CloudinaryCatalogue.FindPolicy(id)!;
        string[] expected = policy.PermissionType == PermissionType.Global ? []
            : id.StartsWith("cld::policy::content::folder::", StringComparison.Ordinal) ? [CloudinaryCatalogue.FolderIdParameter]
            : [CloudinaryCatalogue.CollectionIdParameter];
        Assert.Equal(expected, policy.PolicyParameters);
        foreach (var parameter in expected)
            Assert.Contains(CloudinaryCatalogue.Placeholder(parameter), policy.Statement, StringComparison.Ordinal);
        Assert.Equal(policy.PermissionType == PermissionType.Content ? ScopeType.Prodenv : policy.ScopeType, policy.ScopeType);
    }

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void CoveringPolicies_EveryContentPolicy_IsCoveredByAGlobalProdenvPolicy(string id)
    {
        var policy = CloudinaryCatalogue.FindPolicy(id)!;
        var covering = CloudinaryCatalogue.CoveringPolicies(id);
        if (policy.PermissionType == PermissionType.Global)
        {
            Assert.Empty(covering);
            return;
        }
        Assert.NotEmpty(covering);
        Assert.All(covering, c => Assert.Equal((ScopeType.Prodenv, PermissionType.Global),
            (CloudinaryCatalogue.FindPolicy(c)?.ScopeType, CloudinaryCatalogue.FindPolicy(c)?.PermissionType)));
    }

    [Fact]
    public void SchemaJson_Always_DeclaresTheCloudinaryNamespace()
    {
        using var schema = JsonDocument.Parse(CloudinaryCatalogue.SchemaJson);
        var cloudinary = schema.RootElement.GetProperty("Cloudinary");
        var entityTypes = cloudinary.GetProperty("entityTypes").EnumerateObject().Select(p => p.Name).Order();
        var actions = cloudinary.GetProperty("actions").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["APIKey", "Account", "Asset", "Collection", "Feature", "Folder", "Group", "ProductEnvironment", "Report", "UploadMapping", "UploadPreset", "User"], entityTypes);
        Assert.Equal(CloudinaryActions.All.Order(), actions);
    }
}
