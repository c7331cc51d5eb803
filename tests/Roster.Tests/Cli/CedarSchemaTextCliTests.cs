using System.Text.Json;

namespace Roster.Tests.Cli;

/// <summary>Schemas in Cedar's schema syntax given to <c>roster cedar</c>: <c>--schema</c>, <c>--schema-format</c>, <c>translate-schema</c>, test suites.</summary>
[Trait("Database", "none")]
public sealed class CedarSchemaTextCliTests : IDisposable
{
    private readonly CedarProcess _cedar = new();

    public CedarSchemaTextCliTests()
    {
        _cedar.Write("schema.cedarschema", CedarSamples.SchemaText);
        _cedar.Write("schema.json", CedarSamples.Schema);
        _cedar.Write("policies.cedar", CedarSamples.Policies);
        _cedar.Write("entities.json", CedarSamples.Entities);
    }

    public void Dispose() => _cedar.Dispose();

    [Theory]
    [InlineData("schema.cedarschema")]
    [InlineData("schema.json")]
    public async Task Validate_SchemaInEitherFormat_ReportsTheSameFinding(string schema)
    {
        _cedar.Write("typo.cedar", """permit (principal, action, resource) when { principal.nmae == "Bob" };""");

        var run = await _cedar.RunAsync("validate", "--policies", "typo.cedar", "--schema", schema);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("typo.cedar:1:45: policy0: attribute `nmae` on entity type `User` not found\n1 validation error", run.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Authorize_CedarSchemaFile_DecidesAndChecksTheEntitiesAgainstIt()
    {
        _cedar.Write("request.json", CedarSamples.Request("alice", "view", "plan"));
        _cedar.Write("bad-entities.json", CedarSamples.Entities.Replace("\"secret\": false", "\"secret\": \"no\"", StringComparison.Ordinal));

        var allowed = await _cedar.RunAsync("authorize", "--policies", "policies.cedar", "--entities", "entities.json", "--request-json", "request.json", "--schema", "schema.cedarschema");
        var refused = await _cedar.RunAsync("authorize", "--policies", "policies.cedar", "--entities", "bad-entities.json", "--request-json", "request.json", "--schema", "schema.cedarschema");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.StartsWith("ALLOW\nreasons: staff-view", allowed.Stdout);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("bad-entities.json:5:", refused.Stderr);
        Assert.Contains("secret", refused.Stderr);
    }

    [Fact]
    public async Task Validate_SyntaxErrorInSchemaText_NamesFileLineAndColumn()
    {
        _cedar.Write("broken.cedarschema", "entity User = {\n  name: String\n  age: Long,\n};\n");

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "broken.cedarschema");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("broken.cedarschema:3:3: expected `,` or `}` to close the record opened at 1:15, found `age`", run.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Validate_UndeclaredTypesInSchemaText_ListsEachAtItsPosition()
    {
        _cedar.Write("undeclared.cedarschema", "entity User in [Team] = {\n  manager: Person,\n};\n");

        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "undeclared.cedarschema");

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stderr.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("undeclared.cedarschema:1:17: undeclared entity type `Team`", lines[0]);
        Assert.StartsWith("undeclared.cedarschema:2:12: undeclared type `Person`", lines[1]);
    }

    [Fact]
    public async Task SchemaFormat_Json_ReadsASchemaTextFileAsMalformedJson()
    {
        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.cedarschema", "--schema-format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("schema.cedarschema:1:1: malformed JSON", run.Stderr);
    }

    [Fact]
    public async Task SchemaFormat_Cedar_ReadsAJsonFileAsSchemaTextAndSaysWhyItFails()
    {
        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.json", "--schema-format", "cedar");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("schema.json:1:1: expected `entity`, `action`, `type` or `namespace`, found `{`", run.Stderr);
        Assert.Contains("--schema-format json", run.Stderr);
    }

    [Fact]
    public async Task SchemaFormat_UnknownValue_IsRefused()
    {
        var run = await _cedar.RunAsync("validate", "--policies", "policies.cedar", "--schema", "schema.json", "--schema-format", "yaml");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'yaml'", run.Stderr);
    }

    [Fact]
    public async Task TranslateSchema_CedarToJson_PrintsAJsonSchemaThatValidatesAlike()
    {
        _cedar.Write("typo.cedar", """permit (principal, action, resource) when { principal.nmae == "Bob" };""");

        var translated = await _cedar.RunAsync("translate-schema", "--direction", "cedar-to-json", "--schema", "schema.cedarschema");
        _cedar.Write("translated.json", translated.Stdout);
        var validated = await _cedar.RunAsync("validate", "--policies", "typo.cedar", "--schema", "translated.json", "--schema-format", "json");

        Assert.True(translated.ExitCode == 0, translated.ToString());
        using var json = JsonDocument.Parse(translated.Stdout);
        var root = json.RootElement.GetProperty("");
        Assert.Equal("""{"type":"EntityOrCommon","name":"Long"}""", root.GetProperty("commonTypes").GetProperty("DocContext").GetProperty("attributes").GetProperty("level").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("""{"type":"DocContext"}""", root.GetProperty("actions").GetProperty("edit").GetProperty("appliesTo").GetProperty("context").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.True(validated.ExitCode == 3, validated.ToString());
        Assert.StartsWith("typo.cedar:1:45: policy0: attribute `nmae` on entity type `User` not found", validated.Stdout);
    }

    [Fact]
    public async Task TranslateSchema_SyntaxError_NamesFileLineAndColumn()
    {
        _cedar.Write("broken.cedarschema", "entity User;\naction view appliesTo { principal: User };\n");

        var run = await _cedar.RunAsync("translate-schema", "--direction", "cedar-to-json", "--schema", "broken.cedarschema");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("broken.cedarschema:2:13: `appliesTo` of action \"view\" has no `resource`", run.Stderr);
    }

    [Fact]
    public async Task TranslateSchema_JsonToCedar_PrintsSchemaTextThatValidatesAlike()
    {
        _cedar.Write("typo.cedar", """permit (principal, action, resource) when { principal.nmae == "Bob" };""");

        var translated = await _cedar.RunAsync("translate-schema", "--direction", "json-to-cedar", "--schema", "schema.json");
        _cedar.Write("translated.cedarschema", translated.Stdout);
        var validated = await _cedar.RunAsync("validate", "--policies", "typo.cedar", "--schema", "translated.cedarschema");

        Assert.True(translated.ExitCode == 0, translated.ToString());
        Assert.Contains("entity User in [Group] = {\n  name: String,\n  nickname?: String,\n  address?: ipaddr\n};", translated.Stdout);
        Assert.Contains("action \"view\" appliesTo {\n  principal: [User],\n  resource: [Doc],\n  context: {\n    level: Long\n  }\n};", translated.Stdout);
        Assert.True(validated.ExitCode == 3, validated.ToString());
        Assert.StartsWith("typo.cedar:1:45: policy0: attribute `nmae` on entity type `User` not found", validated.Stdout);
    }

    [Fact]
    public async Task TranslateSchema_JsonTheSyntaxCannotSay_NamesFileLineAndColumn()
    {
        _cedar.Write("open.json", """
            {"": {"entityTypes": {
              "User": {"shape": {"type": "Record", "attributes": {}, "additionalAttributes": true}}
            }, "actions": {}}}
            """);

        var run = await _cedar.RunAsync("translate-schema", "--direction", "json-to-cedar", "--schema", "open.json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("open.json:2:21: schema: a record with additionalAttributes cannot be written in the schema syntax", run.Stderr);
    }

    [Fact]
    public async Task Test_SuiteNamingACedarSchemaFile_ChecksAgainstIt()
    {
        _cedar.Write("suite.json", """
            {"name": "documents", "policies": "policies.cedar", "entities": "entities.json", "schema": "schema.cedarschema",
             "requests": [
               {"name": "staff view", "principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Doc::\"plan\"", "context": {"level": 1}, "decision": "allow"},
               {"name": "no such action", "principal": "User::\"alice\"", "action": "Action::\"print\"", "resource": "Doc::\"plan\"", "context": {"level": 1}, "decision": "deny"}
             ]}
            """);

        var run = await _cedar.RunAsync("test", "suite.json");

        // The second request names an action the schema does not declare: the schema was read and applied.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("action `Action::\"print\"` is not declared in the schema", run.Stderr);
    }
}
