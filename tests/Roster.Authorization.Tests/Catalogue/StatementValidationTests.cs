using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;
using Roster.Authorization.Permissions;

namespace Roster.Authorization.Tests.Catalogue;

public class StatementValidationTests
{
    private static readonly CedarSchema _schema = CedarSchema.FromJson(CloudinaryCatalogue.SchemaJson);

    public static TheoryData<string> PolicyIds() => [.. CloudinaryCatalogue.SystemPolicies.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void SystemPolicy_Statement_ParsesToPermitsAndValidatesAgainstTheSchema(string id)
    {
        var policies = PolicyParser.ParsePolicies(CloudinaryCatalogue.FindPolicy(id)!.Statement);
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Equal(Effect.Permit, p.Effect));
        Assert.All(policies, p => Assert.IsType<ScopeConstraint.Any>(p.Principal));
        Assert.Empty(PolicyValidator.Validate(policies, _schema));
    }

    [Fact]
    public void Build_EveryRoleGrantedToEveryPrincipalType_ValidatesAgainstTheSchema()
    {
        var grants = new List<Grant>();
        foreach (var role in CloudinaryCatalogue.SystemRoles)
        {
            foreach (var type in new[] { PrincipalType.User, PrincipalType.Group, PrincipalType.ApiKey })
            {
                var target = role.PolicyParameters switch
                {
                    [] when role.ScopeType == ScopeType.Account => GrantTarget.Account,
                    [] => GrantTarget.ProductEnvironment("pe1"),
                    [CloudinaryCatalogue.FolderIdParameter] => GrantTarget.Folder("pe1", ["f1"]),
                    _ => GrantTarget.Collection("pe1", "c1"),
                };
                grants.Add(target.ToGrant($"{role.Id}/{type}", type, "p1", role.Id));
            }
        }
        var custom = new CustomPolicy("read_marketing",
            "permit(principal == Cloudinary::APIKey::\"1234\", action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder) when { resource.ancestor_ids.contains(\"f1\") };",
            ScopeType.Prodenv, "pe1", true);

        var built = AccountPolicyBuilder.Build("acc", [], grants, [custom]);

        Assert.Empty(built.Problems);
        Assert.NotEmpty(built.PolicySet.Policies);
        Assert.Empty(PolicyValidator.Validate(built.PolicySet.Policies, _schema));
    }

    [Fact]
    public void Validate_PolicyNamingAnUnknownAction_IsRejectedBySchema() =>
        Assert.NotEmpty(PolicyValidator.Validate(
            PolicyParser.ParsePolicies("permit(principal, action == Cloudinary::Action::\"fly\", resource is Cloudinary::Folder);"), _schema));
}
