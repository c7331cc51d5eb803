using Roster.Tests.Infrastructure;

namespace Roster.Tests.Cli;

/// <summary><c>roster cedar authorize</c> as a process: decisions, reasons, errors, exit status and messages about bad input.</summary>
[Trait("Database", "none")]
public sealed class CedarAuthorizeCliTests : IDisposable
{
    private readonly CedarProcess _cedar = new();

    public CedarAuthorizeCliTests()
    {
        _cedar.Write("policies.cedar", CedarSamples.Policies);
        _cedar.Write("entities.json", CedarSamples.Entities);
        _cedar.Write("schema.json", CedarSamples.Schema);
    }

    public void Dispose() => _cedar.Dispose();

    private Task<ProcessRun> AuthorizeAsync(string request, params string[] more)
    {
        _cedar.Write("request.json", request);
        return _cedar.RunAsync(["authorize", "--policies", "policies.cedar", "--entities", "entities.json", "--request-json", "request.json", .. more]);
    }

    [Theory]
    [InlineData("alice", "view", "plan", 1, 0, "ALLOW", "reasons: staff-view")]
    [InlineData("bob", "edit", "plan", 1, 0, "ALLOW", "reasons: owner-edit")]
    [InlineData("bob", "edit", "salaries", 1, 2, "DENY", "reasons: no-secrets")]
    [InlineData("bob", "edit", "salaries", 5, 0, "ALLOW", "reasons: owner-edit")]
    [InlineData("alice", "edit", "plan", 1, 2, "DENY", "reasons: none (no policy applied)")]
    public async Task Authorize_Request_PrintsDecisionAndReasonsWithExitStatus(string principal, string action, string resource, int level,
        int exit, string decision, string reasons)
    {
        var run = await AuthorizeAsync(CedarSamples.Request(principal, action, resource, level));

        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.Equal(decision, run.StdoutLines[0]);
        Assert.Equal(reasons, run.StdoutLines[1]);
    }

