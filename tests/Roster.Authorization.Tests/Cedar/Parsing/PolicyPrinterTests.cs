using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class PolicyPrinterTests
{
    public static IEnumerable<object[]> AllExpressions =>
        ExpressionParsingTests.Constructs.Concat(ExpressionParsingTests.Precedence)
            .Concat(ExpressionParsingTests.Integers).Concat(ExpressionParsingTests.Strings)
            .Select(row => row[0]).Distinct().Select(text => new[] { text });

    public static IEnumerable<object[]> AllPolicies =>
        PolicyParsingTests.Policies.Concat(PolicyParsingTests.Ids).Select(row => row[0]).Distinct().Select(text => new[] { text });

    [Theory]
    [MemberData(nameof(AllExpressions))]
    public void Print_AnyParsedExpression_ParsesBackToTheSameTree(string text)
    {
        var tree = PolicyParser.ParseExpression(text);

        Assert.Equal(TreeText.Of(tree), TreeText.Of(PolicyParser.ParseExpression(PolicyPrinter.Print(tree))));
    }

    [Theory]
    [MemberData(nameof(AllPolicies))]
    public void Print_AnyParsedPolicies_ParseBackToTheSameTree(string text)
    {
        var policies = PolicyParser.ParsePolicies(text);

        Assert.Equal(TreeText.Of(policies), TreeText.Of(PolicyParser.ParsePolicies(PolicyPrinter.Print(policies))));
    }

    /// <summary>Parentheses only where Cedar's precedence needs them.</summary>
    [Theory]
    [InlineData("(1 + 2) * 3", "(1 + 2) * 3")]
    [InlineData("1 + (2 * 3)", "1 + 2 * 3")]
    [InlineData("1 - (2 - 3)", "1 - (2 - 3)")]
    [InlineData("(1 - 2) - 3", "1 - 2 - 3")]
    [InlineData("true && (false || true)", "true && (false || true)")]
    [InlineData("(1 < 2) == true", "(1 < 2) == true")]
    [InlineData("-(5)", "-(5)")]
    [InlineData("-(-5)", "-(-5)")]
    [InlineData("(-5).a", "(-5).a")]
    [InlineData("!(!true)", "!!true")]
    [InlineData("!!!!(!true)", "!!!!(!true)")]
    [InlineData("--(5)", "--(5)")]
    [InlineData("-(-context.n)", "--context.n")]
    [InlineData("!(-5)", "!(-5)")]
    [InlineData("(if true then 1 else 2) + 1", "(if true then 1 else 2) + 1")]
    [InlineData("principal[\"first name\"]", "principal[\"first name\"]")]
    [InlineData("principal[\"if\"]", "principal[\"if\"]")]
    [InlineData("{\"a b\": 1, c: 2}", "{\"a b\": 1, c: 2}")]
    [InlineData("resource.n like \"a\\*b*\"", "resource.n like \"a\\*b*\"")]
    [InlineData("context has \"x y\"", "context has \"x y\"")]
    [InlineData("\"tab\\there\\u{7}\"", "\"tab\\there\\u{7}\"")]
    public void Print_Expression_WritesMinimalCedar(string text, string printed) =>
        Assert.Equal(printed, PolicyPrinter.Print(PolicyParser.ParseExpression(text)));

    [Fact]
    public void Print_Policy_WritesAnnotationsScopeAndConditions()
    {
        var policy = PolicyParser.ParsePolicies("""
            @id("p1") @flag
            forbid(principal is User in Group::"g", action in [Action::"a", Action::"b"], resource)
            when { principal.level < 3 } unless { context.override };
            """)[0];

        Assert.Equal("""
            @id("p1")
            @flag
            forbid (principal is User in Group::"g", action in [Action::"a", Action::"b"], resource)
            when { principal.level < 3 }
            unless { context.override };
            """.ReplaceLineEndings("\n"), PolicyPrinter.Print(policy));
    }

    [Fact]
    public void Print_BuiltTree_PrintsValuesAsLiterals()
    {
        var span = SourceSpan.None;
        var tree = new Expr.Binary(BinaryOp.In,
            new Expr.Literal(new EntityValue(new EntityUid("User", "a\"b")), span),
            new Expr.Literal(new SetValue([new LongValue(-1)]), span), span);

        Assert.Equal("User::\"a\\\"b\" in [-1]", PolicyPrinter.Print(tree));
    }
}
