using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using P = Roster.Authorization.Catalogue.SystemPolicyIds;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Permissions;

public class HoldingsTests
{
    [Theory]
    // The account master admin holds everything in the account.
    [InlineData(R.AccountMasterAdmin, "account", R.AccountMasterAdmin, "account", true)]
    [InlineData(R.AccountMasterAdmin, "account", R.ProdenvAdmin, "pe:pe1", true)]
    [InlineData(R.AccountMasterAdmin, "account", R.FolderManager, "folder:pe1:f1", true)]
    // A product-environment master admin holds everything in its product environment only.
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", R.ProdenvMasterAdmin, "pe:pe1", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", R.FolderManager, "folder:pe1:f1/f2", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", R.CollectionManager, "collection:pe1:c1", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", R.ProdenvReports, "pe:pe2", false)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", R.AccountReports, "account", false)]
    // Account admin: user and role management and reports, not billing, security or master admin.
    [InlineData(R.AccountAdmin, "account", R.AccountReports, "account", true)]
    [InlineData(R.AccountAdmin, "account", R.AccountAdmin, "account", true)]
    [InlineData(R.AccountAdmin, "account", R.AccountBilling, "account", false)]
    [InlineData(R.AccountAdmin, "account", R.AccountTechnicalAdmin, "account", false)]
    [InlineData(R.AccountAdmin, "account", R.AccountMasterAdmin, "account", false)]
    [InlineData(R.AccountAdmin, "account", R.ProdenvMediaLibraryUser, "pe:pe1", false)]
    // Global product-environment policies cover the content policies of every folder and collection.
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", R.FolderManager, "folder:pe1:f1/f2", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", R.CollectionManager, "collection:pe1:c1", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", R.ProdenvMediaLibraryUser, "pe:pe1", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", R.ProdenvAdmin, "pe:pe1", false)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", R.FolderViewer, "folder:pe2:f1", false)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:all", R.FolderViewer, "folder:pe2:f1", true)]
    [InlineData(R.ProdenvAdmin, "pe:all", R.ProdenvReports, "pe:pe7", true)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", R.ProdenvMediaLibraryUser, "pe:pe1", true)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", R.FolderViewer, "folder:pe1:f1", false)]
    [InlineData(R.ProdenvReports, "pe:pe1", R.ProdenvBilling, "pe:pe1", true)]
    // A folder role holds at its folder and below, up to its own level.
    [InlineData(R.FolderManager, "folder:pe1:f1", R.FolderManager, "folder:pe1:f1", true)]
    [InlineData(R.FolderManager, "folder:pe1:f1", R.FolderViewer, "folder:pe1:f1/f2/f3", true)]
    [InlineData(R.FolderManager, "folder:pe1:f1", R.FolderViewer, "folder:pe1:f9", false)]
    [InlineData(R.FolderManager, "folder:pe1:f1/f2", R.FolderViewer, "folder:pe1:f1", false)]
    [InlineData(R.FolderManager, "folder:pe1:f1", R.ProdenvMediaLibraryUser, "pe:pe1", false)]
    [InlineData(R.FolderManager, "folder:pe1:f1", R.CollectionViewer, "collection:pe1:c1", false)]
    [InlineData(R.FolderViewer, "folder:pe1:f1", R.FolderViewer, "folder:pe1:f1", true)]
    [InlineData(R.FolderViewer, "folder:pe1:f1", R.FolderContributor, "folder:pe1:f1", false)]
    [InlineData(R.FolderEditor, "folder:pe1:f1", R.FolderContributor, "folder:pe1:f1/f2", true)]
    [InlineData(R.FolderEditor, "folder:pe1:f1", R.FolderManager, "folder:pe1:f1/f2", false)]
    // A collection role holds at its collection only.
    [InlineData(R.CollectionEditor, "collection:pe1:c1", R.CollectionViewer, "collection:pe1:c1", true)]
    [InlineData(R.CollectionEditor, "collection:pe1:c1", R.CollectionManager, "collection:pe1:c1", false)]
    [InlineData(R.CollectionManager, "collection:pe1:c1", R.CollectionViewer, "collection:pe1:c2", false)]
    // A role at the wrong scope is held nowhere and cannot be granted there.
    [InlineData(R.AccountAdmin, "pe:pe1", R.AccountReports, "account", false)]
    [InlineData(R.ProdenvAdmin, "account", R.ProdenvReports, "pe:pe1", false)]
    [InlineData(R.AccountMasterAdmin, "account", R.FolderViewer, "pe:pe1", false)]
    [InlineData(R.AccountMasterAdmin, "account", R.ProdenvAdmin, "account", false)]
    public void CanGrant_CallersRoleAndTarget_OnlyWhatItHolds(string callerRole, string callerScope, string roleId, string target, bool expected)
    {
        var holdings = new Holdings([Scopes.User("caller", callerRole, callerScope)]);
        Assert.Equal(expected, holdings.CanGrant(roleId, Scopes.Target(target)));
    }

    [Fact]
    public void CanGrant_RolesOfSeveralGrants_AddUp()
    {
        var holdings = new Holdings([
            Scopes.User("caller", R.ProdenvReports, "pe:pe1"),
            Scopes.Grant("g", PrincipalType.Group, "editors", R.ProdenvMediaLibraryAdmin, "pe:pe1"),
        ]);
        var custom = RoleDefinition.Custom("reporting_librarian", ScopeType.Prodenv, PermissionType.Global, [P.UsageView, P.FoldersAndAssetsView]);
        Assert.True(holdings.CanGrant(custom, Scopes.Target("pe:pe1")));
        Assert.False(new Holdings([Scopes.User("caller", R.ProdenvReports, "pe:pe1")]).CanGrant(custom, Scopes.Target("pe:pe1")));
    }

    [Fact]
    public void CanGrant_CustomRoleById_ResolvesTheAccountsCustomRoles()
    {
        var uploadManager = RoleDefinition.Custom("upload_manager", ScopeType.Prodenv, PermissionType.Global,
            [P.UploadPresetsManage, P.FoldersAndAssetsCreateAsset]);
        var developer = new Holdings([Scopes.User("dev", R.ProdenvTechnicalAdmin, "pe:pe1")], [uploadManager]);
        var librarian = new Holdings([Scopes.User("lib", R.ProdenvMediaLibraryAdmin, "pe:pe1")], [uploadManager]);
        Assert.True(developer.CanGrant("upload_manager", Scopes.Target("pe:pe1")));
        Assert.False(librarian.CanGrant("upload_manager", Scopes.Target("pe:pe1")));
        Assert.False(developer.CanGrant("no_such_role", Scopes.Target("pe:pe1")));
    }

    [Fact]
    public void CanGrant_CustomRoleHeldThroughACustomRole_IsAllowed()
    {
        var librarian = RoleDefinition.Custom("folder_librarian", ScopeType.Prodenv, PermissionType.Content,
            [P.FolderView, P.FolderEdit]);
        var viewer = RoleDefinition.Custom("folder_looker", ScopeType.Prodenv, PermissionType.Content, [P.FolderView]);
        var holdings = new Holdings([Scopes.User("u", "folder_librarian", "folder:pe1:f1")], [librarian, viewer]);
        Assert.True(holdings.CanGrant("folder_looker", Scopes.Target("folder:pe1:f1/f2")));
        Assert.False(holdings.CanGrant(R.FolderViewer, Scopes.Target("folder:pe1:f1")));
    }

    [Theory]
    [InlineData(P.FolderViewDownload, "folder:pe1:f1", true)]
    [InlineData(P.FolderDelete, "folder:pe1:f1/f2", true)]
    [InlineData(P.FolderView, "pe:pe1", false)]
    [InlineData(P.CollectionView, "collection:pe1:c1", false)]
    [InlineData(P.FoldersAndAssetsView, "pe:pe1", false)]
    public void Holds_FolderManagerOnF1_HoldsItsPoliciesAtAndBelowF1(string policyId, string target, bool expected)
    {
        var holdings = new Holdings([Scopes.User("u", R.FolderManager, "folder:pe1:f1")]);
        Assert.Equal(expected, holdings.Holds(policyId, Scopes.Target(target)));
    }

    [Fact]
    public void Holds_ContentPolicyInAGlobalCustomRole_IsNotHeld()
    {
        var malformed = new RoleDefinition("odd", ScopeType.Prodenv, PermissionType.Global, [P.FolderShare, P.UsageView], []);
        var holdings = new Holdings([Scopes.User("u", "odd", "pe:pe1")], [malformed]);
        Assert.False(holdings.Holds(P.FolderShare, Scopes.Target("folder:pe1:f1")));
        Assert.True(holdings.Holds(P.UsageView, Scopes.Target("pe:pe1")));
    }

    [Fact]
    public void Holds_NoGrants_HoldsNothing() =>
        Assert.False(new Holdings([]).Holds(P.MediaLibraryAccess, Scopes.Target("pe:pe1")));
}
