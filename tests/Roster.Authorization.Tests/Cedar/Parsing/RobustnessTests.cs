using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

public class RobustnessTests
{
    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("if true then 1 else ", "")]
    [InlineData("!(", ")")]
    [InlineData("-(", ")")]
    [InlineData("principal has a && (", ")")]
    public void ParseExpression_DeepNesting_ReportsInsteadOfOverflowing(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));

        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParseExpression(text));

        Assert.Contains("nested too deeply", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" || ", "true")]
    [InlineData(" + ", "1")]
    [InlineData(" && ", "principal has a.b")]
    public void ParsePolicies_VeryLongOperatorChain_ReportsInsteadOfBuildingATooDeepTree(string op, string operand)
    {
        var text = $"permit(principal, action, resource) when {{ {string.Join(op, Enumerable.Repeat(operand, 5_000))} }};";

        var error = Assert.Throws<CedarParseException>(() => PolicyParser.ParsePolicies(text));

        Assert.Contains("nested too deeply", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseExpression_NestingWithinTheLimits_Parses()
    {
        var text = new string('(', 150) + "1" + new string(')', 150) + string.Concat(Enumerable.Repeat(" + 1", 500));

        Assert.IsType<Expr.Binary>(PolicyParser.ParseExpression(text));
    }

    /// <summary>Random token soup: the parser either succeeds or throws CedarParseException, never anything else.</summary>
    [Fact]
    public void ParsePolicies_RandomText_OnlyEverThrowsCedarParseException()
    {
        string[] pieces =
        [
            "permit", "forbid", "(", ")", "principal", "action", "resource", "context", ",", ";", "when", "unless",
            "{", "}", "[", "]", "==", "!=", "<", "<=", "in", "is", "has", "like", "if", "then", "else", "&&", "||",
            "!", "-", "+", "*", "/", "=", ".", "::", ":", "@", "id", "User", "Action", "\"a\"", "\"*\\*\"", "\"\\u{",
            "\"", "1", "9223372036854775808", "?principal", "true", "__cedar", "contains", "\n", "//", "#", "\\",
        ];
        var random = new Random(20240601);
        for (var run = 0; run < 3_000; run++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            try
            {
                PolicyParser.ParsePolicies(text);
                PolicyParser.ParseExpression(text);
            }
            catch (CedarParseException e)
            {
                Assert.All(e.Diagnostics, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1, $"{text} → {d}"));
            }
        }
    }
}
