using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Roster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roster.Tests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document, called thousands of times with generated hostile input: a request
/// built from the endpoint's known parameters with at least one of them corrupted (wrong JSON types, lone
/// surrogates, control characters, huge strings, deep nesting, edge numbers, unknown enum values, bad bodies,
/// bad percent-encoding, other accounts' ids, bad credentials). No answer may be a 5xx; every error answer is in
/// its API's error shape; a 4xx leaves the database as it was; and input no endpoint may take must get a 4xx.
/// ROSTER_FUZZ_REQUESTS sets how many requests (default 20,000); ROSTER_FUZZ_SEED replays a run (or, given a case's
/// seed from a failure, that case first).
/// </summary>
public sealed class EndpointFuzzTests(FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    private const int DefaultRequests = 20_000;
    private const int ShownFailures = 40;

    private sealed class FailureGroup(string key)
    {
        public string Key { get; } = key;

        public int Count { get; set; }

        public string Example { get; set; } = "";
    }

    [Fact]
    public async Task EveryEndpoint_GeneratedHostileInput_AnswersFourHundredsAndChangesNothing()
    {
        var requests = RequestCount();
        var pcg = Seed();
        var seed = pcg.ToString();
        var clock = Stopwatch.StartNew();

        var operations = Operation.AllIn((await fixture.Anonymous().GetJsonAsync("/openapi/v1.json")).Ok());
        Assert.True(operations.Count > 0, "The OpenAPI document lists no operation.");
        var stale = FuzzEndpoints.Known.Keys.Except(operations.Select(o => o.Key)).ToList();
        Assert.True(stale.Count == 0, "The fuzzer's table names endpoints the OpenAPI document does not have: " + string.Join(", ", stale));
        var untabled = operations.Where(o => o.Spec is null).Select(o => o.Key).ToList();

        var generator = new FuzzCaseGenerator(operations, pcg);
        await using var fingerprint = await fixture.OpenFingerprintAsync();
        var before = await fingerprint.ReadAsync();
        var groups = new Dictionary<string, FailureGroup>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<int, int>();
        var perOperation = operations.ToDictionary(o => o.Key, _ => 0);
        var answered = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        int serverErrors = 0, mustRefuse = 0, accepted = 0, repairs = 0;
        var phases = new Stopwatch[4];
        for (var p = 0; p < phases.Length; p++) phases[p] = new Stopwatch();

        for (var i = 0; i < requests; i++)
        {
            phases[0].Start();
            var c = generator.Next();
            perOperation[c.Op.Key]++;
            var request = FuzzRequest.Build(c, fixture.Pool);
            var spec = c.Op.Spec;
            var fields = spec?.Fields ?? c.Op.GuessedFields();
            var context = new JudgeContext
            {
                Strict = spec?.Reader == Reader.Json,
                IsRealId = fixture.Pool.IsRealId,
                IsToken = fixture.Pool.IsToken,
                FolderId = c.Path.TryGetValue("folder_id", out var folder) ? RouteValue(folder) : null,
            };
            if (spec is not null && FuzzJudge.Fields(spec.Fields, (FObj)FuzzRequest.Resolve(c.Base, fixture.Pool), context) is { MustRefuse: true } selfCheck)
            {
                Assert.Fail($"The fuzzer's own valid parameters for {c.Op.Key} break its rules ({selfCheck.Why}): {c.Base}");
            }
            var view = await ServerView.OfAsync(request, spec?.Reader ?? Reader.Values, fields);
            // Note: role ids are the caller's to choose, so an earlier accepted request may have made "null" or "0" a role.
            var madeRole = c.Path.TryGetValue("role_id", out var role) && role is not RealId
                && await fixture.RoleExistsAsync(RouteValue(role));
            var verdict = Judge(c, view, spec, context, madeRole);
            if (verdict.MustRefuse) mustRefuse++;

            phases[0].Stop();
            phases[1].Start();
            fixture.Errors.Drain();
            var (status, contentType, body, escaped) = await SendAsync(request);
            var logged = fixture.Errors.Drain();
            if (escaped is not null) logged.Insert(0, CapturedErrors.Describe(escaped));
            phases[1].Stop();
            phases[2].Start();
            var after = await fingerprint.ReadAsync();
            phases[2].Stop();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (c.Method == c.Op.Method)
            {
                (answered.TryGetValue(c.Op.Key, out var seen) ? seen : answered[c.Op.Key] = []).Add(status);
            }

            void Fail(string kind, string detail)
            {
                var cause = logged.FirstOrDefault() is { } e ? Shorten(e) : "";
                var key = $"{c.Op.Key} | {kind} | {c.InputClass} | {status}{(cause.Length > 0 ? " | " + cause : "")}";
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new FailureGroup(key)
                    {
                        Example = $"{kind}: {detail}\n  case seed {c.Seed} (ROSTER_FUZZ_SEED={c.Seed} ROSTER_FUZZ_REQUESTS=1 replays it)\n"
                            + $"  corrupted: {c.Describe()}\n  verdict: {verdict}\n  {request}\n"
                            + $"  answer {status} {contentType}: {FStr.Escape(body, 400)}"
                            + (logged.Count > 0 ? "\n  server logged: " + string.Join("\n    ", logged.Take(3)) : ""),
                    };
                    groups[key] = group;
                }
                group.Count++;
            }

            if (escaped is not null || status >= 500)
            {
                serverErrors++;
                Fail("server error", escaped is null ? $"status {status}" : "the exception escaped the pipeline");
            }
            else if (status is < 200 or >= 300 && ShapeProblem(contentType, body, c.Op.SpeaksV2) is { } shape)
            {
                Fail("wrong error shape", shape);
            }
            if (c.Method == c.Op.Method && !c.Op.Responses.Contains(status))
            {
                Fail("status the document does not list", $"{status}; the document lists {string.Join(", ", c.Op.Responses.Order())}");
            }
            if (status is >= 400 and < 500 && !after.SequenceEqual(before))
            {
                Fail("4xx but the database changed", FuzzFixture.Difference(before, after));
            }
            if (status is >= 200 and < 300)
            {
                accepted++;
                if (verdict.MustRefuse)
                {
                    Fail("accepted input it must refuse", verdict.Why);
                }
            }
            if (((status is >= 200 and < 300 && c.Method != "GET") || status >= 500 || escaped is not null) && !after.SequenceEqual(before))
            {
                phases[3].Start();
                await fixture.RepairAsync();
                repairs++;
                after = await fingerprint.ReadAsync();
                phases[3].Stop();
            }
            before = after;
        }

        var failures = groups.Values.Sum(g => g.Count);
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture,
            $"fuzz: {requests} requests, seed {seed}, {serverErrors} server errors, {failures} failures ({groups.Count} distinct), {clock.Elapsed.TotalSeconds:F1} s on {(RosterFixture.OnPostgres ? "PostgreSQL" : "SQLite")}");
        summary.AppendLine(CultureInfo.InvariantCulture,
            $"fuzz: {operations.Count} operations from the OpenAPI document ({untabled.Count} without a field table{(untabled.Count > 0 ? ": " + string.Join(", ", untabled) : "")}); "
            + $"{mustRefuse} requests had to be refused, {accepted} were accepted, {repairs} repairs, {fingerprint.FullReads} full fingerprints");
        summary.AppendLine(CultureInfo.InvariantCulture,
            $"fuzz: time: generating and judging {phases[0].Elapsed.TotalSeconds:F1} s, requests {phases[1].Elapsed.TotalSeconds:F1} s, fingerprints {phases[2].Elapsed.TotalSeconds:F1} s, repairs {phases[3].Elapsed.TotalSeconds:F1} s");
        summary.AppendLine("fuzz: statuses " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        summary.AppendLine("fuzz: least fuzzed " + string.Join(", ", perOperation.OrderBy(p => p.Value).Take(3).Select(p => $"{p.Key}×{p.Value}")));
        var report = new StringBuilder(summary.ToString());
        report.AppendLine("\nstatuses each operation answered, beside those its document lists:");
        foreach (var op in operations.OrderBy(o => o.Template, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  {op.Key}: {string.Join(" ", answered.GetValueOrDefault(op.Key) ?? [])} (listed: {string.Join(" ", op.Responses.Order())})");
        }
        foreach (var group in groups.Values.OrderByDescending(g => g.Key.Contains("| server error |", StringComparison.Ordinal)).ThenByDescending(g => g.Count))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"\n[{group.Count}×] {group.Key}\n{group.Example}");
        }
        Write(summary.ToString().TrimEnd(), report.ToString());

        Assert.True(groups.Count == 0, FuzzValue.Replaced(
            $"{failures} failures in {requests} requests ({groups.Count} distinct; ROSTER_FUZZ_SEED={seed} replays the run):\n"
            + string.Join("\n", groups.Values.OrderByDescending(g => g.Key.Contains("| server error |", StringComparison.Ordinal)).ThenByDescending(g => g.Count)
                .Take(ShownFailures).Select(g => $"\n[{g.Count}×] {g.Key}\n{g.Example}"))));
    }

    /// <summary>
    /// Whether the endpoint must refuse the request: a method it does not have, wrong credentials, a path naming
    /// nothing of account A, an unreadable body, or a parameter whose value its rules refuse.
    /// </summary>
    private Verdict Judge(FuzzCase c, ServerView view, EndpointSpec? spec, JudgeContext context, bool madeRole)
    {
        if (c.MethodChanged)
        {
            return Verdict.Refuse($"{c.Method} is not a method of {c.Op.Template}");
        }
        if (c.Op.Credentials != Credentials.Anonymous && c.Auth != AuthChoice.Right)
        {
            // Account B's key on account B's path is B's own request: nothing to judge.
            var ownPath = c.Path.GetValueOrDefault(c.Op.Credentials == Credentials.AccountKey ? "account_id" : "cloud_name") is OtherAccountId;
            return c.Auth == AuthChoice.OtherAccount && ownPath ? Verdict.Any : Verdict.Refuse($"credentials {c.Auth}");
        }
        foreach (var (name, value) in c.Path)
        {
            if (name == "folder_id")
            {
                if (Rules.FolderId(RouteValue(value), context) is { MustRefuse: true } folder)
                {
                    return folder.Named("path folder_id");
                }
            }
            else if (value is not RealId && (spec is not null || name is "account_id" or "cloud_name") && !(name == "role_id" && madeRole))
            {
                return Verdict.Refuse($"path {name} names nothing of the account");
            }
        }
        if (spec is null || spec.Reader == Reader.None || c.DuplicateKeys)
        {
            return Verdict.Any;
        }
        return view.Unreadable is { } unreadable ? Verdict.Refuse(unreadable) : FuzzJudge.Fields(spec.Fields, view.Values, context);
    }

    private string RouteValue(PathValue value) => value switch
    {
        RealId r => fixture.Pool[r.Pool],
        OtherAccountId o => fixture.Pool[o.Pool],
        UnknownId u => u.Id,
        GarbageSegment g => FuzzRequest.RouteValue(g.Raw),
        _ => "",
    };

    private async Task<(int Status, string? ContentType, string Body, Exception? Escaped)> SendAsync(FuzzRequest r)
    {
        try
        {
            var context = await fixture.Server.SendAsync(c =>
            {
                var request = c.Request;
                request.Method = r.Method;
                request.Scheme = "http";
                request.Host = new HostString("localhost");
                request.Path = FuzzRequest.ServerPath(r.RawPath);
                request.QueryString = r.RawQuery.Length == 0 ? QueryString.Empty : new QueryString("?" + r.RawQuery);
                if (r.Authorization is not null)
                {
                    request.Headers.Authorization = r.Authorization;
                }
                if (r.ContentType is not null)
                {
                    request.ContentType = r.ContentType;
                }
                if (r.Body is not null)
                {
                    request.Body = new MemoryStream(r.Body);
                    request.ContentLength = r.Body.Length;
                }
            });
            using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
            return (context.Response.StatusCode, context.Response.ContentType, await reader.ReadToEndAsync(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (0, null, "", e);
        }
    }

    /// <summary>What is wrong with an error answer's shape: JSON <c>{"error":{"message"}}</c>, under /v2 with category and code too.</summary>
    private static string? ShapeProblem(string? contentType, string body, bool v2)
    {
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"Content-Type {contentType ?? "(none)"}, not application/json";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return "no {\"error\":{…}} object";
            }
            string[] required = v2 ? ["category", "code", "message"] : ["message"];
            foreach (var name in required)
            {
                if (!error.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    return $"error.{name} is not a non-empty string";
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            return "the body is not JSON: " + e.Message;
        }
    }

    /// <summary>An exception description without what varies from request to request (values, keys, source paths), to group by.</summary>
    private static string Shorten(string cause)
    {
        cause = Regex.Replace(cause, @" in /[^)]*", "");
        cause = Regex.Replace(cause, @"'0x[0-9A-Fa-f]+'|Key: \S+|'[^']{20,}'", "…");
        return cause.Length > 200 ? cause[..200] : cause;
    }

    private void Write(string summary, string report)
    {
        // Note: a server message can quote a lone surrogate, which no encoder writes.
        (summary, report) = (FuzzValue.Replaced(summary), FuzzValue.Replaced(report));
        output.WriteLine(report);
        Console.WriteLine(summary);
        try
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), report);
        }
        catch (IOException)
        {
            // Note: the report file is a convenience; the test output carries the same text.
        }
    }

    private static int RequestCount()
    {
        var configured = Environment.GetEnvironmentVariable("ROSTER_FUZZ_REQUESTS");
        if (string.IsNullOrWhiteSpace(configured)) return DefaultRequests;
        return int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"ROSTER_FUZZ_REQUESTS must be a positive integer, not '{configured}'.");
    }

    /// <summary>ROSTER_FUZZ_SEED: a CsCheck PCG seed as printed (a run's, or one case's), or an integer; else random.</summary>
    private static PCG Seed()
    {
        var configured = Environment.GetEnvironmentVariable("ROSTER_FUZZ_SEED");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64());
        }
        try
        {
            return PCG.Parse(configured.Trim());
        }
        catch (CsCheckException e)
        {
            return ulong.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? new PCG(1u, number)
                : throw new FormatException($"ROSTER_FUZZ_SEED must be a seed as the test prints it, not '{configured}'.", e);
        }
    }
}
