using System.Diagnostics;
using System.Text.Json;
using Roster.Authorization.Cedar;

namespace Roster.Benchmarks.Reference;

/// <summary>
/// Roster's counterpart of the reference's one-time <c>preparsePolicySet</c>: the exported policy text parsed
/// and compiled into a <see cref="PolicySet"/> (once, with a stopwatch; it is not a per-request cost).
/// </summary>
public static class PolicyTextParse
{
    public sealed record Result(int Policies, double Seconds);

    public static Result Run(string directory, int expectedPolicies)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, ReferenceFiles.Policies)));
        var texts = document.RootElement.EnumerateObject().Select(p => (Id: p.Name, Text: p.Value.GetString()!)).ToList();
        var stopwatch = Stopwatch.StartNew();
        var set = new PolicySet(texts.Select(t => PolicyParser.ParsePolicies(t.Text).Single() with { Id = t.Id }));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (set.Policies.Count != expectedPolicies)
            throw new InvalidDataException($"{ReferenceFiles.Policies} holds {set.Policies.Count} policies, the account {expectedPolicies}.");
        return new Result(set.Policies.Count, Math.Round(seconds, 2));
    }
}
