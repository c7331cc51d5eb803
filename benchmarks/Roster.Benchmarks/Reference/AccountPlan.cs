using System.Text.Json;
using System.Text.Json.Serialization;
using Roster.Authorization.Catalogue;

namespace Roster.Benchmarks.Reference;

/// <summary>
/// The generated account as a plan for seeding a real server through its APIs (<c>benchmarks/authorize.sh</c>):
/// users with their groups, groups, product environments and grants under the generator's ids (the seeding maps
/// them to the ids the server assigns; folder ids are used as they are), the request mix, and Roster's decision
/// for each request, which the seeded server must give too.
/// </summary>
public static class AccountPlan
{
    public const string FileName = "account-plan.json";

    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(Workload workload, string directory)
    {
        Directory.CreateDirectory(directory);
        var account = workload.Account;
        var plan = new Plan(
            [.. account.Users.Select(u => new PlanUser(u.Id, u.GroupIds))],
            account.GroupIds,
            account.ProductEnvironmentIds,
            [.. account.GlobalGrants.Concat(account.FolderGrants).Select(g => new PlanGrant(
                g.PrincipalType == PrincipalType.Group ? "group" : "user", g.PrincipalId, g.RoleId, g.ProductEnvironmentId, g.FolderId))],
            [.. workload.Requests.Select(r => new PlanRequest(
                r.Principal.Id, r.Action, r.Resource.Id, r.Resource.ProductEnvironmentId, r.Resource.FolderPath, r.Resource.AccessMode))],
            [.. workload.Requests.Select(r => account.Policies.Authorize(r.Principal, r.Action, r.Resource).IsAllowed ? "allow" : "deny")]);
        using var stream = File.Create(Path.Combine(directory, FileName));
        JsonSerializer.Serialize(stream, plan, _options);
    }

    private sealed record Plan(
        IReadOnlyList<PlanUser> Users,
        IReadOnlyList<string> Groups,
        IReadOnlyList<string> ProductEnvironments,
        IReadOnlyList<PlanGrant> Grants,
        IReadOnlyList<PlanRequest> Requests,
        IReadOnlyList<string> Expected);

    private sealed record PlanUser(string Id, IReadOnlyList<string> Groups);

    private sealed record PlanGrant(string PrincipalType, string PrincipalId, string RoleId, string? ScopeId, string? FolderId);

    private sealed record PlanRequest(string User, string Action, string AssetId, string ProductEnvironmentId, IReadOnlyList<string> AncestorIds, string? AccessMode);
}
