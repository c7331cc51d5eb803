using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Roster.Authorization.Tests.Differential;

/// <summary>The generator makes reproducible cases that use the whole language and that the reference reads.</summary>
public partial class CedarCaseGeneratorTests(ITestOutputHelper output)
{
    private const int Seed = 20240601;

    // Generated once for the tests that only read cases.
    private static readonly Lazy<IReadOnlyList<CedarCase>> _cases = new(() => new CedarCaseGenerator(Seed).Generate(3000));

    [Fact]
    public void Generate_SameSeed_SameCases()
    {
        var first = new CedarCaseGenerator(Seed).Generate(200);
        var second = new CedarCaseGenerator(Seed).Generate(200);
        Assert.Equal(first.Select(Text), second.Select(Text));
    }

    [Fact]
    public void Generate_OtherSeed_OtherCases() =>
        Assert.NotEqual(new CedarCaseGenerator(Seed).Generate(50).Select(Text), new CedarCaseGenerator(Seed + 1).Generate(50).Select(Text));

    [Fact]
    public void Generate_AnySeed_CasesHaveTwoToEightPoliciesAndFiveToTenRequests()
    {
        foreach (var testCase in _cases.Value.Where(c => !c.MayNotParse))
        {
            Assert.InRange(PolicyStart().Count(testCase.Policies), 2, 8);
            Assert.InRange(testCase.Requests.Count, 5, 10);
            Assert.DoesNotContain("@id", testCase.Policies, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("literal", "\"")]
    [InlineData("comparison", " <= ")]
    [InlineData("arithmetic", " * ")]
    [InlineData("overflow", "9223372036854775807 + ")]
    [InlineData("short-circuit", "(false && ")]
    [InlineData("disjunction", " || ")]
    [InlineData("negation", "!")]
    [InlineData("conditional", "(if ")]
    [InlineData("in a set of entities", " in [")]
    [InlineData("has a path", " has profile.address.city")]
    [InlineData("has a quoted name", " has \"display name\"")]
    [InlineData("missing attribute", "principal.nosuch")]
    [InlineData("missing entity", "User::\"ghost\".level")]
    [InlineData("like with an escaped star", "\\*")]
    [InlineData("is in", " is Media::Asset in ")]
    [InlineData("containsAll", ".containsAll(")]
    [InlineData("containsAny", ".containsAny(")]
    [InlineData("isEmpty", ".isEmpty()")]
    [InlineData("getTag", ".getTag(")]
    [InlineData("hasTag", ".hasTag(")]
    [InlineData("record literal", "{a: {b: 2}}")]
    [InlineData("invalid ip", "ip(\"bad\")")]
    [InlineData("ip range", ".isInRange(")]
    [InlineData("invalid decimal", "decimal(\"1.23456\")")]
    [InlineData("decimal comparison", ".greaterThanOrEqual(")]
    [InlineData("type error", "(1 < \"a\")")]
    [InlineData("datetime offset", ".offset(")]
    [InlineData("duration conversion", ".toMilliseconds()")]
    [InlineData("a parent that is not an entity", "Group::\"departed\"")]
    [InlineData("principal is in scope", "principal is User in Group::")]
    [InlineData("action list scope", "action in [Action::")]
    [InlineData("unless", "unless {")]
    [InlineData("forbid", "forbid (")]
    public void Generate_ManyCases_UseEveryConstruct(string construct, string text) =>
        Assert.True(_cases.Value.Any(c => c.Policies.Contains(text, StringComparison.Ordinal)), $"no {construct}: {text}");

    [Fact]
    public void Generate_ManyCases_EntitiesHaveEveryValueKindAndTags()
    {
        var entities = string.Concat(_cases.Value.Select(c => c.EntitiesJson));
        foreach (var text in (string[])["\"__entity\"", "\"__extn\":{\"fn\":\"ip\"", "\"__extn\":{\"fn\":\"decimal\"", "\"tags\"", "\"profile\":{", "\"roles\":[", "\"active\":true"])
        {
            Assert.Contains(text, entities, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reference_GeneratedCases_ParseAndDecideMixed()
    {
        var cases = new CedarCaseGenerator(Seed).Generate(1500);
        var answers = await ReferenceEngine.DecideAsync(cases);
        var distribution = Distribution.Of(cases, answers);
        output.WriteLine(distribution.ToString());

        var unparsed = cases.Zip(answers).Where(p => !p.First.MayNotParse && !p.Second.Parsed).ToList();
        Assert.True(unparsed.Count == 0, string.Join("\n", unparsed.Take(5).Select(p => p.First.Policies + string.Join(" | ", p.Second.ParseErrors))));
        Assert.Contains(answers, a => !a.Parsed);
        distribution.AssertMeaningful();
    }

    private static string Text(CedarCase c) => c.Policies + c.EntitiesJson + string.Join(";", c.Requests);

    [GeneratedRegex(@"^(permit|forbid|PERMIT|@)", RegexOptions.Multiline)]
    private static partial Regex PolicyStart();
}
