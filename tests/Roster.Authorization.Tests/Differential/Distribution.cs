namespace Roster.Authorization.Tests.Differential;

/// <summary>How the reference decided a run's requests: the test is only meaningful when every bucket is well filled.</summary>
public sealed class Distribution
{
    /// <summary>The least share of requests that allow, that deny, and that have errors.</summary>
    public const double MinimumShare = 0.10;

    private readonly Dictionary<Outcome, int> _counts = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0);

    public int Cases { get; private init; }
    public int RejectedPolicySets { get; private init; }
    public int Requests => _counts.Values.Sum();

    public static Distribution Of(IReadOnlyList<CedarCase> cases, IReadOnlyList<CaseAnswer> answers)
    {
        var distribution = new Distribution { Cases = cases.Count, RejectedPolicySets = answers.Count(a => !a.Parsed) };
        foreach (var answer in answers.SelectMany(a => a.Answers)) distribution._counts[answer.Outcome]++;
        return distribution;
    }

    public int this[Outcome outcome] => _counts[outcome];

    public double Share(Outcome outcome) => Requests == 0 ? 0 : (double)_counts[outcome] / Requests;

    /// <summary>Fails unless allow, deny and with-errors each have their minimum share and no request was refused.</summary>
    public void AssertMeaningful()
    {
        foreach (var outcome in (Outcome[])[Outcome.Allow, Outcome.Deny, Outcome.WithErrors])
        {
            Assert.True(Share(outcome) >= MinimumShare, $"Only {Share(outcome):P1} of requests are {outcome}; the generator must be rebalanced ({this}).");
        }
        Assert.True(this[Outcome.Refused] == 0, $"The reference refused {this[Outcome.Refused]} requests: the generator made entities or contexts it cannot read.");
    }

    public override string ToString() =>
        $"{Requests} requests in {Cases} cases ({RejectedPolicySets} policy sets rejected): " +
        $"allow {Share(Outcome.Allow):P1}, deny {Share(Outcome.Deny):P1}, with errors {Share(Outcome.WithErrors):P1}, refused {this[Outcome.Refused]}";
}
