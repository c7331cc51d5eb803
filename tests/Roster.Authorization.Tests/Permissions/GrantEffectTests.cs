using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Permissions;

/// <summary>Who a grant reaches and where: groups, API keys, scope confinement, grants that do not fit, custom roles and policies.</summary>
public class GrantEffectTests
{
    [Theory]
    [InlineData("designers", true)]
    [InlineData("accountants", false)]
    public void Authorize_GroupGrant_ReachesItsMembersOnly(string memberOf, bool allowed)
    {
        var grant = Scopes.Grant("g1", PrincipalType.Group, "designers", R.FolderEditor, "folder:pe1:marketing");
        var decision = Resources.Decide([grant], Resources.User("u1", memberOf), "update", "pe1:campaign-public");
        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public void Authorize_GroupGrantAndUserGrant_AddUp()
    {
        Grant[] grants =
        [
            Scopes.Grant("g1", PrincipalType.Group, "designers", R.FolderViewer, "folder:pe1:marketing"),
            Scopes.User("u1", R.FolderViewer, "folder:pe1:finance"),
        ];
        Assert.True(Resources.Decide(grants, Resources.User("u1", "designers"), "read", "pe1:campaigns").IsAllowed);
        Assert.True(Resources.Decide(grants, Resources.User("u1", "designers"), "read", "pe1:finance-asset").IsAllowed);
        Assert.False(Resources.Decide(grants, Resources.User("u1"), "read", "pe1:campaigns").IsAllowed);
    }

    [Theory]
    [InlineData("pe:pe1", "pe1:api_keys", true)]
    [InlineData("pe:pe1", "pe2:api_keys", false)]
    [InlineData("pe:pe1", "pe2:asset", false)]
    [InlineData("pe:pe1", "pe2:marketing", false)]
    [InlineData("pe:all", "pe2:api_keys", true)]
    [InlineData("pe:all", "pe2:asset", true)]
    [InlineData("pe:all", "users.view", false)]
    public void Authorize_ProdenvGrant_IsConfinedToItsProductEnvironment(string scope, string resource, bool allowed)
    {
        var action = resource.EndsWith("api_keys", StringComparison.Ordinal) ? "create" : "read";
        Assert.Equal(allowed, Resources.Decide([Scopes.User("u1", R.ProdenvMasterAdmin, scope)], Resources.User("u1"), action, resource).IsAllowed);
    }

    [Fact]
    public void Authorize_OtherUsersGrant_DoesNotApply() =>
        Assert.False(Resources.Decide([Scopes.User("u2", R.ProdenvAdmin, "pe:pe1")], Resources.User("u1"), "read", "pe1:marketing").IsAllowed);

    [Theory]
    [InlineData(R.ProdenvTechnicalAdmin, "pe:pe1", "create", "pe1:api_keys", true)]
    [InlineData(R.ProdenvTechnicalAdmin, "pe:pe1", "create", "pe2:api_keys", false)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "create", "pe1:new-in-campaigns", true)]
    [InlineData(R.FolderContributor, "folder:pe1:marketing", "create", "pe1:root-asset", false)]
    public void Authorize_ApiKeyGrant_AppliesToTheKey(string roleId, string scope, string action, string resource, bool allowed)
    {
        var grant = Scopes.Grant("k", PrincipalType.ApiKey, "1234", roleId, scope);
        Assert.Equal(allowed, Resources.Decide([grant], new RequestPrincipal.ApiKey("1234", "pe1"), action, resource).IsAllowed);
    }

    [Theory]
    [InlineData(PrincipalType.User, R.AccountAdmin, "pe1", null, null, "read", "users.view")]
    [InlineData(PrincipalType.User, R.ProdenvAdmin, null, null, null, "read", "pe1:marketing")]
    [InlineData(PrincipalType.User, R.FolderViewer, "pe1", null, null, "read", "pe1:marketing")]
    [InlineData(PrincipalType.User, R.FolderViewer, "pe1", null, "c1", "read", "pe1:collection")]
    [InlineData(PrincipalType.User, R.CollectionViewer, "pe1", "marketing", null, "read", "pe1:marketing")]
    [InlineData(PrincipalType.ApiKey, R.CollectionViewer, "pe1", null, "c1", "read", "pe1:collection")]
    [InlineData(PrincipalType.ApiKey, R.AccountMasterAdmin, null, null, null, "read", "users.view")]
    [InlineData(PrincipalType.User, "cld::role::prodenv::no_such_role", "pe1", null, null, "read", "pe1:marketing")]
    public void Build_GrantThatDoesNotFitItsRole_HasNoEffect(PrincipalType type, string roleId, string? pe, string? folder, string? collection, string action, string resource)
    {
        var grant = new Grant("bad", type, type == PrincipalType.ApiKey ? "1234" : "u1", roleId, pe, folder, collection);
        var policies = AccountPolicyBuilder.Build(Resources.AccountId, [], [grant], []);
        Assert.Equal([grant], policies.IgnoredGrants);
        Assert.Empty(policies.PolicySet.Policies);
        RequestPrincipal principal = type == PrincipalType.ApiKey ? new RequestPrincipal.ApiKey("1234", "pe1") : Resources.User("u1");
        Assert.False(policies.Authorize(principal, action, Resources.Named(resource)).IsAllowed);
    }

