namespace Roster.Tests.Cli;

/// <summary><c>roster cedar evaluate</c> as a process: values in Cedar's syntax, evaluation errors, bad expressions.</summary>
[Trait("Database", "none")]
public sealed class CedarEvaluateCliTests : IDisposable
{
    private readonly CedarProcess _cedar = new();

    public CedarEvaluateCliTests()
    {
        _cedar.Write("entities.json", CedarSamples.Entities);
        _cedar.Write("request.json", CedarSamples.Request("alice", "view", "salaries", level: 4));
    }

    public void Dispose() => _cedar.Dispose();

    [Theory]
    [InlineData("principal in Group::\"staff\"", "true")]
    [InlineData("context.level * 3 - 2", "10")]
    [InlineData("resource.owner", "User::\"bob\"")]
    [InlineData("principal.name like \"A*\"", "true")]
    [InlineData("[1, 2] == [2, 1]", "true")]
    [InlineData("{\"first name\": principal.name, n: 1}", "{\"first name\": \"Alice\", n: 1}")]
    [InlineData("ip(\"10.0.0.1\")", "ip(\"10.0.0.1\")")]
    [InlineData("decimal(\"1.50\").lessThan(decimal(\"2.0\"))", "true")]
    [InlineData("if resource.secret then \"hidden\" else \"shown\"", "\"hidden\"")]
    public async Task Evaluate_Expression_PrintsValueInCedarSyntax(string expression, string value)
    {
        var run = await _cedar.RunAsync("evaluate", "--entities", "entities.json", "--request-json", "request.json", expression);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(value, run.Stdout.TrimEnd());
    }

    [Theory]
    [InlineData("principal.nickname", "error: `User::\"alice\"` does not have the attribute `nickname`")]
    [InlineData("context.level + \"1\"", "error: type error: expected long, got string")]
    [InlineData("9223372036854775807 + context.level", "error: integer overflow while attempting to add the values `9223372036854775807` and `4`")]
    public async Task Evaluate_FailingExpression_PrintsErrorAndExits2(string expression, string error)
    {
        var run = await _cedar.RunAsync("evaluate", "--entities", "entities.json", "--request-json", "request.json", expression);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(error, run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Evaluate_WithoutRequest_EvaluatesClosedExpressions()
    {
        var run = await _cedar.RunAsync("evaluate", "[1, 2, 3].containsAll([3, 1])");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("true", run.Stdout.TrimEnd());
    }

    [Theory]
    [InlineData("1 + ", "expression:1:5: ")]
    [InlineData("context.level > 1", "expression:1:1: the expression uses `context`: give the request with --request-json")]
    public async Task Evaluate_UnusableExpression_Exits1WithPosition(string expression, string message)
    {
        var run = await _cedar.RunAsync("evaluate", expression);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith(message, run.Stderr);
    }
}
