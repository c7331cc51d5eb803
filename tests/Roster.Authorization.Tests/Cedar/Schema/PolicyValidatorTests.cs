using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

/// <summary>
/// Policy text against the sample schemas: how many errors, one message fragment a policy author
/// would read, and where (line:column of each error's start; the first carries the fragment).
/// </summary>
public class PolicyValidatorTests
{
    private static readonly CedarSchema _photos = CedarSchema.FromJson(SampleSchemas.Photos);
    private static readonly CedarSchema _documents = CedarSchema.FromJson(SampleSchemas.Documents);

    public static TheoryData<string, int, string, string> PhotoRows => new()
    {
        // valid, well-typed policies: no errors
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.owner == principal };", 0, "", "" },
        { "permit(principal in UserGroup::\"admins\", action in Action::\"read\", resource);", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource in Album::\"vacation\") when { !resource.private && context.authenticated };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal has manager && principal.manager == resource.owner };", 0, "", "" },
        { "permit(principal, action == Action::\"listAlbums\", resource) when { resource has admins && resource.admins.contains(principal) };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { if principal.address has zip then principal.address.zip like \"9*\" else false };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.ip.isInRange(ip(\"10.0.0.0/8\")) && principal.jobLevel >= 3 };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context has score && context.score.greaterThan(decimal(\"0.5\")) };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.hasTag(\"team\") && resource.getTag(\"team\") == principal.department };", 0, "", "" },
        { "permit(principal, action == Action::\"uploadPhoto\", resource) when { context.photo.file_size < 1000000 && [\"jpg\", \"png\"].contains(context.photo.file_type) };", 0, "", "" },
        { "permit(principal is User, action, resource is Photo) when { resource.labels.containsAny(principal.roles) };", 0, "", "" },
        { "forbid(principal, action, resource) when { principal has manager } unless { principal.manager == principal };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource in Album::\"a\" || resource.owner in UserGroup::\"g\" };", 0, "", "" },
        { "permit(principal, action, resource) when { principal.department == \"eng\" };", 0, "", "" },
        { "permit(principal, action, resource) unless { resource has owner && resource.owner == principal };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { action in Action::\"read\" };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource == Photo::\"p1\") when { principal == resource.owner || principal in resource.owner };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.roles.isEmpty() || principal.jobLevel * 2 + 1 > -5 };", 0, "", "" },
        { "permit(principal, action, resource) when { Color::\"Red\" != Color::\"Green\" };", 0, "", "" },
        { "permit(principal, action, resource in Album::\"a\") when { resource.private };", 0, "", "" },
        { "permit(principal, action, resource) when { resource is Photo && resource.size > 10 };", 0, "", "" },
        { "permit(principal, action, resource is Album) when { resource.owner.address.city == \"Paris\" && resource.owner has address };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource is Photo in Album::\"a\" && resource.size > 0 };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal has manager } when { principal.manager == resource.owner };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { {\"level\": principal.jobLevel, \"who\": principal}.who == resource.owner };", 0, "", "" },
        // Cedar's strict validator types these as always false instead of reporting them
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.owner == resource.account };", 0, "", "" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal has email && principal.email == \"x\" };", 0, "", "" },
        { "permit(principal, action, resource) when { 1 == \"1\" };", 0, "", "" },
        // unknown entity types, actions and enumerated entities
        { "permit(principal == Usr::\"alice\", action, resource);", 1, "unrecognized entity type `Usr` (did you mean `User`?)", "1:8" },
        { "permit(principal is Admin, action, resource);", 1, "unrecognized entity type `Admin`", "1:8" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource in Folder::\"f\" };", 1, "unrecognized entity type `Folder`", "1:79" },
        { "permit(principal, action == Action::\"view\", resource);", 1, "unrecognized action `Action::\"view\"`", "1:19" },
        { "permit(principal, action in [Action::\"viewPhoto\", Action::\"editPhoto\"], resource);", 1, "unrecognized action `Action::\"editPhoto\"`", "1:19" },
        { "permit(principal, action, resource) when { action == Action::\"delete\" };", 1, "unrecognized action `Action::\"delete\"`", "1:54" },
        { "permit(principal, action, resource) when { resource == Color::\"Blue\" };", 1, "`Color::\"Blue\"` is not an entity of the enumerated type `Color`, whose entities are \"Red\", \"Green\"", "1:56" },
        // no request of the schema matches the scope
        // attributes
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.email == \"x\" };", 1, "attribute `email` on entity type `User` not found", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.departmnt == \"x\" };", 1, "attribute `departmnt` on entity type `User` not found (did you mean `department`?)", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.address.street == \"x\" };", 1, "attribute `address.street` on entity type `User` not found", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.photo.file_size > 0 };", 1, "attribute `photo` in the context of Action::\"viewPhoto\" not found", "1:67" },
        { "permit(principal, action, resource) when { resource.private };", 1, "attribute `private` on entity type `Account` not found", "1:44" },
        { "permit(principal, action, resource) when { action in Action::\"read\" && resource.private };", 1, "attribute `private` on entity type `Account` not found", "1:72" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.manager == resource.owner };", 1, "unable to guarantee safety of access to optional attribute `manager` on entity type `User`; test for it first, as in `principal has manager && …`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal has manager || principal.manager == resource.owner };", 1, "optional attribute `manager`", "1:92" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { if principal has manager then true else principal.manager == resource.owner };", 1, "optional attribute `manager`", "1:107" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.address.zip == \"75001\" };", 1, "optional attribute `address.zip` on entity type `User`; test for it first, as in `principal.address has zip && …`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.owner has manager && principal.manager == resource.owner };", 1, "optional attribute `manager`", "1:97" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.score.lessThan(decimal(\"1.0\")) };", 1, "optional attribute `score` in the context of Action::\"viewPhoto\"", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel.value == 1 };", 1, "unexpected type: expected an entity or a record but saw Long", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.roles has admin };", 1, "expected an entity or a record but saw Set<String>; try using `contains`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) unless { principal has manager } when { principal.manager == resource.owner };", 1, "optional attribute `manager`", "1:100" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { {\"level\": 1}.who == principal };", 1, "attribute `who` not found", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource is Photo in principal.roles };", 1, "expected an entity or a set of entities but saw Set<String>", "1:88" },
        // conditions must be Bool
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel };", 1, "the condition of a `when` clause must be Bool, not Long", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) unless { resource.owner };", 1, "the condition of an `unless` clause must be Bool, not User", "1:69" },
        // operators
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.department < \"m\" };", 2, "unexpected type: expected Long but saw String", "1:67 1:90" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel + \"1\" > 2 };", 1, "expected Long but saw String; Cedar does not support string concatenation", "1:88" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { -principal.department == 1 };", 1, "expected Long but saw String", "1:68" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel like \"1*\" };", 1, "expected String but saw Long", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel && true };", 1, "expected Bool but saw Long", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { !principal.jobLevel };", 1, "expected Bool but saw Long", "1:68" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.department in resource.labels };", 2, "expected an entity but saw String", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.jobLevel == \"3\" };", 1, "the types Long and String are not compatible: both operands of `==` must have compatible types", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.owner != \"alice\" };", 1, "the types User and String are not compatible: both operands of `!=`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.department.contains(\"e\") };", 1, "expected a set but saw String; try using `like`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.labels.contains(3) };", 1, "the types String and Long are not compatible: the elements of the set and the argument of `contains`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.labels.containsAll(\"a\") };", 1, "expected a set but saw String; try using `contains` to test if a single element is in a set", "1:95" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.labels.containsAny([]) };", 1, "empty set literals are forbidden in policies", "1:95" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { [1, \"a\"].contains(1) };", 1, "the types Long and String are not compatible: elements of a set must have compatible types", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { (if context.authenticated then 1 else \"x\") == 1 };", 1, "both branches of `if` must have compatible types", "1:68" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.department is User };", 1, "expected an entity but saw String; Cedar only supports run time type tests for entities", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.email == \"x\" && resource.size < \"big\" };", 2, "attribute `email` on entity type `User` not found", "1:67 1:109" },
        // extension functions and tags
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.ip.isInRange(ip(\"10.0.0.300/8\")) };", 1, "\"10.0.0.300/8\" is not a valid argument to `ip()`", "1:91" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context has score && context.score.lessThan(decimal(\"1.23456\")) };", 1, "\"1.23456\" is not a valid argument to `decimal()`", "1:119" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.ip.isInRange(ip(principal.department)) };", 1, "extension constructors may not be called with non-literal expressions", "1:88" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.ip.isInRange(\"10.0.0.0/8\") };", 1, "expected ipaddr but saw String", "1:88" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.department.isIpv4() };", 1, "expected ipaddr but saw String", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { datetime(\"2024-01-01\") == principal.department };", 1, "undefined extension function `datetime`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context.ip.isInRange() };", 1, "wrong number of arguments to `.isInRange()`: expected 1, got 0", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { context has score && context.score < decimal(\"1.0\") };", 2, "compare decimal values with `.lessThan()`", "1:88" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { resource.getTag(\"team\") == \"a\" };", 1, "unable to guarantee safety of access to tag \"team\" on entity type `Photo`; test for it first, as in `resource.hasTag(\"team\") && …`", "1:67" },
        { "permit(principal, action == Action::\"viewPhoto\", resource) when { principal.getTag(\"x\") == \"a\" };", 1, "`.getTag()` is not allowed on entities of type `User` because no `tags` were declared", "1:67" },
    };

    public static TheoryData<string, int, string, string> DocumentRows => new()
    {
        { "permit(principal in Acme::Docs::Team::\"t\", action == Acme::Docs::Action::\"read\", resource) when { context.mfa && resource.owner == principal && resource.classification == \"public\" };", 0, "", "" },
        { "permit(principal, action in Acme::Docs::Action::\"read\", resource is Acme::Docs::Document) when { principal has age && principal.age > 18 && resource.readers.contains(principal) };", 0, "", "" },
        { "permit(principal is Acme::Docs::Team, action == Acme::Docs::Action::\"audit\", resource) when { principal in Acme::Org::Division::\"d\" };", 0, "", "" },
        { "permit(principal, action == Acme::Docs::Action::\"edit\", resource) when { resource.hasTag(\"dept\") && resource.getTag(\"dept\") == principal.name };", 0, "", "" },
        { "permit(principal, action == Acme::Docs::Action::\"read\", resource) when { principal.salary > 0 };", 1, "attribute `salary` on entity type `Acme::Docs::Employee` not found", "1:74" },
        { "permit(principal is Employee, action, resource);", 1, "unrecognized entity type `Employee` (did you mean `Acme::Docs::Employee`?)", "1:8" },
        { "permit(principal, action == Acme::Docs::Action::\"read\", resource) when { principal.age > 18 };", 1, "optional attribute `age` on entity type `Acme::Docs::Employee`", "1:74" },
        { "permit(principal, action == Acme::Docs::Action::\"read\", resource) when { context.source == Acme::Org::Division::\"x\" && context.mfa == 1 };", 1, "the types Bool and Long are not compatible", "1:120" },
        { "permit(principal, action == Action::\"read\", resource);", 1, "unrecognized action `Action::\"read\"` (did you mean `Acme::Docs::Action::\"read\"`?)", "1:19" },
    };

    [Theory]
    [MemberData(nameof(PhotoRows))]
    public void Validate_PhotoSharingPolicy_ReportsExpectedErrors(string policy, int count, string fragment, string positions) =>
        AssertErrors(_photos, policy, count, fragment, positions);

    [Theory]
    [MemberData(nameof(DocumentRows))]
    public void Validate_NamespacedPolicy_ReportsExpectedErrors(string policy, int count, string fragment, string positions) =>
        AssertErrors(_documents, policy, count, fragment, positions);

    /// <summary>A scope that no action of the schema applies to: valid, with a warning that the policy never applies (Cedar 4).</summary>
    [Theory]
    [InlineData("photos", "permit(principal, action == Action::\"uploadPhoto\", resource is Photo);")]
    [InlineData("photos", "permit(principal == Photo::\"p\", action == Action::\"viewPhoto\", resource);")]
    [InlineData("photos", "permit(principal, action == Action::\"read\", resource);")]
    [InlineData("photos", "permit(principal in Album::\"a\", action, resource);")]
    [InlineData("documents", "permit(principal, action == Acme::Org::Action::\"review\", resource);")]
    public void Check_NoActionAppliesToTheScope_WarnsThatThePolicyNeverApplies(string schema, string policy)
    {
        var result = PolicyValidator.Check(PolicyParser.ParsePolicies(policy), schema == "photos" ? _photos : _documents);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("policy0", warning.PolicyId);
        Assert.Equal("1:1", warning.Span.ToString());
        Assert.StartsWith("policy is impossible: unable to find an applicable action", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralPoliciesOverSeveralLines_ReportsEachErrorUnderItsPolicyAtItsLine()
    {
        const string text = """
            @id("owners")
            permit(principal, action == Action::"viewPhoto", resource)
            when { resource.owner == principal };

            permit(principal, action == Action::"viewPhoto", resource)
            when {
              principal.manager == resource.owner
            };
            """;

        var errors = PolicyValidator.Validate(PolicyParser.ParsePolicies(text), _photos);

        var error = Assert.Single(errors);
        Assert.Equal("policy1", error.PolicyId);
        Assert.Equal("7:3", error.Span.ToString());
        Assert.StartsWith("unable to guarantee safety of access to optional attribute `manager`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ErrorsOfOnePolicy_ComeInTextOrder()
    {
        // The unknown type is found by the pass over the whole policy, the attribute by the typechecker after it.
        const string text = """permit(principal, action == Action::"viewPhoto", resource) when { principal.b == 1 && resource in Folder::"f" };""";

        var errors = PolicyValidator.Validate(PolicyParser.ParsePolicies(text), _photos);

        Assert.Equal(["1:67", "1:99"], errors.Select(e => e.Span.ToString()));
    }

    private static void AssertErrors(CedarSchema schema, string policy, int count, string fragment, string positions)
    {
        var errors = PolicyValidator.Validate(PolicyParser.ParsePolicies(policy), schema);

        var listing = string.Join(Environment.NewLine, errors);
        Assert.True(errors.Count == count, $"expected {count} error(s), got:{Environment.NewLine}{listing}");
        var expectedPositions = positions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var position in expectedPositions)
            Assert.True(errors.Any(e => e.Span.ToString() == position), $"no error at {position}:{Environment.NewLine}{listing}");
        if (fragment.Length > 0)
        {
            Assert.True(
                errors.Any(e => e.Message.Contains(fragment, StringComparison.Ordinal) && e.Span.ToString() == expectedPositions[0]),
                $"no error at {expectedPositions[0]} saying \"{fragment}\":{Environment.NewLine}{listing}");
        }
    }
}
