using System.Text.Json.Nodes;

namespace Roster.Authorization.Tests.Differential;

/// <summary>What the reference's strict validation made of one policy set: the ids of its invalid policies and of those it warned about, or why it could not validate.</summary>
public sealed record ValidationAnswer(IReadOnlyList<string>? Invalid, IReadOnlyList<string> Warned, IReadOnlyList<string> Errors);

public static partial class ReferenceEngine
{
    /// <summary>Validates each policy set against its JSON schema in strict mode, in one Node process.</summary>
    public static async Task<IReadOnlyList<ValidationAnswer>> ValidateAsync(IReadOnlyList<(string SchemaJson, string Policies)> items)
    {
        var folder = Folder();
        var input = Path.Combine(Path.GetTempPath(), $"roster-cedar-validate-{Guid.NewGuid():N}.json");
        var output = Path.ChangeExtension(input, ".answers.json");
        try
        {
            var array = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["schema"] = JsonNode.Parse(i.SchemaJson),
                ["policies"] = i.Policies,
            }).ToArray());
            await File.WriteAllTextAsync(input, array.ToJsonString());
            await RunNodeAsync(folder, ["--validate", input, output]);
            var answers = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsArray();
            return answers.Select(a => new ValidationAnswer(
                a!["invalid"]?.AsArray().Select(id => id!.GetValue<string>()).ToList(),
                a["warned"]?.AsArray().Select(id => id!.GetValue<string>()).ToList() ?? [],
                a["errors"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [])).ToList();
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(input);
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(output);
        }
    }
}
