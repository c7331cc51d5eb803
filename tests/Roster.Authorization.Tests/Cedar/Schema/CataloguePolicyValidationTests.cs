using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

/// <summary>Roster's own system policies must be valid against Roster's own schema.</summary>
public class CataloguePolicyValidationTests
{
    private static readonly CedarSchema _cloudinary = CedarSchema.FromJson(CloudinaryCatalogue.SchemaJson);

    public static TheoryData<string> PolicyIds => [.. CloudinaryCatalogue.SystemPolicies.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PolicyIds))]
    public void Validate_SystemPolicy_HasNoErrors(string policyId)
    {
        var statement = CloudinaryCatalogue.FindPolicy(policyId)!.Statement;

        var errors = PolicyValidator.Validate(PolicyParser.ParsePolicies(statement), _cloudinary);

        Assert.True(errors.Count == 0, $"{statement}{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
