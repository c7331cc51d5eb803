using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Benchmarks.Reference;

/// <summary>
/// The files shared with the reference harness (<c>benchmarks/cedar-reference</c>):
/// <list type="bullet">
/// <item><c>policies.json</c>: the account's policy set, <c>{"policy id": "Cedar text", …}</c> in the set's order,
/// each policy printed by <see cref="PolicyPrinter"/>; keyed by Roster's ids so that both sides name policies alike.</item>
/// <item><c>requests.jsonl</c>: one request per line, <c>{"principal", "action", "resource", "context", "entities"}</c>,
/// the entities in Cedar's JSON entity format.</item>
/// <item><c>account.json</c>: the shape and counts, to check that both runs saw the same account.</item>
/// <item><c>reference-decisions.json</c> (written by the harness): per request <c>{"decision", "reasons", "errors"}</c>.</item>
/// </list>
/// </summary>
public static class ReferenceFiles
{
    public const string Policies = "policies.json";
    public const string Requests = "requests.jsonl";
    public const string Summary = "account.json";
    public const string Decisions = "reference-decisions.json";

    // Readable files: quotes in Cedar text as \" rather than \u0022.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AccountSummary Export(Workload workload, string directory)
    {
        Directory.CreateDirectory(directory);
        var policies = workload.PolicySet.Policies;
        using (var stream = File.Create(Path.Combine(directory, Policies)))
        using (var json = new Utf8JsonWriter(stream, _writerOptions))
        {
            json.WriteStartObject();
            foreach (var policy in policies) json.WriteString(policy.Id, PolicyPrinter.Print(policy));
            json.WriteEndObject();
        }

        using (var writer = new StreamWriter(Path.Combine(directory, Requests), false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < workload.Requests.Count; i++) writer.Write(RequestLine(workload.CedarRequests[i], workload.EntitiesJson[i]) + "\n");
        }

        var summary = AccountSummary.Of(workload);
        File.WriteAllText(Path.Combine(directory, Summary), JsonSerializer.Serialize(summary, AccountSummary.JsonOptions));
        return summary;
    }

    public static AccountSummary ReadSummary(string directory) =>
        JsonSerializer.Deserialize<AccountSummary>(File.ReadAllText(Path.Combine(directory, Summary)), AccountSummary.JsonOptions)
        ?? throw new InvalidDataException($"{Summary} is empty.");

    public static IReadOnlyList<ReferenceDecision> ReadDecisions(string directory)
    {
        var path = Path.Combine(directory, Decisions);
        if (!File.Exists(path)) throw new FileNotFoundException($"The reference's decisions are missing: run the harness first ({path}).", path);
        return JsonSerializer.Deserialize<List<ReferenceDecision>>(File.ReadAllText(path), AccountSummary.JsonOptions)
            ?? throw new InvalidDataException($"{Decisions} is empty.");
    }

    private static string RequestLine(AuthorizationRequest request, string entitiesJson)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, _writerOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("principal");
            CedarEntitiesJson.WriteUid(json, request.Principal);
            json.WritePropertyName("action");
            CedarEntitiesJson.WriteUid(json, request.Action);
            json.WritePropertyName("resource");
            CedarEntitiesJson.WriteUid(json, request.Resource);
            json.WritePropertyName("context");
            json.WriteStartObject();
            json.WriteEndObject();
            json.WritePropertyName("entities");
            json.WriteRawValue(entitiesJson, skipInputValidation: true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>One decision of the reference: <c>allow</c> or <c>deny</c>, the determining policies and those that errored.</summary>
public sealed record ReferenceDecision(string Decision, IReadOnlyList<string> Reasons, IReadOnlyList<string> Errors);

/// <summary>What was generated, written beside the files and compared when the benchmark rebuilds the account.</summary>
public sealed record AccountSummary(
    Account.AccountShape Shape,
    int Users,
    int Groups,
    int ProductEnvironments,
    int Folders,
    int FolderGrants,
    int GlobalGrants,
    int Policies,
    int Requests,
    string PolicyIdsDigest,
    double GenerationSeconds,
    double PolicyBuildSeconds)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AccountSummary Of(Workload workload) => new(
        workload.Shape,
        workload.Account.Users.Count,
        workload.Account.GroupIds.Count,
        workload.Account.ProductEnvironmentIds.Count,
        workload.Account.FolderCount,
        workload.Account.FolderGrants.Count,
        workload.Account.GlobalGrants.Count,
        workload.PolicySet.Policies.Count,
        workload.Requests.Count,
        Digest(workload.PolicySet.Policies),
        Math.Round(workload.GenerationTime.TotalSeconds, 2),
        Math.Round(workload.Account.BuildTime.TotalSeconds, 2));

    /// <summary>Whether two runs generated the same account and requests (the timings may differ).</summary>
    public bool SameAccountAs(AccountSummary other) =>
        this with { GenerationSeconds = 0, PolicyBuildSeconds = 0 } == other with { GenerationSeconds = 0, PolicyBuildSeconds = 0 };

    private static string Digest(IEnumerable<Policy> policies)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var policy in policies) hash.AppendData(Encoding.UTF8.GetBytes(policy.Id + "\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
