using System.Text.Json;
using Roster.Common;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>A request of a policy test suite and the answer it expects; null Reasons or Errors are not checked.</summary>
internal sealed record SuiteRequest(string Name, AuthorizationRequest Request, Decision Decision, IReadOnlyList<string>? Reasons, IReadOnlyList<string>? Errors);

/// <summary>
/// A policy test suite: <c>{"name", "policies", "entities", "schema"?, "requests": [...]}</c>. Policies are Cedar
/// text, or a path (relative to the suite file) when the string has no <c>(</c> and no line break; entities and
/// schema are inline JSON or a path.
/// </summary>
internal sealed record TestSuite(string Name, PolicySet Policies, EntityStore Entities, IReadOnlyList<SuiteRequest> Requests)
{
    /// <summary>Every suite of the file (one object, or an array of them); every problem of every suite in one <see cref="CedarInputException"/>.</summary>
    public static IReadOnlyList<TestSuite> ReadFile(string path)
    {
        var source = JsonSource.Read(path, "test suite");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var elements = source.Root.ValueKind == JsonValueKind.Array
            ? source.Root.EnumerateArray().Select((e, i) => (Element: e, Path: (List<object>)[i])).ToList()
            : [(source.Root, [])];
        var suites = new List<TestSuite>();
        var problems = new List<string>();
        foreach (var (element, at) in elements)
        {
            try
            {
                suites.Add(Read(source, element, at, folder, suites.Count));
            }
            catch (CedarInputException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        if (problems.Count > 0) throw new CedarInputException(problems);
        return suites;
    }

    private static TestSuite Read(JsonSource source, JsonElement suite, List<object> at, string folder, int index)
    {
        if (suite.ValueKind != JsonValueKind.Object)
            throw source.Error(at, "a test suite must be a JSON object with \"name\", \"policies\", \"entities\" and \"requests\"");
        var name = OptionalString(source, suite, at, "name") ?? $"suite {index}";

        CedarSchema? schema = null;
        if (suite.TryGetProperty("schema", out var schemaElement) && schemaElement.ValueKind != JsonValueKind.Null)
            schema = schemaElement.ValueKind == JsonValueKind.String
                ? SchemaInput.ReadFile(Resolve(folder, schemaElement.GetString()!))
                : SchemaInput.Read(source, schemaElement, [.. at, "schema"]);

        if (!suite.TryGetProperty("policies", out var policiesElement) || policiesElement.ValueKind != JsonValueKind.String)
            throw source.Error(at, $"suite \"{name}\": \"policies\" must be a string: Cedar text, or the path of a policy file");
        var policiesText = policiesElement.GetString()!;
        var policies = IsPath(policiesText)
            ? PolicyInput.ReadFile(Resolve(folder, policiesText))
            : PolicyInput.Parse(policiesText, $"{source.File}: suite \"{name}\" policies");

        if (!suite.TryGetProperty("entities", out var entitiesElement))
            throw source.Error(at, $"suite \"{name}\": \"entities\" is missing (an array, or the path of an entities file)");
        EntityStore entities;
        if (entitiesElement.ValueKind == JsonValueKind.String)
        {
            var entitiesSource = JsonSource.Read(Resolve(folder, entitiesElement.GetString()!), "entities");
            entities = EntityInput.Read(entitiesSource, entitiesSource.Root, [], schema);
        }
        else
        {
            entities = EntityInput.Read(source, entitiesElement, [.. at, "entities"], schema);
        }

        if (!suite.TryGetProperty("requests", out var requestsElement) || requestsElement.ValueKind != JsonValueKind.Array)
            throw source.Error(at, $"suite \"{name}\": \"requests\" must be an array");
        var requests = new List<SuiteRequest>(requestsElement.GetArrayLength());
        var problems = new List<string>();
        var r = 0;
        foreach (var element in requestsElement.EnumerateArray())
        {
            try
            {
                requests.Add(ReadRequest(source, element, [.. at, "requests", r], schema, r));
            }
            catch (CedarInputException e)
            {
                problems.AddRange(e.Problems);
            }
            r++;
        }
        if (problems.Count > 0) throw new CedarInputException(problems);
        return new TestSuite(name, PolicyInput.Compile(policies), entities, requests);
    }

    private static SuiteRequest ReadRequest(JsonSource source, JsonElement element, List<object> at, CedarSchema? schema, int index)
    {
        var request = RequestInput.Read(source, element, at, schema);
        var name = OptionalString(source, element, at, "name") ?? $"request {index}";
        var decision = OptionalString(source, element, at, "decision") is { } text && WireEnum<Decision>.TryParse(text, out var parsed)
            ? parsed
            : throw source.Error(element.TryGetProperty("decision", out _) ? [.. at, "decision"] : at,
                $"request \"{name}\": \"decision\" must be \"allow\" or \"deny\"");
        return new SuiteRequest(name, request, decision, Ids(source, element, at, "reasons"), Ids(source, element, at, "errors"));
    }

    private static string? OptionalString(JsonSource source, JsonElement owner, List<object> at, string property)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw source.Error([.. at, property], $"\"{property}\" must be a string");
        return value.GetString();
    }

    private static List<string>? Ids(JsonSource source, JsonElement owner, List<object> at, string property)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw source.Error([.. at, property], $"\"{property}\" must be an array of policy ids");
        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static bool IsPath(string text) => !string.IsNullOrWhiteSpace(text) && !text.Contains('(') && !text.Contains('\n');

    private static string Resolve(string folder, string path) => Path.IsPathRooted(path) ? path : Path.Combine(folder, path);
}
