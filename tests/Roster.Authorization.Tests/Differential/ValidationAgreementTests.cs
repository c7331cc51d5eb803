using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;
using Roster.Authorization.Cedar.Schema;
using Roster.Authorization.Tests.Cedar.Schema;
using Xunit.Abstractions;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Roster's strict policy validator against the reference's <c>validate</c> in strict mode: the same policies
/// are valid and the same are not. The inputs are the validator's table rows (valid policies and one of each
/// error it reports, over the sample schemas) and every system policy of the catalogue over the Cloudinary
/// schema, and 2,000 generated policies over the Photos schema (<see cref="ValidationPolicyGenerator"/>).
/// Messages are not compared: each engine words its own. Roster's warnings (a policy no action applies to)
/// must be among the reference's.
/// </summary>
public sealed class ValidationAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Validate_TableRowsAndCatalogue_SamePoliciesInvalidAsReference()
    {
        var items = Rows(PolicyValidatorTests.PhotoRows, SampleSchemas.Photos)
            .Concat(Rows(PolicyValidatorTests.DocumentRows, SampleSchemas.Documents))
            .Concat(CloudinaryCatalogue.SystemPolicies.Select(p => (CloudinaryCatalogue.SchemaJson, p.Statement)))
            .ToList();
        var schemas = items.Select(i => i.SchemaJson).Distinct().ToDictionary(json => json, CedarSchema.FromJson);

        var answers = await ReferenceEngine.ValidateAsync(items);

        var disagreements = new List<string>();
        var invalid = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (schema, policies) = items[i];
            var result = PolicyValidator.Check(PolicyParser.ParsePolicies(policies), schemas[schema]);
            var roster = result.Errors.Select(e => e.PolicyId).Distinct().Order(StringComparer.Ordinal).ToList();
            var warned = result.Warnings.Select(e => e.PolicyId).Distinct().ToList();
            var reference = answers[i].Invalid;
            if (reference is null || !roster.SequenceEqual(reference))
            {
                disagreements.Add($"{policies}{Environment.NewLine}  Roster: invalid [{string.Join(", ", roster)}]; reference: "
                    + (reference is null ? $"could not validate: {string.Join("; ", answers[i].Errors)}" : $"invalid [{string.Join(", ", reference)}]"));
            }
            // Roster warns only of a scope no action applies to; the reference warns of that too (and of more).
            if (warned.Except(answers[i].Warned).Any())
            {
                disagreements.Add($"{policies}{Environment.NewLine}  Roster warns about [{string.Join(", ", warned)}]; reference: [{string.Join(", ", answers[i].Warned)}]");
            }
            if (roster.Count > 0) invalid++;
        }
        output.WriteLine($"{items.Count} policy sets validated by both: {items.Count - invalid} valid, {invalid} invalid for Roster");
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements.Take(20)));
        // The comparison means something only if both kinds are well represented.
        Assert.InRange(invalid, 20, items.Count - 40);
    }

    [Fact]
    public async Task Validate_GeneratedPolicies_SamePoliciesInvalidAsReference()
    {
        var seed = ReferenceAgreementTests.Seed();
        output.WriteLine($"seed {seed} (replay with ROSTER_DIFF_SEED={seed})");
        var generator = new ValidationPolicyGenerator(seed);
        var items = Enumerable.Range(0, GeneratedSets).Select(_ => (SampleSchemas.Photos, generator.PolicySet(PoliciesPerSet))).ToList();
        var schema = CedarSchema.FromJson(SampleSchemas.Photos);

        var answers = await ReferenceEngine.ValidateAsync(items);

        var disagreements = new List<string>();
        var invalid = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var policies = PolicyParser.ParsePolicies(items[i].Item2);
            var roster = PolicyValidator.Validate(policies, schema).Select(e => e.PolicyId).ToHashSet(StringComparer.Ordinal);
            var reference = answers[i].Invalid?.ToHashSet(StringComparer.Ordinal);
            Assert.True(reference is not null, $"the reference could not validate: {string.Join("; ", answers[i].Errors)}");
            invalid += roster.Count;
            disagreements.AddRange(policies.Where(p => roster.Contains(p.Id) != reference.Contains(p.Id)).Select(p =>
                $"{PolicyPrinter.Print(p)}{Environment.NewLine}  invalid for {(roster.Contains(p.Id) ? "Roster" : "the reference")} only"));
        }
        var total = GeneratedSets * PoliciesPerSet;
        output.WriteLine($"{total} generated policies: {total - invalid} valid, {invalid} invalid for Roster");
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} disagreements (ROSTER_DIFF_SEED={seed} replays them); the first:{Environment.NewLine}"
            + string.Join(Environment.NewLine, disagreements.Take(10)));
        Assert.InRange(invalid, total / 5, total * 4 / 5);
    }

    private const int GeneratedSets = 5;
    private const int PoliciesPerSet = 400;

    private static IEnumerable<(string SchemaJson, string Policies)> Rows(IEnumerable<object[]> rows, string schema) =>
        rows.Select(row => (schema, (string)row[0]));
}