    [Fact]
    public async Task Authorize_PolicyErrors_ListsErroringPolicyWithMessage()
    {
        var run = await AuthorizeAsync(CedarSamples.Request("bob", "view", "plan"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("error in nickname: `User::\"bob\"` does not have the attribute `nickname`", run.StdoutLines[2]);
    }

    [Fact]
    public async Task Authorize_Json_PrintsOneObjectWithDecisionReasonsAndErrors()
    {
        var run = await AuthorizeAsync(CedarSamples.Request("alice", "view", "plan"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.StdoutLines);
        Assert.Equal("""{"decision":"allow","reasons":["staff-view"],"errors":[{"policy":"nickname","message":"`User::\"alice\"` does not have the attribute `nickname`"}]}""", line);
    }

    [Fact]
    public async Task Authorize_WithSchema_ReadsValuesByDeclaredTypesAndDecides()
    {
        // Under a schema an ipaddr attribute may be a plain string and an entity attribute a {"type", "id"} object.
        _cedar.Write("entities.json", """
            [{"uid": {"type": "User", "id": "bob"}, "attrs": {"name": "Bob", "address": "10.0.0.7"}, "parents": []},
             {"uid": {"type": "Doc", "id": "plan"}, "attrs": {"owner": {"type": "User", "id": "bob"}, "secret": false}, "parents": []}]
            """);
        _cedar.Write("policies.cedar", """permit (principal, action, resource) when { resource.owner == principal && principal.address.isInRange(ip("10.0.0.0/8")) };""");

        var run = await AuthorizeAsync(CedarSamples.Request("bob", "view", "plan"), "--schema", "schema.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["ALLOW", "reasons: policy0"], run.StdoutLines);
    }

    [Fact]
    public async Task Authorize_DatabaseUnreachable_StillDecidesWithoutOpeningIt()
    {
        _cedar.Write("request.json", CedarSamples.Request("alice", "view", "plan"));

        var run = await _cedar.RunAsync(["authorize", "--policies", "policies.cedar", "--entities", "entities.json", "--request-json", "request.json"],
            new Dictionary<string, string> { ["ROSTER_DATABASE"] = "Host=127.0.0.1;Port=1;Database=none;Username=nobody;Timeout=1" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("ALLOW", run.StdoutLines[0]);
        Assert.Empty(run.Stderr);
    }

    public static TheoryData<string, string, string, string> UnusableInputs => new()
    {
        // file, its content, the request, the expected first line on stderr
        { "policies.cedar", "permit (principal, action, resource)\nwhen { 1 + };", CedarSamples.Request("alice", "view", "plan"),
            "policies.cedar:2:12: expected an expression, found `}`" },
        { "policies.cedar", "@id(\"a\") permit (principal, action, resource);\n@id(\"a\") forbid (principal, action, resource);", CedarSamples.Request("alice", "view", "plan"),
            "policies.cedar:2:1: duplicate policy id `a`" },
        { "entities.json", "[\n  {\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {}, \"parents\": []},\n  {\"uid\": ", CedarSamples.Request("alice", "view", "plan"),
            "entities.json:3:11: malformed JSON" },
        { "entities.json", "[\n {\"uid\": {\"type\": \"Group\", \"id\": \"a\"}, \"attrs\": {}, \"parents\": [{\"type\": \"Group\", \"id\": \"b\"}]},\n {\"uid\": {\"type\": \"Group\", \"id\": \"b\"}, \"attrs\": {}, \"parents\": [{\"type\": \"Group\", \"id\": \"a\"}]}\n]",
            CedarSamples.Request("alice", "view", "plan"), "entities.json:2:2: input graph has a cycle" },
        { "entities.json", "[\n {\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {\"n\": 9223372036854775808}, \"parents\": []}\n]",
            CedarSamples.Request("alice", "view", "plan"), "entities.json:2:2: in attribute `n` on `User::\"a\"`, `9223372036854775808` is not an integer in the range of a 64-bit signed integer" },
        { "entities.json", "[]", "{\"principal\": \"User::alice\", \"action\": \"Action::\\\"view\\\"\", \"resource\": \"Doc::\\\"plan\\\"\"}",
            "request.json:1:15: the principal is not an entity reference like User::\"alice\"" },
        { "entities.json", "[]", "{\"principal\": \"User::\\\"alice\\\"\", \"action\": \"Action::\\\"view\\\"\", \"resource\": \"Doc::\\\"plan\\\"\", \"context\": {\"n\": null}}",
            "request.json:1:104: in context, found a `null`; JSON `null`s are not allowed in Cedar" },
        { "policies.cedar", "permit (principal, action, resource);", "{\"principal\": \"User::\\\"alice\\\"\"",
            "request.json:1:32: malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(UnusableInputs))]
    public async Task Authorize_UnusableInput_Exits1NamingFileLineAndColumnWithoutStackTrace(string file, string content, string request, string message)
    {
        _cedar.Write(file, content);

        var run = await AuthorizeAsync(request);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.StartsWith(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    public static TheoryData<string, string, string> SchemaMismatches => new()
    {
        { "[{\"uid\": {\"type\": \"Robot\", \"id\": \"r2\"}, \"attrs\": {}, \"parents\": []}]", CedarSamples.Request("alice", "view", "plan"),
            "entities.json:1:10: entity type `Robot` of `Robot::\"r2\"` is not declared in the schema" },
        { "[{\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {\"name\": 7}, \"parents\": []}]", CedarSamples.Request("alice", "view", "plan"),
            "entities.json:1:57: attribute `name` of `User::\"a\"` should be String, not a long" },
        { "[]", "{\"principal\": \"Doc::\\\"plan\\\"\", \"action\": \"Action::\\\"view\\\"\", \"resource\": \"Doc::\\\"plan\\\"\", \"context\": {\"level\": 1}}",
            "request.json:1:15: the principal `Doc::\"plan\"` is not valid for `Action::\"view\"`: the schema allows `User`" },
        { "[{\"uid\": {\"type\": \"Group\", \"id\": \"g\"}, \"attrs\": {}, \"parents\": [], \"tags\": {\"t\": 1}}]", CedarSamples.Request("alice", "view", "plan"),
            "entities.json:1:82: `Group::\"g\"` has tag `t`, but the schema declares no tags for `Group`" },
        { "[]", CedarSamples.Request("alice", "fly", "plan"), "request.json:1:44: action `Action::\"fly\"` is not declared in the schema" },
        { "[]", "{\"principal\": \"User::\\\"alice\\\"\", \"action\": \"Action::\\\"view\\\"\", \"resource\": \"Doc::\\\"plan\\\"\", \"context\": {}}",
            "request.json:1:104: the context lacks attribute `level`, which the schema requires (Long)" },
    };

    [Theory]
    [MemberData(nameof(SchemaMismatches))]
    public async Task Authorize_InputNotFittingSchema_Exits1NamingWhere(string entities, string request, string message)
    {
        _cedar.Write("entities.json", entities);

        var run = await AuthorizeAsync(request, "--schema", "schema.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(message, run.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Authorize_MissingFile_Exits1NamingIt()
    {
        var run = await _cedar.RunAsync("authorize", "--policies", "nowhere.cedar", "--entities", "entities.json", "--request-json", "request.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("nowhere.cedar: the policies file does not exist", run.Stderr.TrimEnd());
    }
}