    [Fact]
    public void Authorize_CustomRole_GivesItsSystemPolicies()
    {
        var uploadManager = RoleDefinition.Custom("upload_manager", ScopeType.Prodenv, PermissionType.Global,
            [SystemPolicyIds.UploadPresetsManage, SystemPolicyIds.FoldersAndAssetsCreateAsset]);
        Grant[] grants = [Scopes.User("u1", "upload_manager", "pe:pe1")];
        Assert.True(Resources.Decide(grants, Resources.User("u1"), "update", "pe1:preset", customRoles: [uploadManager]).IsAllowed);
        Assert.True(Resources.Decide(grants, Resources.User("u1"), "create", "pe1:root-asset", customRoles: [uploadManager]).IsAllowed);
        Assert.False(Resources.Decide(grants, Resources.User("u1"), "read", "pe1:root-asset", customRoles: [uploadManager]).IsAllowed);
    }

    [Fact]
    public void Authorize_CustomContentRole_IsConfinedToItsFolder()
    {
        var contributor = RoleDefinition.Custom("marketing_contributor", ScopeType.Prodenv, PermissionType.Content,
            [SystemPolicyIds.FolderViewDownload, SystemPolicyIds.FolderAddAssets]);
        Grant[] grants = [Scopes.User("u1", "marketing_contributor", "folder:pe1:marketing")];
        Assert.True(Resources.Decide(grants, Resources.User("u1"), "download", "pe1:campaign-private", customRoles: [contributor]).IsAllowed);
        Assert.False(Resources.Decide(grants, Resources.User("u1"), "download", "pe1:finance-asset", customRoles: [contributor]).IsAllowed);
    }

    private const string ReadMarketingFolders =
        "permit(principal == Cloudinary::APIKey::\"1234\", action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder) " +
        "when { resource.ancestor_ids.contains(\"marketing\") };";

    [Theory]
    [InlineData("pe1", true, "pe1:campaigns", true)]
    [InlineData("pe1", true, "pe2:marketing", false)]
    [InlineData("pe1", true, "pe1:finance", false)]
    [InlineData("all", true, "pe2:marketing", true)]
    [InlineData("pe1", false, "pe1:campaigns", false)]
    public void Authorize_CustomPolicy_AppliesAsWrittenWithinItsScopeWhileEnabled(string scopeId, bool enabled, string resource, bool allowed)
    {
        var custom = new CustomPolicy("read_marketing", ReadMarketingFolders, ScopeType.Prodenv, scopeId, enabled);
        var decision = Resources.Decide([], new RequestPrincipal.ApiKey("1234", "pe1"), "read", resource, customPolicies: [custom]);
        Assert.Equal(allowed, decision.IsAllowed);
        if (allowed) Assert.Equal(PolicyOrigin.FromCustomPolicy("read_marketing"), Assert.Single(decision.Reasons).Origin);
    }

    [Fact]
    public void Build_CustomPolicyThatDoesNotParse_IsLeftOutAndReported()
    {
        var policies = AccountPolicyBuilder.Build(Resources.AccountId, [], [],
            [new CustomPolicy("broken", "permit(principal, action, resource", ScopeType.Account, null, true)]);
        Assert.Empty(policies.PolicySet.Policies);
        Assert.Contains(policies.Problems, p => p.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SameRoleGrantedTwice_GivesUniquePolicyIds()
    {
        var grant = Scopes.User("u1", R.FolderManager, "folder:pe1:marketing");
        var policies = AccountPolicyBuilder.Build(Resources.AccountId, [], [grant, grant], []);
        Assert.Equal(policies.PolicySet.Policies.Count, policies.PolicySet.Policies.Select(p => p.Id).Distinct().Count());
        Assert.Equal(policies.PolicySet.Policies.Count, policies.Origins.Count);
    }
}
