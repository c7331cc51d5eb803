using System.Text.Json;

namespace Roster.Tests.Cli;

/// <summary><c>roster cedar test</c> as a process: suites inline or by path, mismatches reported, <c>--json</c> lines, exit status.</summary>
[Trait("Database", "none")]
public sealed class CedarTestSuiteCliTests : IDisposable
{
    private readonly CedarProcess _cedar = new();

    public CedarTestSuiteCliTests()
    {
        _cedar.Write("policies.cedar", CedarSamples.Policies);
        _cedar.Write("entities.json", CedarSamples.Entities);
        _cedar.Write("schema.json", CedarSamples.Schema);
    }

    public void Dispose() => _cedar.Dispose();

    private static string Request(string name, string principal, string action, string resource, string decision, string extra = "") =>
        $$"""{"name": "{{name}}", "principal": "User::\"{{principal}}\"", "action": "Action::\"{{action}}\"", "resource": "Doc::\"{{resource}}\"", "context": {"level": 1}, "decision": "{{decision}}"{{extra}} }""";

    private string Suites(string documentsRequests) => $$"""
        [
          {"name": "documents", "policies": "policies.cedar", "entities": "entities.json", "schema": "schema.json",
           "requests": [{{documentsRequests}}]},
          {"name": "inline", "policies": "permit (principal, action, resource) when { principal == User::\"root\" };",
           "entities": [{"uid": {"type": "User", "id": "root"}, "attrs": {}, "parents": []}],
           "requests": [
             {"name": "root may", "principal": "User::\"root\"", "action": "Action::\"view\"", "resource": "Doc::\"x\"", "decision": "allow", "reasons": ["policy0"], "errors": []},
             {"name": "others may not", "principal": "User::\"eve\"", "action": "Action::\"view\"", "resource": "Doc::\"x\"", "decision": "deny"}
           ]}
        ]
        """;

    private static readonly string _passing = string.Join(",\n", [
        Request("staff view", "alice", "view", "plan", "allow", """, "reasons": ["staff-view"], "errors": ["nickname"]"""),
        Request("owner edits", "bob", "edit", "plan", "allow", """, "reasons": ["owner-edit"]"""),
        Request("secrets stay hidden", "bob", "edit", "salaries", "deny", """, "reasons": ["no-secrets"]"""),
    ]);

    [Fact]
    public async Task Test_AllExpectationsMet_Exits0AndCounts()
    {
        _cedar.Write("suites.json", Suites(_passing));

        var run = await _cedar.RunAsync("test", "suites.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("5 passed, 0 failed", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Test_Mismatches_ReportsExpectedAndActualAndExits2()
    {
        _cedar.Write("suites.json", Suites(string.Join(",\n", [
            Request("staff edit", "alice", "edit", "plan", "allow"),
            Request("wrong reason", "alice", "view", "plan", "allow", """, "reasons": ["owner-edit"]"""),
            Request("errors unexpected", "alice", "view", "plan", "allow", """, "errors": []"""),
        ])));

        var run = await _cedar.RunAsync("test", "suites.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal([
            "FAIL documents / staff edit",
            "  expected: allow",
            "  got:      deny, reasons [], errors []",
            "FAIL documents / wrong reason",
            "  expected: allow, reasons [owner-edit]",
            "  got:      allow, reasons [staff-view], errors [nickname]",
            "  error in nickname: `User::\"alice\"` does not have the attribute `nickname`",
            "FAIL documents / errors unexpected",
            "  expected: allow, errors []",
            "  got:      allow, reasons [staff-view], errors [nickname]",
            "  error in nickname: `User::\"alice\"` does not have the attribute `nickname`",
            "2 passed, 3 failed",
        ], run.StdoutLines);
    }

    [Fact]
    public async Task Test_Json_PrintsOneLinePerRequestWithPolicyIds()
    {
        _cedar.Write("suites.json", Suites(_passing + ",\n" + Request("staff edit", "alice", "edit", "plan", "allow")));

        var run = await _cedar.RunAsync("test", "suites.json", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(6, run.StdoutLines.Length);
        Assert.Equal("""{"suite":"documents","name":"staff view","decision":"allow","reasons":["staff-view"],"errors":["nickname"],"passed":true}""", run.StdoutLines[0]);
        Assert.Equal("""{"suite":"documents","name":"staff edit","decision":"deny","reasons":[],"errors":[],"passed":false}""", run.StdoutLines[3]);
        Assert.All(run.StdoutLines, line => JsonDocument.Parse(line).Dispose());
        Assert.Equal("5 passed, 1 failed", run.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Test_SingleSuiteObject_Runs()
    {
        _cedar.Write("suite.json", $$"""{"name": "one", "policies": "policies.cedar", "entities": "entities.json", "requests": [{{_passing}}]}""");

        var run = await _cedar.RunAsync("test", "suite.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3 passed, 0 failed", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Test_UnusableSuites_Exits1ListingEveryProblemWithPosition()
    {
        _cedar.Write("suites.json", """
            [
              {"name": "a", "policies": "permit (principal, action, resource) when { 1 + };", "entities": [], "requests": []},
              {"name": "b", "policies": "missing.cedar", "entities": [], "requests": []},
              {"name": "c", "policies": "", "entities": [],
               "requests": [{"principal": "User::\"x\"", "action": "Action::\"view\"", "resource": "Doc::\"d\"", "decision": "maybe"}]}
            ]
            """);

        var run = await _cedar.RunAsync("test", "suites.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("suites.json: suite \"a\" policies:1:49: ", lines[0]);
        Assert.EndsWith("missing.cedar: the policies file does not exist", lines[1]);
        Assert.StartsWith("suites.json:5:114: request \"request 0\": \"decision\" must be \"allow\" or \"deny\"", lines[2]);
    }
}
