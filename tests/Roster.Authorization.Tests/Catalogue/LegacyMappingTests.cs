using System.Text.Json;
using Roster.Authorization.Catalogue;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Catalogue;

public class LegacyMappingTests
{
    [Theory]
    [InlineData("master_admin", R.AccountMasterAdmin, R.ProdenvMasterAdmin)]
    [InlineData("admin", R.AccountAdmin, R.ProdenvAdmin)]
    [InlineData("technical_admin", R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin)]
    [InlineData("billing", R.AccountBilling, null)]
    [InlineData("reports", R.AccountReports, null)]
    [InlineData("media_library_admin", null, R.ProdenvMediaLibraryAdmin)]
    [InlineData("media_library_user", null, R.ProdenvMediaLibraryUser)]
    public void FindLegacyRole_EachLegacyRole_MapsAsTheMigrationDocsSay(string legacy, string? accountRole, string? prodenvRole)
    {
        var mapping = CloudinaryCatalogue.FindLegacyRole(JsonSerializer.Deserialize<LegacyRole>($"\"{legacy}\""));
        Assert.NotNull(mapping);
        Assert.Equal(accountRole, mapping.AccountRoleId);
        Assert.Equal(prodenvRole, mapping.ProductEnvironmentRoleId);
    }

    [Fact]
    public void LegacyRoleMappings_CoverTheSevenLegacyRoles() => Assert.Equal(7, CloudinaryCatalogue.LegacyRoleMappings.Count);

    [Fact]
    public void LegacyRole_Unknown_IsNoLegacyRole() => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LegacyRole>("\"owner\""));

    [Theory]
    [InlineData("view", R.FolderViewer, R.CollectionViewer)]
    [InlineData("edit", R.FolderEditor, R.CollectionEditor)]
    [InlineData("manage", R.FolderManager, R.CollectionManager)]
    public void FindLegacyShare_EachLevel_MapsToFolderAndCollectionRoles(string level, string folderRole, string collectionRole)
    {
        var mapping = CloudinaryCatalogue.FindLegacyShare(level);
        Assert.NotNull(mapping);
        Assert.Equal(folderRole, mapping.FolderRoleId);
        Assert.Equal(collectionRole, mapping.CollectionRoleId);
    }

    [Theory]
    [InlineData("master_admin", R.AccountMasterAdmin, R.ProdenvMasterAdmin)]
    [InlineData("admin", R.AccountAdmin, R.ProdenvAdmin)]
    [InlineData("developer", R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin)]
    [InlineData("media_library_admin", null, R.ProdenvMediaLibraryAdmin)]
    [InlineData("media_library_user", null, R.ProdenvMediaLibraryUser)]
    [InlineData("billing", R.AccountBilling, null)]
    [InlineData("reports", R.AccountReports, R.ProdenvReports)]
    public void FindBundle_EachBundle_PairsItsRoles(string bundle, string? accountRole, string? prodenvRole)
    {
        var found = CloudinaryCatalogue.FindBundle(bundle);
        Assert.NotNull(found);
        Assert.Equal(accountRole, found.AccountRoleId);
        Assert.Equal(prodenvRole, found.ProductEnvironmentRoleId);
    }

    [Fact]
    public void EveryMappedRole_ExistsAtTheRightScope()
    {
        var accountRoles = CloudinaryCatalogue.LegacyRoleMappings.Select(m => m.AccountRoleId)
            .Concat(CloudinaryCatalogue.AccessBundles.Select(b => b.AccountRoleId)).OfType<string>();
        var prodenvRoles = CloudinaryCatalogue.LegacyRoleMappings.Select(m => m.ProductEnvironmentRoleId)
            .Concat(CloudinaryCatalogue.AccessBundles.Select(b => b.ProductEnvironmentRoleId)).OfType<string>();
        Assert.All(accountRoles, id => Assert.Equal(ScopeType.Account, CloudinaryCatalogue.FindRole(id)?.ScopeType));
        Assert.All(prodenvRoles, id => Assert.Equal((ScopeType.Prodenv, PermissionType.Global),
            (CloudinaryCatalogue.FindRole(id)?.ScopeType, CloudinaryCatalogue.FindRole(id)?.PermissionType)));
        Assert.All(CloudinaryCatalogue.LegacyShareMappings, m =>
        {
            Assert.Equal([CloudinaryCatalogue.FolderIdParameter], CloudinaryCatalogue.FindRole(m.FolderRoleId)?.PolicyParameters);
            Assert.Equal([CloudinaryCatalogue.CollectionIdParameter], CloudinaryCatalogue.FindRole(m.CollectionRoleId)?.PolicyParameters);
        });
    }
}
