using System.Text.Json.Nodes;

namespace Roster.Authorization.Tests.Differential;

/// <summary>What the reference made of one schema: its text (for a JSON schema, as <c>schemaToText</c> wrote it) and <c>schemaToJson</c> of that text, or why it refused.</summary>
public sealed record SchemaAnswer(string? Text, JsonNode? Json, IReadOnlyList<string> Errors);

public static partial class ReferenceEngine
{
    /// <summary>
    /// For each schema, in one Node process: a JSON schema (a <see cref="JsonNode"/>) is written as text by the
    /// reference and that text read back with <c>schemaToJson</c>; a text (a string) is read with <c>schemaToJson</c>.
    /// </summary>
    public static async Task<IReadOnlyList<SchemaAnswer>> ConvertSchemasAsync(IReadOnlyList<object> schemas)
    {
        var folder = Folder();
        var input = Path.Combine(Path.GetTempPath(), $"roster-cedar-schemas-{Guid.NewGuid():N}.json");
        var output = Path.ChangeExtension(input, ".answers.json");
        try
        {
            var items = new JsonArray(schemas.Select(s => (JsonNode)(s switch
            {
                string text => new JsonObject { ["text"] = text },
                JsonNode json => new JsonObject { ["json"] = json.DeepClone() },
                _ => throw new ArgumentException($"a schema is a string or a JsonNode, not {s.GetType().Name}", nameof(schemas)),
            })).ToArray());
            await File.WriteAllTextAsync(input, items.ToJsonString());
            await RunNodeAsync(folder, ["--schemas", input, output]);
            var answers = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsArray();
            return answers.Select(a => new SchemaAnswer(
                a!["text"]?.GetValue<string>(),
                a["json"]?.DeepClone(),
                a["errors"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [])).ToList();
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(input);
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(output);
        }
    }
}
