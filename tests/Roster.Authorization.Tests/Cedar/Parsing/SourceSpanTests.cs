using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class SourceSpanTests
{
    /// <summary>The text each node's span covers, in pre-order.</summary>
    public static TheoryData<string, string[]> Expressions => new()
    {
        { "principal.a == 1", ["principal.a == 1", "principal.a", "principal", "1"] },
        { "(1 + 2) * x.y".Replace("x", "context"), ["(1 + 2) * context.y", "1 + 2", "1", "2", "context.y", "context"] },
        { "!!ok".Replace("ok", "context.ok"), ["!!context.ok", "!context.ok", "context.ok", "context"] },
        { "--5", ["--5", "-5"] },
        { "if a then 1 else 2".Replace("a ", "context.a "), ["if context.a then 1 else 2", "context.a", "context", "1", "2"] },
        { "[1, User::\"a\"]", ["[1, User::\"a\"]", "1", "User::\"a\""] },
        { "{k: 1}", ["{k: 1}", "1"] },
        { "ip(\"1.1.1.1\").isIpv4()", ["ip(\"1.1.1.1\").isIpv4()", "ip(\"1.1.1.1\")", "\"1.1.1.1\""] },
        { "resource is Folder in context.f", ["resource is Folder in context.f", "resource", "context.f", "context"] },
        { "resource.n like \"*a\"", ["resource.n like \"*a\"", "resource.n", "resource"] },
        { "principal has a.b", ["principal has a.b", "principal has a.b", "principal", "principal has a.b", "principal has a.b", "principal"] },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void ParseExpression_Always_SpansCoverTheNodesText(string text, string[] covered) =>
        Assert.Equal(covered, PolicyParser.ParseExpression(text).SelfAndDescendants().Select(e => text.Substring(e.Span.Offset, e.Span.Length)));

    [Fact]
    public void ParsePolicies_MultiLineText_GivesLinesAndColumnsOfEachPart()
    {
        const string text = "// header\n@id(\"p\")\npermit (\n  principal == User::\"a\",\n  action,\n  resource is Folder\n)\nwhen { context.ok };";

        var policy = Assert.Single(PolicyParser.ParsePolicies(text));

        Assert.Equal("2:1", policy.Span.ToString());
        Assert.EndsWith("};", text.Substring(policy.Span.Offset, policy.Span.Length), StringComparison.Ordinal);
        Assert.Equal(("2:1", "@id(\"p\")"), Covered(text, Assert.Single(policy.Annotations).Span));
        Assert.Equal(("4:3", "principal == User::\"a\""), Covered(text, policy.Principal.Span));
        Assert.Equal(("5:3", "action"), Covered(text, policy.Action.Span));
        Assert.Equal(("6:3", "resource is Folder"), Covered(text, policy.Resource.Span));
        Assert.Equal(("8:1", "when { context.ok }"), Covered(text, Assert.Single(policy.Conditions).Span));
        Assert.Equal(("8:8", "context.ok"), Covered(text, policy.Conditions[0].Body.Span));
    }

    [Theory]
    [InlineData("a\r\n  foo", "2:3")]
    [InlineData("a\r  foo", "2:3")]
    [InlineData("\"\U0001F600\U0001F600\" == foo", "1:9")]
    [InlineData("\t\tfoo", "1:3")]
    public void ParseExpression_LineBreaksAndWideCharacters_CountAsAReaderWould(string text, string position)
    {
        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParseExpression(text.Replace("a\r", "true\r")));
        Assert.Equal(position, error.Diagnostics.Single(d => d.Message.Contains("`foo`", StringComparison.Ordinal)).Span.ToString());
    }

    private static (string, string) Covered(string text, SourceSpan span) => (span.ToString(), text.Substring(span.Offset, span.Length));
}
