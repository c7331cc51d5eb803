using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class PolicyParsingTests
{
    /// <summary>Policies, and the tree they must give (see <see cref="TreeText"/>).</summary>
    public static TheoryData<string, string> Policies => new()
    {
        { "permit(principal, action, resource);", "policy0 permit principal action resource" },
        { "forbid (principal, action, resource,);", "policy0 forbid principal action resource" },
        { "permit(principal == User::\"a\", action == Action::\"view\", resource == Photo::\"p\");",
          "policy0 permit principal==User::\"a\" action==Action::\"view\" resource==Photo::\"p\"" },
        { "permit(principal in Group::\"g\", action in Action::\"read\", resource in Folder::\"f\");",
          "policy0 permit principal in Group::\"g\" action in Action::\"read\" resource in Folder::\"f\"" },
        { "permit(principal, action in [Action::\"a\", Ns::Action::\"b\"], resource);",
          "policy0 permit principal action in [Action::\"a\",Ns::Action::\"b\"] resource" },
        { "permit(principal, action in [], resource);", "policy0 permit principal action in [] resource" },
        { "permit(principal is User, action, resource is Cloudinary::Folder);",
          "policy0 permit principal is User action resource is Cloudinary::Folder" },
        { "permit(principal is User in Group::\"g\", action, resource is Folder in Folder::\"root\");",
          "policy0 permit principal is User in Group::\"g\" action resource is Folder in Folder::\"root\"" },
        { "permit(principal == (User::\"a\"), action in [(Action::\"a\")], resource);",
          "policy0 permit principal==User::\"a\" action in [Action::\"a\"] resource" },
        { "permit(principal, action, resource) when { principal.admin } unless { context.blocked };",
          "policy0 permit principal action resource when:(. principal \"admin\") unless:(. context \"blocked\")" },
        { "permit(principal, action, resource) when { true } when { false };",
          "policy0 permit principal action resource when:true when:false" },
        { "@id(\"admins\") @advice(\"only admins\") @flag permit(principal, action, resource);",
          "admins permit @id=\"admins\" @advice=\"only admins\" @flag principal action resource" },
        { "@if(\"reserved words are fine\") @__cedar permit(principal, action, resource);",
          "policy0 permit @if=\"reserved words are fine\" @__cedar principal action resource" },
        { "@id permit(principal, action, resource);", "policy0 permit @id principal action resource" },
        { "@note(\"tab\\there\") permit(principal, action, resource);", "policy0 permit @note=\"tab\\there\" principal action resource" },
        { "permit(principal, action == Action::\"view\", resource is Cloudinary::Folder) when { resource.ancestor_ids.contains(\"asdf\") };",
          "policy0 permit principal action==Action::\"view\" resource is Cloudinary::Folder when:(.contains (. resource \"ancestor_ids\") \"asdf\")" },
        { "", "" },
        { "// only a comment", "" },
    };

    /// <summary>Ids: the @id annotation's value, otherwise policyN counting every policy by position.</summary>
    public static TheoryData<string, string> Ids => new()
    {
        { "permit(principal, action, resource); forbid(principal, action, resource);", "policy0 policy1" },
        { "@id(\"first\") permit(principal, action, resource); permit(principal, action, resource);", "first policy1" },
        { "permit(principal, action, resource); @id(\"second\") permit(principal, action, resource); permit(principal, action, resource);", "policy0 second policy2" },
        { "@id(\"\") permit(principal, action, resource);", "" },
        { "@id permit(principal, action, resource);", "policy0" },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void ParsePolicies_ValidText_GivesTheTree(string text, string tree) =>
        Assert.Equal(tree, TreeText.Of(PolicyParser.ParsePolicies(text)));

    [Theory]
    [MemberData(nameof(Ids))]
    public void ParsePolicies_Always_NamesPoliciesByIdOrPosition(string text, string ids) =>
        Assert.Equal(ids, string.Join(" ", PolicyParser.ParsePolicies(text).Select(p => p.Id)));

    [Fact]
    public void ParsePolicies_SeveralPolicies_KeepsTheirOrderAndEffects()
    {
        var policies = PolicyParser.ParsePolicies("""
            permit(principal, action, resource);
            forbid(principal, action, resource) unless { principal.active };
            """);

        Assert.Equal([Effect.Permit, Effect.Forbid], policies.Select(p => p.Effect));
        Assert.False(Assert.Single(policies[1].Conditions).IsWhen);
    }
}
