using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Roster's Cedar engine decides like the reference implementation: same decision, same determining
/// policies, same erroring policies, and the same policy sets rejected. Set <c>ROSTER_DIFF_SEED</c> to replay
/// a run; otherwise the seed comes from the clock and is printed.
/// </summary>
public class ReferenceAgreementTests(ITestOutputHelper output)
{
    private const int RequestCount = 10_000;
    private const int ShownDisagreements = 10;

    [Fact]
    public async Task IsAuthorized_RandomCases_AgreesWithReference()
    {
        var seed = Seed();
        var cases = new CedarCaseGenerator(seed).Generate(RequestCount);
        var distribution = await AssertAgreementAsync(cases, seed);
        distribution.AssertMeaningful();
    }

    [Fact]
    public async Task Parse_DoubtfulPolicies_AgreesWithReference()
    {
        // Each doubtful policy beside one that permits everything, so that when it parses its errors show.
        var seed = Seed();
        var generator = new CedarCaseGenerator(seed);
        var cases = CedarCaseGenerator.DoubtfulPolicies.Select(p => generator.Next($"{p}\npermit (principal, action, resource);\n", mayNotParse: true)).ToList();
        var distribution = await AssertAgreementAsync(cases, seed);
        Assert.InRange(distribution.RejectedPolicySets, 1, cases.Count - 1);
    }

    private async Task<Distribution> AssertAgreementAsync(IReadOnlyList<CedarCase> cases, int seed)
    {
        output.WriteLine($"seed {seed} (replay with ROSTER_DIFF_SEED={seed})");

        // The two engines run side by side, one core each.
        var roster = Task.Run(() => Timed(() => cases.Select(RosterEngine.Decide).ToList()));
        var clock = Stopwatch.StartNew();
        var reference = await ReferenceEngine.DecideAsync(cases);
        var referenceTime = clock.Elapsed;
        var (rosterAnswers, rosterTime) = await roster;

        var distribution = Distribution.Of(cases, reference);
        output.WriteLine(distribution.ToString());
        output.WriteLine($"Roster took {rosterTime.TotalSeconds:F1} s, the reference {referenceTime.TotalSeconds:F1} s");
        var disagreements = cases.SelectMany((c, i) => CaseComparison.Disagreements(c, rosterAnswers[i], reference[i])).ToList();
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} disagreements with the reference (ROSTER_DIFF_SEED={seed} replays them); the first:\n" +
            string.Join("\n", disagreements.Take(ShownDisagreements)));
        return distribution;
    }

    private static (T, TimeSpan) Timed<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        return (result, clock.Elapsed);
    }

    /// <summary>The run's seed: <c>ROSTER_DIFF_SEED</c> when set, else from the clock.</summary>
    internal static int Seed()
    {
        var configured = Environment.GetEnvironmentVariable("ROSTER_DIFF_SEED");
        if (string.IsNullOrWhiteSpace(configured)) return (int)(DateTime.UtcNow.Ticks % int.MaxValue);
        return int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new FormatException($"ROSTER_DIFF_SEED must be an integer, not '{configured}'.");
    }
}
