using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;
using Roster.Authorization.Tests.Differential;
using Xunit.Abstractions;

using Roster.Tests.Infrastructure;

namespace Roster.Tests.Cli;

/// <summary>
/// <c>roster cedar authorize</c>, <c>test</c> and <c>evaluate</c>, run as the process on generated cases (the engine's
/// differential generator), answer as the reference Cedar engine (npm <c>@cedar-policy/cedar-wasm</c>) does. Most
/// requests go through one <c>test</c> run; some through <c>authorize</c> one by one. Set <c>ROSTER_DIFF_SEED</c>
/// to replay a run.
/// </summary>
[Trait("Database", "none")]
public sealed class CedarReferenceCliTests(ITestOutputHelper output) : IDisposable
{
    private const int RequestCount = 400;
    private const int AuthorizeRuns = 12;
    private const int EvaluateRuns = 24;

    private readonly CedarProcess _cedar = new();

    public void Dispose() => _cedar.Dispose();

    private int Seed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ROSTER_DIFF_SEED"), out var s) ? s : Environment.TickCount & 0xFFFFF;
        output.WriteLine($"seed {seed} (replay with ROSTER_DIFF_SEED={seed})");
        return seed;
    }

    [Fact]
    public async Task TestAndAuthorize_GeneratedCases_DecideAsReference()
    {
        var cases = new CedarCaseGenerator(Seed()).Generate(RequestCount);
        var reference = await ReferenceEngine.DecideAsync(cases);

        // Every request the reference decided, as suites expecting its answers; one process runs them all.
        var suites = new JsonArray();
        var decided = new List<(CedarCase Case, int Request, RequestAnswer Answer)>();
        var refused = new List<(CedarCase Case, int Request)>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (!reference[i].Parsed) continue;
            var requests = new JsonArray();
            for (var r = 0; r < cases[i].Requests.Count; r++)
            {
                var answer = reference[i].Answers[r];
                if (answer.Failure is not null)
                {
                    refused.Add((cases[i], r));
                    continue;
                }
                var request = RequestJson(cases[i].Requests[r]);
                request["name"] = $"request {r}";
                request["decision"] = answer.Decision;
                request["reasons"] = new JsonArray([.. answer.Reasons.Select(x => (JsonNode)x)]);
                request["errors"] = new JsonArray([.. answer.Errored.Select(x => (JsonNode)x)]);
                requests.Add(request);
                decided.Add((cases[i], r, answer));
            }
            if (requests.Count == 0) continue;
            suites.Add(new JsonObject
            {
                ["name"] = $"case {cases[i].Number}",
                ["policies"] = cases[i].Policies,
                ["entities"] = JsonNode.Parse(cases[i].EntitiesJson),
                ["requests"] = requests,
            });
        }
        Assert.True(decided.Count > RequestCount * 3 / 4, $"only {decided.Count} of the generated requests were decided by the reference");
        _cedar.Write("suites.json", suites.ToJsonString());

        var run = await _cedar.RunAsync("test", "suites.json", "--json");

        var failures = run.StdoutLines.Where(line => !line.Contains("\"passed\":true", StringComparison.Ordinal)).Take(5).ToList();
        Assert.True(run.ExitCode == 0 && failures.Count == 0, $"{run.Stderr}\n{string.Join("\n", failures)}");
        Assert.Equal(decided.Count, run.StdoutLines.Length);
        Assert.Equal($"{decided.Count} passed, 0 failed", run.Stderr.TrimEnd());

        // A few requests one by one through authorize: the same answers, with the exit status of the decision.
        foreach (var (testCase, r, answer) in decided.Where((_, i) => i % (decided.Count / AuthorizeRuns) == 0).Take(AuthorizeRuns))
        {
            var single = await AuthorizeAsync(testCase, r);
            var disagreement = CaseComparison.Describe(testCase, r, single.ToString(), answer.ToString());
            Assert.True(single.ExitCode == (answer.Decision == "allow" ? 0 : 2), disagreement);
            using var json = JsonDocument.Parse(single.Stdout);
            var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("policy").GetString()!);
            var roster = RequestAnswer.Decided(json.RootElement.GetProperty("decision").GetString()!,
                json.RootElement.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()!), errors);
            Assert.True(roster.Key == answer.Key, disagreement);
        }

        // Requests the reference refuses (entities or context it cannot read) are unusable input for authorize.
        foreach (var (testCase, r) in refused.Take(4))
        {
            var single = await AuthorizeAsync(testCase, r);
            Assert.True(single.ExitCode == 1 && single.Stdout.Length == 0 && !single.Stderr.Contains("   at ", StringComparison.Ordinal),
                CaseComparison.Describe(testCase, r, single.ToString(), "refused the request"));
        }
        output.WriteLine($"{decided.Count} requests through test, {AuthorizeRuns} through authorize, {Math.Min(4, refused.Count)} refused");
    }

    [Fact]
    public async Task Evaluate_GeneratedSubexpressions_SameValueOrErrorAsReference()
    {
        var seed = Seed();
        var random = new Random(seed);
        var generator = new CedarCaseGenerator(seed);
        var picks = new List<(CedarCase Case, int Request, string Expression)>();
        while (picks.Count < EvaluateRuns)
        {
            var testCase = generator.Next();
            IReadOnlyList<Policy> policies;
            try
            {
                policies = PolicyParser.ParsePolicies(testCase.Policies);
            }
            catch (CedarParseException)
            {
                continue;
            }
            var expressions = policies.SelectMany(p => p.Conditions).SelectMany(c => c.Body.SelfAndDescendants()).ToList();
            if (expressions.Count == 0) continue;
            picks.Add((testCase, random.Next(testCase.Requests.Count), PolicyPrinter.Print(expressions[random.Next(expressions.Count)])));
        }

        // Roster's answers through the process.
        var answers = new List<ProcessRun>();
        foreach (var (testCase, r, expression) in picks)
        {
            WriteInputs(testCase, r);
            answers.Add(await _cedar.RunAsync("evaluate", "--entities", "entities.json", "--request-json", "request.json", expression));
        }

        // The reference has no evaluate: policy0 compares the expression with Roster's printed value, policy1 only evaluates it.
        var probes = picks.Select((pick, i) =>
        {
            var value = answers[i].ExitCode == 0 ? answers[i].Stdout.TrimEnd() : "false";
            var policies = $"""
                permit (principal, action, resource) when {"{"} ({pick.Expression}) == ({value}) {"}"};
                permit (principal, action, resource) when {"{"} ({pick.Expression}) == ({pick.Expression}) {"}"};
                """;
            return new CedarCase(i, policies, pick.Case.EntitiesJson, [pick.Case.Requests[pick.Request]], MayNotParse: false);
        }).ToList();
        var reference = await ReferenceEngine.DecideAsync(probes);

        var compared = 0;
        for (var i = 0; i < picks.Count; i++)
        {
            var answer = reference[i].Answers.Count > 0 ? reference[i].Answers[0] : null;
            var described = $"{picks[i].Expression}\nRoster: {answers[i]}\nreference: {(reference[i].Parsed ? answer : string.Join(" | ", reference[i].ParseErrors))}";
            Assert.True(reference[i].Parsed, described);
            if (answer!.Failure is not null)
            {
                Assert.True(answers[i].ExitCode == 1, described);
                continue;
            }
            compared++;
            var referenceErrs = answer.Errored.Contains("policy1");
            Assert.True(answers[i].ExitCode == (referenceErrs ? 2 : 0), described);
            if (!referenceErrs) Assert.True(answer.Reasons.Contains("policy0"), described);
        }
        Assert.True(compared > EvaluateRuns / 2, $"only {compared} expressions compared");
    }

    private Task<ProcessRun> AuthorizeAsync(CedarCase testCase, int request)
    {
        WriteInputs(testCase, request);
        _cedar.Write("policies.cedar", testCase.Policies);
        return _cedar.RunAsync("authorize", "--policies", "policies.cedar", "--entities", "entities.json", "--request-json", "request.json", "--json");
    }

    private void WriteInputs(CedarCase testCase, int request)
    {
        _cedar.Write("entities.json", testCase.EntitiesJson);
        _cedar.Write("request.json", RequestJson(testCase.Requests[request]).ToJsonString());
    }

    /// <summary>A request as the Cedar command line writes it: <c>Type::"id"</c> strings and a context.</summary>
    private static JsonObject RequestJson(CedarCaseRequest request) => new()
    {
        ["principal"] = request.Principal.ToString(),
        ["action"] = request.Action.ToString(),
        ["resource"] = request.Resource.ToString(),
        ["context"] = JsonNode.Parse(request.ContextJson),
    };
}
