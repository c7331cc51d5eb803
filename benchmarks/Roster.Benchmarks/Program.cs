using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Roster.Benchmarks;
using Roster.Benchmarks.Account;
using Roster.Benchmarks.Reference;

// Roster's Cedar engine on a realistic account, checked against and compared with the reference engine.
//   export DIR   generate the account and the request mix, write the files the reference harness reads
//   check DIR    compare Roster's decisions with DIR/reference-decisions.json on every request
//   run DIR      check, then time Roster with BenchmarkDotNet; figures to DIR/roster-figures.json
//   plan DIR     write DIR/account-plan.json, the account and requests for seeding a server (authorize.sh)
// The account's shape comes from BENCH_* variables (see AccountShape); export and run must see the same.

if (args.Length != 2 || args[0] is not ("export" or "check" or "run" or "plan"))
{
    Console.Error.WriteLine("usage: Roster.Benchmarks export|check|run|plan DIR");
    return 2;
}
var (command, directory) = (args[0], Path.GetFullPath(args[1]));
var shape = AccountShape.FromEnvironment();

Console.WriteLine($"Generating the account (seed {shape.Seed}) …");
var workload = Workload.Create(shape);
var summary = AccountSummary.Of(workload);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"account: {summary.Users} users, {summary.Groups} groups, {summary.ProductEnvironments} product environments, "
    + $"{summary.Folders} folders, {summary.FolderGrants} folder grants + {summary.GlobalGrants} account/product-environment grants "
    + $"→ {summary.Policies} policies (built in {summary.PolicyBuildSeconds:0.0} s); {summary.Requests} requests; generated in {summary.GenerationSeconds:0.0} s"));

if (command == "export")
{
    ReferenceFiles.Export(workload, directory);
    Console.WriteLine($"wrote {ReferenceFiles.Policies}, {ReferenceFiles.Requests} and {ReferenceFiles.Summary} to {directory}");
    return 0;
}

if (command == "plan")
{
    AccountPlan.Write(workload, directory);
    Console.WriteLine($"wrote {AccountPlan.FileName} to {directory}");
    return 0;
}

var exported = ReferenceFiles.ReadSummary(directory);
if (!exported.SameAccountAs(summary))
{
    Console.Error.WriteLine($"FAIL: the account rebuilt here differs from the exported one ({ReferenceFiles.Summary}); export and run need the same BENCH_* settings.");
    return 1;
}

var parse = PolicyTextParse.Run(directory, summary.Policies);
Console.WriteLine($"parse: Roster parses and compiles the exported policy text ({parse.Policies} policies) in {parse.Seconds.ToString(CultureInfo.InvariantCulture)} s");

var check = DecisionCheck.Run(workload, ReferenceFiles.ReadDecisions(directory));
if (check.Mismatches > 0)
{
    Console.Error.WriteLine($"FAIL: Roster and the reference disagree on {check.Mismatches} of {check.Requests} requests:");
    foreach (var example in check.Examples) Console.Error.WriteLine("  " + example);
    return 1;
}
Console.WriteLine($"check: Roster's decisions, reasons and errors equal the reference's on all {check.Requests} requests ({check.Allowed} allowed, {check.Requests - check.Allowed} denied)");
if (command == "check") return 0;

AuthorizeBenchmarks.Shared = workload;
// In process: the benchmarks use the account generated above instead of building it again in a child process.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(Math.Max(3, ReadInt("BENCH_ITERATIONS", 10)))
    // No forced full collection before each iteration: the heap holds the whole account (about a gigabyte),
    // and collecting it some forty times would take most of the run; a request allocates only short-lived objects.
    .WithGcForce(false);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .WithArtifactsPath(Path.Combine(directory, "BenchmarkDotNet.Artifacts"))
    .WithOption(ConfigOptions.DisableLogFile, true);
var report = BenchmarkRunner.Run<AuthorizeBenchmarks>(config);

var figures = report.Reports.Select(r => Figure(r)).ToList();
if (figures.Count == 0 || figures.Any(f => f is null))
{
    Console.Error.WriteLine("FAIL: BenchmarkDotNet produced no result for some benchmark (see its output above).");
    return 1;
}
File.WriteAllText(Path.Combine(directory, "roster-figures.json"), JsonSerializer.Serialize(new
{
    summary,
    parseSeconds = parse.Seconds,
    checkedRequests = check.Requests,
    allowedRequests = check.Allowed,
    benchmarks = figures,
}, AccountSummary.JsonOptions));
foreach (var f in figures)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Roster {f!.Name}: {f.DecisionsPerSecond:0} decisions/s (median {f.MedianNanoseconds / 1000:0.00} µs per request, {f.AllocatedBytesPerRequest} B allocated)"));
return 0;

static BenchmarkFigure? Figure(BenchmarkReport report)
{
    if (report.ResultStatistics is not { } stats) return null;
    return new BenchmarkFigure(
        report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
        report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
        Math.Round(stats.Mean, 1),
        Math.Round(stats.Median, 1),
        Math.Round(stats.StandardDeviation, 1),
        Math.Round(1e9 / stats.Median),
        report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1);
}

static int ReadInt(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

/// <summary>One benchmark's result, per request; the rate is from the median.</summary>
internal sealed record BenchmarkFigure(
    string Name,
    string Description,
    double MeanNanoseconds,
    double MedianNanoseconds,
    double StandardDeviationNanoseconds,
    double DecisionsPerSecond,
    long AllocatedBytesPerRequest);
