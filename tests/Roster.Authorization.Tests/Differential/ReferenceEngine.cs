using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// The reference Cedar engine (npm <c>@cedar-policy/cedar-wasm</c>, pinned in <c>reference/package.json</c>),
/// run through <c>reference/cedar-reference.mjs</c>: one Node process decides every case of a run.
/// Missing Node or a missing package is a test failure that says what to install, never a skip.
/// Set <c>ROSTER_DIFF_KEEP</c> to keep the cases and answers files (in the temporary folder) for a look.
/// </summary>
public static partial class ReferenceEngine
{
    public const string PinnedVersion = "4.13.0";
    private const string RelativeFolder = "tests/Roster.Authorization.Tests/reference";

    /// <summary>The reference's answers to <paramref name="cases"/>, in order.</summary>
    public static async Task<IReadOnlyList<CaseAnswer>> DecideAsync(IReadOnlyList<CedarCase> cases)
    {
        var folder = Folder();
        var input = Path.Combine(Path.GetTempPath(), $"roster-cedar-cases-{Guid.NewGuid():N}.json");
        var output = Path.ChangeExtension(input, ".answers.json");
        try
        {
            await File.WriteAllTextAsync(input, Input(cases).ToJsonString());
            await RunNodeAsync(folder, [input, output]);
            using var answers = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            return answers.RootElement.EnumerateArray().Select(Answer).ToList();
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(input);
            if (Environment.GetEnvironmentVariable("ROSTER_DIFF_KEEP") is null) File.Delete(output);
        }
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, RelativeFolder);
            if (File.Exists(Path.Combine(folder, "cedar-reference.mjs")))
            {
                var package = Path.Combine(folder, "node_modules", "@cedar-policy", "cedar-wasm", "package.json");
                if (!File.Exists(package))
                {
                    Assert.Fail($"The reference Cedar engine is not installed: run `npm ci` in {RelativeFolder} (test.sh does).");
                }
                var version = JsonNode.Parse(File.ReadAllText(package))?["version"]?.GetValue<string>();
                if (version != PinnedVersion)
                {
                    Assert.Fail($"The reference Cedar engine is {version}, not {PinnedVersion}: run `npm ci` in {RelativeFolder}.");
                }
                return folder;
            }
        }
        Assert.Fail($"{RelativeFolder}/cedar-reference.mjs not found above {AppContext.BaseDirectory}.");
        return "";
    }

    private static JsonArray Input(IReadOnlyList<CedarCase> cases) => new(cases.Select(c => (JsonNode)new JsonObject
    {
        ["policies"] = c.Policies,
        ["entities"] = JsonNode.Parse(c.EntitiesJson),
        ["requests"] = new JsonArray(c.Requests.Select(r => (JsonNode)new JsonObject
        {
            ["principal"] = new JsonObject { ["type"] = r.Principal.Type, ["id"] = r.Principal.Id },
            ["action"] = new JsonObject { ["type"] = r.Action.Type, ["id"] = r.Action.Id },
            ["resource"] = new JsonObject { ["type"] = r.Resource.Type, ["id"] = r.Resource.Id },
            ["context"] = JsonNode.Parse(r.ContextJson),
        }).ToArray()),
    }).ToArray());

    /// <param name="arguments">The script's arguments: an optional mode, the input file and the output file.</param>
    private static async Task RunNodeAsync(string folder, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        // --no-opt: Node 20's optimizing compiler crashes (V8 "unreachable code" in the deoptimizer) partway
        // through long runs of the WebAssembly bindings; without it the run is about as fast and never crashes.
        foreach (var argument in (string[])["--no-opt", "cedar-reference.mjs", .. arguments]) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Node.js is needed to run the reference Cedar engine and `node` could not be started ({e.Message}); install Node.js 20 or later.");
            return;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                Assert.Fail($"The reference driver failed (exit {process.ExitCode}):\n{await stderr}{await stdout}");
            }
        }
    }

    private static CaseAnswer Answer(JsonElement answer)
    {
        if (!answer.GetProperty("parsed").GetBoolean())
        {
            return CaseAnswer.Rejected(Strings(answer.GetProperty("parseErrors")));
        }
        return new CaseAnswer(true, [], answer.GetProperty("answers").EnumerateArray().Select(a =>
            a.TryGetProperty("failure", out var failure)
                ? RequestAnswer.Failed(string.Join(" | ", Strings(failure)))
                : RequestAnswer.Decided(a.GetProperty("decision").GetString()!, Strings(a.GetProperty("reasons")), Strings(a.GetProperty("errored")))).ToList());
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
