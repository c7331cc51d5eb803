namespace Roster.Tests.Cli;

/// <summary><c>roster cedar check-parse</c> and <c>roster cedar validate</c> as a process.</summary>
[Trait("Database", "none")]
public sealed class CedarPolicyCheckCliTests : IDisposable
{
    private readonly CedarProcess _cedar = new();

    public CedarPolicyCheckCliTests() => _cedar.Write("schema.json", CedarSamples.Schema);

    public void Dispose() => _cedar.Dispose();

    [Fact]
    public async Task CheckParse_ValidPolicies_Exits0CountingThem()
    {
        _cedar.Write("policies.cedar", CedarSamples.Policies);

        var run = await _cedar.RunAsync("check-parse", "--policies", "policies.cedar");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("4 policies parse", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task CheckParse_ErrorsInTwoPolicies_ListsBothWithPositions()
    {
        _cedar.Write("policies.cedar", """
            permit (principal, action, resource) when { principal.name == "a" &&  };
            permit (principal, action, resource);
            forbid (principal, action, resourc);
            """);

        var run = await _cedar.RunAsync("check-parse", "--policies", "policies.cedar");

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("policies.cedar:1:71: ", lines[0]);
        Assert.StartsWith("policies.cedar:3:28: ", lines[1]);
    }

    [Fact]
    public async Task Validate_ValidPolicies_Exits0()
    {
        _cedar.Write("policies.cedar", CedarSamples.Policies.Replace("principal.nickname", "principal has nickname && principal.nickname", StringComparison.Ordinal));

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("policies are valid", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Validate_PolicyNoActionAppliesTo_WarnsAndExits0()
    {
        _cedar.Write("policies.cedar", """
            @id("never")
            permit (principal is Doc, action == Action::"view", resource);
            """);

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.StartsWith("policies.cedar:1:1: never: warning: policy is impossible", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("policies are valid, with 1 warning", run.StdoutLines[1]);
    }

    [Fact]
    public async Task Validate_TwoFindings_ListsEachWithPolicyAndPositionAndExits3()
    {
        _cedar.Write("policies.cedar", """
            @id("typo")
            permit (principal, action == Action::"view", resource) when { principal.nmae == "x" };

            @id("unguarded")
            permit (principal, action == Action::"view", resource)
            when { principal.nickname == "boss" };
            """);

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.json");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.StartsWith("policies.cedar:2:63: typo: ", run.StdoutLines[0]);
        Assert.StartsWith("policies.cedar:6:8: unguarded: ", run.StdoutLines[1]);
        Assert.Equal("2 validation errors", run.StdoutLines[2]);
    }

    [Fact]
    public async Task Validate_BrokenSchema_Exits1NamingSchemaPosition()
    {
        _cedar.Write("policies.cedar", CedarSamples.Policies);
        _cedar.Write("broken.json", """
            {"": {"entityTypes": {"User": {"memberOfTypes": ["Nobody"]}},
                  "actions": {}}}
            """);

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "broken.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("broken.json:1:", run.Stderr);
        Assert.Contains("Nobody", run.Stderr);
    }
}
