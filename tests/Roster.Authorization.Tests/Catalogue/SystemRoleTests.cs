using Roster.Authorization.Catalogue;
using P = Roster.Authorization.Catalogue.SystemPolicyIds;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Catalogue;

public class SystemRoleTests
{
    public static TheoryData<string> RoleIds() => [.. CloudinaryCatalogue.SystemRoles.Select(r => r.Id)];

    [Fact]
    public void SystemRoles_Ids_AreUnique() =>
        Assert.Equal(CloudinaryCatalogue.SystemRoles.Count, CloudinaryCatalogue.SystemRoles.Select(r => r.Id).Distinct().Count());

    [Theory]
    [MemberData(nameof(RoleIds))]
    public void SystemRole_EveryPolicy_ExistsWithTheRolesScopeAndType(string roleId)
    {
        var role = CloudinaryCatalogue.FindRole(roleId)!;
        Assert.NotEmpty(role.PolicyIds);
        Assert.Equal(role.PolicyIds.Count, role.PolicyIds.Distinct().Count());
        foreach (var policyId in role.PolicyIds)
        {
            var policy = CloudinaryCatalogue.FindPolicy(policyId);
            Assert.True(policy is not null, $"{roleId} names the unknown policy {policyId}");
            Assert.Equal(role.ScopeType, policy.ScopeType);
            Assert.Equal(role.PermissionType, policy.PermissionType);
            Assert.Equal(role.PolicyParameters, policy.PolicyParameters);
        }
    }

    [Theory]
    [InlineData(R.AccountMasterAdmin, ScopeType.Account, PermissionType.Global, "")]
    [InlineData(R.AccountAdmin, ScopeType.Account, PermissionType.Global, "")]
    [InlineData(R.AccountTechnicalAdmin, ScopeType.Account, PermissionType.Global, "")]
    [InlineData(R.AccountBilling, ScopeType.Account, PermissionType.Global, "")]
    [InlineData(R.AccountReports, ScopeType.Account, PermissionType.Global, "")]
    [InlineData(R.ProdenvMasterAdmin, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvAdmin, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvTechnicalAdmin, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvMediaLibraryAdmin, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvMediaLibraryUser, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvReports, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.ProdenvBilling, ScopeType.Prodenv, PermissionType.Global, "")]
    [InlineData(R.FolderViewer, ScopeType.Prodenv, PermissionType.Content, "folder_id")]
    [InlineData(R.FolderContributor, ScopeType.Prodenv, PermissionType.Content, "folder_id")]
    [InlineData(R.FolderEditor, ScopeType.Prodenv, PermissionType.Content, "folder_id")]
    [InlineData(R.FolderManager, ScopeType.Prodenv, PermissionType.Content, "folder_id")]
    [InlineData(R.CollectionViewer, ScopeType.Prodenv, PermissionType.Content, "collection_id")]
    [InlineData(R.CollectionEditor, ScopeType.Prodenv, PermissionType.Content, "collection_id")]
    [InlineData(R.CollectionManager, ScopeType.Prodenv, PermissionType.Content, "collection_id")]
    public void FindRole_KnownId_HasItsScope(string roleId, ScopeType scope, PermissionType permission, string parameter)
    {
        var role = CloudinaryCatalogue.FindRole(roleId);
        Assert.NotNull(role);
        Assert.Equal(scope, role.ScopeType);
        Assert.Equal(permission, role.PermissionType);
        Assert.Equal(parameter == "" ? [] : [parameter], role.PolicyParameters);
    }

    [Fact]
    public void FindRole_UnknownId_IsNull() => Assert.Null(CloudinaryCatalogue.FindRole("cld::role::account::nobody"));

