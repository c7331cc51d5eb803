using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Authorization.Tests.Differential;

/// <summary>What an engine answered for one case: whether its policies parsed, and one answer per request.</summary>
/// <param name="Crash">Set when the engine threw something other than a Cedar error: never an agreement.</param>
public sealed record CaseAnswer(bool Parsed, IReadOnlyList<string> ParseErrors, IReadOnlyList<RequestAnswer> Answers, string? Crash = null)
{
    public static CaseAnswer Rejected(IReadOnlyList<string> errors) => new(false, errors, []);
    public static CaseAnswer Crashed(Exception e) => new(false, [], [], $"{e.GetType().Name}: {e.Message}");
}

/// <summary>
/// One request's answer, reduced to what is compared: the decision, the determining policy ids and the ids of
/// policies that errored (sorted; messages differ between engines and are not compared). Failure is set
/// instead when the engine refused the request as a whole (entities or context it could not read).
/// </summary>
public sealed record RequestAnswer(string? Decision, IReadOnlyList<string> Reasons, IReadOnlyList<string> Errored, string? Failure = null)
{
    public static RequestAnswer Decided(string decision, IEnumerable<string> reasons, IEnumerable<string> errored) =>
        new(decision, reasons.Order(StringComparer.Ordinal).ToList(), errored.Distinct().Order(StringComparer.Ordinal).ToList());

    public static RequestAnswer Failed(string message) => new(null, [], [], message);

    /// <summary>The compared part, as text: equal keys mean the engines agree.</summary>
    public string Key => Failure is null
        ? $"{Decision} reasons=[{string.Join(", ", Reasons)}] errored=[{string.Join(", ", Errored)}]"
        : "refused the request";

    public Outcome Outcome => Failure is not null ? Outcome.Refused
        : Errored.Count > 0 ? Outcome.WithErrors
        : Decision == "allow" ? Outcome.Allow : Outcome.Deny;

    public override string ToString() => Failure is null ? Key : $"refused the request: {Failure}";
}

/// <summary>The buckets whose shares keep the differential test meaningful.</summary>
public enum Outcome { Allow, Deny, WithErrors, Refused }

/// <summary>Compares the two engines' answers and writes disagreements as whole, pasteable cases.</summary>
public static class CaseComparison
{
    /// <summary>Every disagreement between <paramref name="roster"/> and <paramref name="reference"/> on one case, as text.</summary>
    public static IEnumerable<string> Disagreements(CedarCase testCase, CaseAnswer roster, CaseAnswer reference)
    {
        if (roster.Crash is not null)
        {
            yield return Describe(testCase, null, $"crashed: {roster.Crash}", Summary(reference));
            yield break;
        }
        if (roster.Parsed != reference.Parsed)
        {
            yield return Describe(testCase, null, Summary(roster), Summary(reference));
            yield break;
        }
        for (var i = 0; i < testCase.Requests.Count && roster.Parsed; i++)
        {
            if (roster.Answers[i].Key != reference.Answers[i].Key)
            {
                yield return Describe(testCase, i, roster.Answers[i].ToString(), reference.Answers[i].ToString());
            }
        }
    }

    private static string Summary(CaseAnswer answer) => answer.Parsed
        ? "parsed the policies"
        : $"rejected the policies: {string.Join(" | ", answer.ParseErrors)}";

    /// <summary>The case (one request of it, or all when the disagreement is about parsing) and both answers.</summary>
    public static string Describe(CedarCase testCase, int? request, string roster, string reference)
    {
        var text = new StringBuilder();
        text.Append("--- case ").Append(testCase.Number).Append(request is null ? "" : $", request {request}").Append('\n');
        text.Append("policies:\n").Append(testCase.Policies);
        text.Append("entities:\n").Append(JsonNode.Parse(testCase.EntitiesJson)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false })).Append('\n');
        foreach (var (r, i) in testCase.Requests.Select((r, i) => (r, i)).Where(x => request is null || x.i == request))
        {
            text.Append($"request {i}: principal {r.Principal}, action {r.Action}, resource {r.Resource}, context {r.ContextJson}\n");
        }
        text.Append("Roster:    ").Append(roster).Append('\n');
        text.Append("reference: ").Append(reference).Append('\n');
        return text.ToString();
    }
}
