using Roster.Authorization.Cedar;

namespace Roster.Benchmarks.Reference;

/// <summary>
/// Compares Roster's answer to the reference's on every request of the mix: the decision, the determining
/// policies and the policies that errored. Roster answers each request the three ways the benchmarks time it.
/// </summary>
public static class DecisionCheck
{
    public sealed record Result(int Requests, int Allowed, int Mismatches, IReadOnlyList<string> Examples);

    public static Result Run(Workload workload, IReadOnlyList<ReferenceDecision> reference)
    {
        if (reference.Count != workload.Requests.Count)
            throw new InvalidDataException($"The reference decided {reference.Count} requests, the mix has {workload.Requests.Count}.");
        var examples = new List<string>();
        var mismatches = 0;
        var allowed = 0;
        for (var i = 0; i < workload.Requests.Count; i++)
        {
            var request = workload.Requests[i];
            var explained = workload.Account.Policies.Authorize(request.Principal, request.Action, request.Resource);
            var answers = new (string Way, string Decision, IEnumerable<string> Reasons, IEnumerable<string> Errors)[]
            {
                ("endpoint path", Name(explained.Decision), explained.Reasons.Select(r => r.PolicyId), explained.Errors.Select(e => e.PolicyId)),
                Answer("prebuilt entities", workload.PolicySet.IsAuthorized(workload.CedarRequests[i], workload.EntityStores[i])),
                Answer("Cedar JSON entities", workload.PolicySet.IsAuthorized(workload.CedarRequests[i], EntityStore.FromJson(workload.EntitiesJson[i]))),
            };
            var expected = reference[i];
            if (expected.Decision == "allow") allowed++;
            var wrong = answers.Where(a => a.Decision != expected.Decision
                || !Sorted(a.Reasons).SequenceEqual(Sorted(expected.Reasons))
                || !Sorted(a.Errors).SequenceEqual(Sorted(expected.Errors))).ToList();
            if (wrong.Count == 0) continue;
            mismatches++;
            if (examples.Count < 10)
                examples.Add($"request #{i} ({request.Principal.Id} {request.Action} asset in {string.Join('/', request.Resource.FolderPath)}): "
                    + $"reference {expected.Decision} [{string.Join(", ", expected.Reasons)}] errors [{string.Join(", ", expected.Errors)}]; "
                    + string.Join("; ", wrong.Select(w => $"Roster ({w.Way}) {w.Decision} [{string.Join(", ", w.Reasons)}] errors [{string.Join(", ", w.Errors)}]")));
        }
        return new Result(workload.Requests.Count, allowed, mismatches, examples);
    }

    private static (string, string, IEnumerable<string>, IEnumerable<string>) Answer(string way, AuthorizationResponse response) =>
        (way, Name(response.Decision), response.Reasons, response.Errors.Select(e => e.PolicyId));

    private static string Name(Decision decision) => decision == Decision.Allow ? "allow" : "deny";

    private static List<string> Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}
