using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Permissions;

/// <summary>What each system role lets a user do, decided through the compiled account policies.</summary>
public class SystemRoleDecisionTests
{
    [Theory]
    // Account master admin: every account area, nothing inside product environments.
    [InlineData(R.AccountMasterAdmin, "account", "read", "users.view", true)]
    [InlineData(R.AccountMasterAdmin, "account", "update", "billing", true)]
    [InlineData(R.AccountMasterAdmin, "account", "update", "security", true)]
    [InlineData(R.AccountMasterAdmin, "account", "create", "pe.create", true)]
    [InlineData(R.AccountMasterAdmin, "account", "create", "pe1", true)]
    [InlineData(R.AccountMasterAdmin, "account", "create", "pe1:api_keys", false)]
    // Account admin: users, groups, roles, account settings, reports; no billing, security or product environment management.
    [InlineData(R.AccountAdmin, "account", "read", "users.view", true)]
    [InlineData(R.AccountAdmin, "account", "update", "user:u9", true)]
    [InlineData(R.AccountAdmin, "account", "delete", "group:g9", true)]
    [InlineData(R.AccountAdmin, "account", "update", "roles.assign", true)]
    [InlineData(R.AccountAdmin, "account", "update", "account.update", true)]
    [InlineData(R.AccountAdmin, "account", "update_settings", "account", true)]
    [InlineData(R.AccountAdmin, "account", "read", "audit", true)]
    [InlineData(R.AccountAdmin, "account", "read", "pe1", true)]
    [InlineData(R.AccountAdmin, "account", "update", "billing", false)]
    [InlineData(R.AccountAdmin, "account", "update", "security", false)]
    [InlineData(R.AccountAdmin, "account", "create", "pe.create", false)]
    [InlineData(R.AccountAdmin, "account", "delete", "pe1", false)]
    [InlineData(R.AccountAdmin, "account", "read", "pe1:marketing", false)]
    // Account technical admin: everything but user management and billing.
    [InlineData(R.AccountTechnicalAdmin, "account", "update", "security", true)]
    [InlineData(R.AccountTechnicalAdmin, "account", "create", "pe.create", true)]
    [InlineData(R.AccountTechnicalAdmin, "account", "read", "audit", true)]
    [InlineData(R.AccountTechnicalAdmin, "account", "read", "users.view", false)]
    [InlineData(R.AccountTechnicalAdmin, "account", "update", "user:u9", false)]
    [InlineData(R.AccountTechnicalAdmin, "account", "update", "roles.assign", false)]
    [InlineData(R.AccountTechnicalAdmin, "account", "update", "billing", false)]
    // Billing and reports: only their areas.
    [InlineData(R.AccountBilling, "account", "update", "billing", true)]
    [InlineData(R.AccountBilling, "account", "read", "account.usage", true)]
    [InlineData(R.AccountBilling, "account", "read", "users.view", false)]
    [InlineData(R.AccountBilling, "account", "read", "audit", false)]
    [InlineData(R.AccountReports, "account", "read", "audit", true)]
    [InlineData(R.AccountReports, "account", "read", "account.usage", true)]
    [InlineData(R.AccountReports, "account", "update", "billing", false)]
    [InlineData(R.AccountReports, "account", "read", "users.view", false)]
    // Product-environment master admin, admin and technical admin: all of their product environment.
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", "create", "pe1:api_keys", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", "update_settings", "pe1", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", "delete", "pe1:campaign-private", true)]
    [InlineData(R.ProdenvMasterAdmin, "pe:pe1", "read", "users.view", false)]
    [InlineData(R.ProdenvAdmin, "pe:pe1", "update", "pe1:preset", true)]
    [InlineData(R.ProdenvAdmin, "pe:pe1", "share", "pe1:marketing", true)]
    [InlineData(R.ProdenvAdmin, "pe:pe1", "delete", "pe1", false)]
    [InlineData(R.ProdenvTechnicalAdmin, "pe:pe1", "update", "pe1:transformations", true)]
    [InlineData(R.ProdenvTechnicalAdmin, "pe:pe1", "create", "pe1:api_keys", true)]
    [InlineData(R.ProdenvTechnicalAdmin, "pe:pe1", "read", "users.view", false)]
    // Media Library admin: full asset management, no settings.
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "read", "pe1:ml", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "download", "pe1:campaign-private", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "create", "pe1:root-asset", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "create", "pe1:new-folder-in-marketing", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "update", "pe1:finance-asset", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "delete", "pe1:finance", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "moderate", "pe1:campaign-public", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "share", "pe1:collection", true)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "create", "pe1:api_keys", false)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "update", "pe1:settings", false)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "update", "pe1:preset", false)]
    [InlineData(R.ProdenvMediaLibraryAdmin, "pe:pe1", "read", "pe1:usage", false)]
    // Media Library user: the Media Library opens, but nothing is visible that is not shared.
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", "read", "pe1:ml", true)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", "read", "pe1:marketing", false)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", "read", "pe1:campaign-public", false)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", "read", "pe1:collection", false)]
    [InlineData(R.ProdenvMediaLibraryUser, "pe:pe1", "create", "pe1:root-asset", false)]
    // Reports and billing in a product environment.
    [InlineData(R.ProdenvReports, "pe:pe1", "read", "pe1:usage", true)]
    [InlineData(R.ProdenvReports, "pe:pe1", "read", "pe1:delivery", true)]
    [InlineData(R.ProdenvReports, "pe:pe1", "read", "pe1:marketing", false)]
    [InlineData(R.ProdenvBilling, "pe:pe1", "read", "pe1:usage", true)]
    [InlineData(R.ProdenvBilling, "pe:pe1", "read", "pe1:delivery", false)]
    // Folder roles on marketing: the folder, its subfolders and their assets, nothing else.
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:marketing", true)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:campaigns", true)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:campaign-private", true)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "download", "pe1:campaign-public", true)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "download", "pe1:campaign-private", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:finance", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:finance-asset", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe1:root-asset", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "read", "pe2:marketing", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing", "create", "pe1:new-in-campaigns", false)]
    [InlineData(R.FolderViewer, "folder:pe1:marketing/campaigns", "read", "pe1:marketing", false)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "create", "pe1:new-in-campaigns", true)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "move", "pe1:new-in-campaigns", true)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "create", "pe1:new-folder-in-marketing", true)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "create", "pe1:marketing", false)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "update", "pe1:campaign-public", false)]
    [InlineData(R.FolderEditor, "folder:pe1:marketing", "update", "pe1:campaign-public", true)]
    [InlineData(R.FolderEditor, "folder:pe1:marketing", "update", "pe1:campaigns", true)]
    [InlineData(R.FolderEditor, "folder:pe1:marketing", "delete", "pe1:campaign-public", false)]
    [InlineData(R.FolderEditor, "folder:pe1:marketing", "share", "pe1:campaigns", false)]
    [InlineData(R.FolderManager, "folder:pe1:marketing", "delete", "pe1:campaign-public", true)]
    [InlineData(R.FolderManager, "folder:pe1:marketing", "share", "pe1:campaigns", true)]
    [InlineData(R.FolderManager, "folder:pe1:marketing", "download", "pe1:campaign-private", true)]
    [InlineData(R.FolderManager, "folder:pe1:marketing", "delete", "pe1:finance-asset", false)]
    [InlineData(R.FolderManager, "folder:pe1:marketing", "moderate", "pe1:campaign-public", false)]
    // Collection roles on c1: the collection and the assets in it.
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "read", "pe1:collection", true)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "read", "pe1:collected-asset", true)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "download", "pe1:collected-asset", true)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "read", "pe1:finance", false)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "read", "pe1:finance-asset", false)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "read", "pe1:other-collection", false)]
    [InlineData(R.CollectionViewer, "collection:pe1:c1", "update", "pe1:collection", false)]
    [InlineData(R.CollectionEditor, "collection:pe1:c1", "update", "pe1:collection", true)]
    [InlineData(R.CollectionEditor, "collection:pe1:c1", "update", "pe1:collected-asset", false)]
    [InlineData(R.CollectionEditor, "collection:pe1:c1", "share", "pe1:collection", false)]
    [InlineData(R.CollectionManager, "collection:pe1:c1", "share", "pe1:collection", true)]
    [InlineData(R.CollectionManager, "collection:pe1:c1", "delete", "pe1:collection", true)]
    [InlineData(R.CollectionManager, "collection:pe1:c1", "delete", "pe1:collected-asset", false)]
    public void Authorize_UserWithSystemRole_GetsWhatTheRolePromises(string roleId, string scope, string action, string resource, bool allowed)
    {
        var decision = Resources.Decide([Scopes.User("u1", roleId, scope)], Resources.User("u1"), action, resource);
        Assert.Empty(decision.Errors);
        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public void Authorize_Allowed_NamesTheGrantRoleAndPolicy()
    {
        var grant = Scopes.User("u1", R.FolderViewer, "folder:pe1:marketing");
        var decision = Resources.Decide([grant], Resources.User("u1"), "download", "pe1:campaign-public");
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(new PolicyOrigin(grant.Id, R.FolderViewer, SystemPolicyIds.FolderDownloadPublicAssets, null), reason.Origin);
    }

    [Fact]
    public void Authorize_Denied_HasNoReasons()
    {
        var decision = Resources.Decide([Scopes.User("u1", R.FolderViewer, "folder:pe1:marketing")], Resources.User("u1"), "delete", "pe1:campaigns");
        Assert.False(decision.IsAllowed);
        Assert.Empty(decision.Reasons);
    }
}
