using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Authorization.Tests.Permissions;

public class GrantRulesTests
{
    [Theory]
    [InlineData(R.AccountAdmin, PrincipalType.User, null, null, null, true)]
    [InlineData(R.AccountAdmin, PrincipalType.Group, null, null, null, true)]
    [InlineData(R.AccountAdmin, PrincipalType.User, "pe1", null, null, false)]
    [InlineData(R.AccountAdmin, PrincipalType.ApiKey, null, null, null, false)]
    [InlineData(R.ProdenvAdmin, PrincipalType.ApiKey, "pe1", null, null, true)]
    [InlineData(R.ProdenvAdmin, PrincipalType.User, "all", null, null, true)]
    [InlineData(R.ProdenvAdmin, PrincipalType.User, null, null, null, false)]
    [InlineData(R.ProdenvAdmin, PrincipalType.User, "pe1", "f1", null, false)]
    [InlineData(R.FolderViewer, PrincipalType.User, "pe1", "f1", null, true)]
    [InlineData(R.FolderViewer, PrincipalType.ApiKey, "pe1", "f1", null, true)]
    [InlineData(R.FolderViewer, PrincipalType.User, "pe1", null, null, false)]
    [InlineData(R.FolderViewer, PrincipalType.User, "pe1", null, "c1", false)]
    [InlineData(R.FolderViewer, PrincipalType.User, null, "f1", null, false)]
    [InlineData(R.CollectionViewer, PrincipalType.Group, "pe1", null, "c1", true)]
    [InlineData(R.CollectionViewer, PrincipalType.ApiKey, "pe1", null, "c1", false)]
    [InlineData(R.CollectionViewer, PrincipalType.User, "pe1", "f1", null, false)]
    [InlineData(R.ProdenvMasterAdmin, PrincipalType.ProvisioningKey, "pe1", null, null, false)]
    public void Fits_RoleAndGrantScope_OnlyTheRolesOwnScope(string roleId, PrincipalType type, string? pe, string? folder, string? collection, bool expected)
    {
        var grant = new Grant("g1", type, "p1", roleId, pe, folder, collection);
        Assert.Equal(expected, GrantRules.Fits(RoleDefinition.FindSystemRole(roleId)!, grant));
    }

    [Theory]
    [InlineData(null, null, null, "Cloudinary::Account::\"acc\"")]
    [InlineData("pe1", null, null, "Cloudinary::ProductEnvironment::\"pe1\"")]
    [InlineData("all", null, null, "Cloudinary::Account::\"acc\"")]
    [InlineData("pe1", "f1", null, "Cloudinary::Folder::\"f1\" Cloudinary::ProductEnvironment::\"pe1\"")]
    [InlineData("all", "f1", null, "Cloudinary::Folder::\"f1\"")]
    [InlineData("pe1", null, "c1", "Cloudinary::Collection::\"c1\" Cloudinary::ProductEnvironment::\"pe1\"")]
    public void ResourceScopes_GrantScope_AreTheEntitiesItIsConfinedTo(string? pe, string? folder, string? collection, string expected) =>
        Assert.Equal(expected, string.Join(" ", GrantRules.ResourceScopes("acc", new Grant("g", PrincipalType.User, "u", "r", pe, folder, collection))));

    [Theory]
    [InlineData(PrincipalType.User, "u1", typeof(ScopeConstraint.Eq), "Cloudinary::User::\"u1\"")]
    [InlineData(PrincipalType.Group, "g1", typeof(ScopeConstraint.In), "Cloudinary::Group::\"g1\"")]
    [InlineData(PrincipalType.ApiKey, "1234", typeof(ScopeConstraint.Eq), "Cloudinary::APIKey::\"1234\"")]
    public void PrincipalScope_PrincipalType_IsTheGranteeOrItsMembers(PrincipalType type, string id, Type constraint, string entity)
    {
        var scope = GrantRules.PrincipalScope(new Grant("g", type, id, "r", null, null, null));
        Assert.IsType(constraint, scope);
        Assert.Equal(entity, (scope as ScopeConstraint.Eq)?.Entity.ToString() ?? ((ScopeConstraint.In)scope).Entity.ToString());
    }
}