    [Theory]
    [InlineData(R.FolderViewer, R.FolderContributor)]
    [InlineData(R.FolderContributor, R.FolderEditor)]
    [InlineData(R.FolderEditor, R.FolderManager)]
    [InlineData(R.CollectionViewer, R.CollectionEditor)]
    [InlineData(R.CollectionEditor, R.CollectionManager)]
    [InlineData(R.ProdenvMediaLibraryUser, R.ProdenvMediaLibraryAdmin)]
    [InlineData(R.ProdenvMediaLibraryAdmin, R.ProdenvTechnicalAdmin)]
    [InlineData(R.ProdenvReports, R.ProdenvMasterAdmin)]
    [InlineData(R.AccountAdmin, R.AccountMasterAdmin)]
    [InlineData(R.AccountTechnicalAdmin, R.AccountMasterAdmin)]
    [InlineData(R.AccountBilling, R.AccountMasterAdmin)]
    [InlineData(R.AccountReports, R.AccountAdmin)]
    public void Role_NextLevel_IsAStrictSuperset(string lower, string higher)
    {
        var lowerPolicies = CloudinaryCatalogue.FindRole(lower)!.PolicyIds;
        var higherPolicies = CloudinaryCatalogue.FindRole(higher)!.PolicyIds;
        Assert.Subset(higherPolicies.ToHashSet(), lowerPolicies.ToHashSet());
        Assert.True(higherPolicies.Count > lowerPolicies.Count);
    }

    [Theory]
    [InlineData(R.AccountAdmin, P.BillingManage)]
    [InlineData(R.AccountAdmin, P.AccountSecurityManage)]
    [InlineData(R.AccountAdmin, P.ProductEnvironmentsManage)]
    [InlineData(R.AccountTechnicalAdmin, P.UsersAndGroupsManage)]
    [InlineData(R.AccountTechnicalAdmin, P.RolesManage)]
    [InlineData(R.AccountTechnicalAdmin, P.BillingManage)]
    [InlineData(R.AccountBilling, P.UsersAndGroupsManage)]
    [InlineData(R.AccountReports, P.BillingManage)]
    [InlineData(R.ProdenvMediaLibraryUser, P.FoldersAndAssetsView)]
    [InlineData(R.ProdenvMediaLibraryAdmin, P.ApiKeysManage)]
    [InlineData(R.ProdenvMediaLibraryAdmin, P.SettingsManage)]
    [InlineData(R.ProdenvReports, P.FoldersAndAssetsView)]
    [InlineData(R.FolderViewer, P.FolderViewDownload)]
    [InlineData(R.FolderEditor, P.FolderDelete)]
    public void Role_WhatItsDescriptionExcludes_IsNotInIt(string roleId, string policyId) =>
        Assert.DoesNotContain(policyId, CloudinaryCatalogue.FindRole(roleId)!.PolicyIds);

    [Fact]
    public void MasterAdmins_HoldEveryPolicyOfTheirScope()
    {
        var account = CloudinaryCatalogue.SystemPolicies.Where(p => p.ScopeType == ScopeType.Account).Select(p => p.Id);
        var prodenv = CloudinaryCatalogue.SystemPolicies.Where(p => p.ScopeType == ScopeType.Prodenv && p.PermissionType == PermissionType.Global).Select(p => p.Id);
        Assert.Equal(account.Order(), CloudinaryCatalogue.FindRole(R.AccountMasterAdmin)!.PolicyIds.Order());
        Assert.Equal(prodenv.Order(), CloudinaryCatalogue.FindRole(R.ProdenvMasterAdmin)!.PolicyIds.Order());
    }

    [Theory]
    [InlineData(R.AccountAdmin, PrincipalType.User, true)]
    [InlineData(R.AccountAdmin, PrincipalType.Group, true)]
    [InlineData(R.AccountAdmin, PrincipalType.ApiKey, false)]
    [InlineData(R.AccountAdmin, PrincipalType.ProvisioningKey, false)]
    [InlineData(R.ProdenvAdmin, PrincipalType.ApiKey, true)]
    [InlineData(R.ProdenvMediaLibraryUser, PrincipalType.Group, true)]
    [InlineData(R.FolderManager, PrincipalType.ApiKey, true)]
    [InlineData(R.FolderViewer, PrincipalType.Group, true)]
    [InlineData(R.CollectionViewer, PrincipalType.User, true)]
    [InlineData(R.CollectionViewer, PrincipalType.Group, true)]
    [InlineData(R.CollectionViewer, PrincipalType.ApiKey, false)]
    [InlineData(R.CollectionManager, PrincipalType.ApiKey, false)]
    [InlineData(R.ProdenvMasterAdmin, PrincipalType.ProvisioningKey, false)]
    public void MayHold_RoleAndPrincipalType_FollowsTheDocs(string roleId, PrincipalType principalType, bool expected) =>
        Assert.Equal(expected, CloudinaryCatalogue.MayHold(CloudinaryCatalogue.FindRole(roleId)!, principalType));
}
