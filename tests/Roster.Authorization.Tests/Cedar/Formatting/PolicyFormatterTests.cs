using System.Text;
using System.Text.RegularExpressions;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;
using Roster.Authorization.Tests.Cedar.Parsing;
using Roster.Authorization.Tests.Differential;

namespace Roster.Authorization.Tests.Cedar.Formatting;

public partial class PolicyFormatterTests
{
    private const int GeneratedCases = 400;

    /// <summary>The policy sets of generated cases that parse (the doubtful ones may not).</summary>
    public static IEnumerable<object[]> GeneratedPolicySets(int seed) =>
        new CedarCaseGenerator(seed).Generate(GeneratedCases * 7).Take(GeneratedCases)
            .Where(c => Parses(c.Policies))
            .Select(c => new object[] { c.Number, c.Policies });

    private static bool Parses(string text)
    {
        try
        {
            PolicyParser.ParsePolicies(text);
            return true;
        }
        catch (CedarParseException)
        {
            return false;
        }
    }

    [Fact]
    public void Format_GeneratedPolicies_IsIdempotentAndMeansTheSame()
    {
        var sets = GeneratedPolicySets(seed: 4242).ToList();
        Assert.True(sets.Count > GeneratedCases * 9 / 10, $"only {sets.Count} generated policy sets parse");
        var brokenConditions = 0;
        var brokenScopes = 0;
        foreach (var row in sets)
        {
            var (number, text) = ((int)row[0], (string)row[1]);
            var formatted = PolicyFormatter.Format(text);
            brokenConditions += Regex.Count(formatted, @"(when|unless) \{\n");
            brokenScopes += Regex.Count(formatted, @"(permit|forbid) \(\n");

            Assert.True(formatted == PolicyFormatter.Format(formatted), $"case {number}: formatting the formatted text changed it:\n{formatted}");
            Assert.True(TreeText.Of(PolicyParser.ParsePolicies(text)) == TreeText.Of(PolicyParser.ParsePolicies(formatted)),
                $"case {number}: the formatted text means something else:\n{text}\n---\n{formatted}");
        }
        // Both layouts of a long scope and a long condition were exercised, not only the one-line ones.
        Assert.True(brokenConditions > 50 && brokenScopes > 50, $"{brokenConditions} broken conditions, {brokenScopes} broken scopes");
    }

    [Fact]
    public void Format_GeneratedPoliciesWithComments_KeepsEveryCommentAndIsIdempotent()
    {
        var random = new Random(77);
        foreach (var row in GeneratedPolicySets(seed: 99).Take(150))
        {
            var (number, text) = ((int)row[0], (string)row[1]);
            var commented = WithComments(text, random);
            var formatted = PolicyFormatter.Format(commented);

            Assert.True(formatted == PolicyFormatter.Format(formatted), $"case {number}: formatting the formatted text changed it:\n{formatted}");
            Assert.Equal(Comments(commented), Comments(formatted));
            Assert.Equal(TreeText.Of(PolicyParser.ParsePolicies(text)), TreeText.Of(PolicyParser.ParsePolicies(formatted)));
        }
    }

    // A comment after some of the lines, and on lines of their own between some, numbered in text order.
    private static string WithComments(string text, Random random)
    {
        var result = new StringBuilder();
        var n = 0;
        foreach (var line in text.Split('\n'))
        {
            if (random.Next(4) == 0) result.Append($"// own {n++}\n");
            result.Append(line);
            if (line.Length > 0 && random.Next(3) == 0) result.Append($" // end {n++}");
            result.Append('\n');
        }
        return result.ToString();
    }

    private static List<string> Comments(string text) => [.. CommentPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"// (own|end) \d+")]
    private static partial Regex CommentPattern();

    [Theory]
    [InlineData("permit(principal,action,resource);", "permit (principal, action, resource);\n")]
    [InlineData("", "")]
    [InlineData("// only a comment", "// only a comment\n")]
    [InlineData("@id(\"a\")@note permit(principal==User::\"a\",action in[Action::\"x\",Action::\"y\"],resource is Doc in Folder::\"f\");",
        "@id(\"a\")\n@note\npermit (\n  principal == User::\"a\",\n  action in [Action::\"x\", Action::\"y\"],\n  resource is Doc in Folder::\"f\"\n);\n")]
    [InlineData("permit(principal,action,resource)when{1+1==2}unless{false};forbid(principal,action,resource);",
        "permit (principal, action, resource)\nwhen { 1 + 1 == 2 }\nunless { false };\n\nforbid (principal, action, resource);\n")]
    [InlineData("permit(principal,action,resource) when { ((context.a)) || (context.b && context.c) };",
        "permit (principal, action, resource)\nwhen { context.a || context.b && context.c };\n")]
    [InlineData("permit (principal, action, resource); // why\n// next\nforbid (principal, action, resource);\n// end",
        "permit (principal, action, resource); // why\n\n// next\nforbid (principal, action, resource);\n\n// end\n")]
    [InlineData("permit (principal, action, resource) when { // inside\n true };",
        "permit (principal, action, resource)\n// inside\nwhen { true };\n")]
    public void Format_Text_PrintsCanonicalLayout(string text, string expected) =>
        Assert.Equal(expected, PolicyFormatter.Format(text));

    [Theory]
    [InlineData("context.aaaaaaaaaaaaaaaaaaaa || context.bbbbbbbbbbbbbbbbbbbbbbbbb || (context.c || context.d) || context.eeeeeeeee",
        "  context.aaaaaaaaaaaaaaaaaaaa ||\n  context.bbbbbbbbbbbbbbbbbbbbbbbbb ||\n  (context.c || context.d) ||\n  context.eeeeeeeee")]
    [InlineData("(context.aaaaaaaaaaaaaaaaaaaa || context.bbbbbbbbbbbbbbbbbbbbbbbbb) && (if context.c then true else false) && context.eeeee",
        "  (context.aaaaaaaaaaaaaaaaaaaa || context.bbbbbbbbbbbbbbbbbbbbbbbbb) &&\n  (if context.c then true else false) &&\n  context.eeeee")]
    [InlineData("if context.aaaaaaaaaaaaaaaaaaaaaaaaaaaaa then context.bbbbbbbbbbbbbbbbbbbbbbbbbbbbb else false",
        "  if context.aaaaaaaaaaaaaaaaaaaaaaaaaaaaa then context.bbbbbbbbbbbbbbbbbbbbbbbbbbbbb else false")]
    public void Format_LongCondition_OneTopLevelOperandPerLine(string condition, string body)
    {
        var formatted = PolicyFormatter.Format($"permit (principal, action, resource) when {{ {condition} }};");

        Assert.Equal($"permit (principal, action, resource)\nwhen {{\n{body}\n}};\n", formatted);
        Assert.Equal(TreeText.Of(PolicyParser.ParseExpression(condition)), TreeText.Of(PolicyParser.ParsePolicies(formatted)[0].Conditions[0].Body));
    }

    [Fact]
    public void Format_TextThatDoesNotParse_ThrowsWithPositions()
    {
        var e = Assert.Throws<CedarParseException>(() => PolicyFormatter.Format("permit (principal, action, resource)\nwhen { 1 + };"));

        Assert.Equal((2, 12), (e.Diagnostics[0].Span.Line, e.Diagnostics[0].Span.Column));
    }
}
