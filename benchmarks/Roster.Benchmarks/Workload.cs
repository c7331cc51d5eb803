using System.Diagnostics;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Benchmarks.Account;
using Roster.Benchmarks.Reference;

namespace Roster.Benchmarks;

/// <summary>
/// The account and the request mix, with each request also prepared the ways the benchmarks take it:
/// its Cedar request and entity store built ahead, and its entities as Cedar JSON (what the reference reads).
/// </summary>
public sealed class Workload
{
    private Workload(AccountShape shape, SyntheticAccount account, IReadOnlyList<BenchRequest> requests, TimeSpan generationTime)
    {
        Shape = shape;
        Account = account;
        Requests = requests;
        GenerationTime = generationTime;
        var prepared = requests.Select(r => RequestEntities.Build(account.AccountId, r.Principal, r.Action, r.Resource)).ToList();
        CedarRequests = [.. prepared.Select(p => p.Request)];
        EntityStores = [.. prepared.Select(p => p.Entities)];
        EntitiesJson = [.. requests.Select((r, i) => CedarEntitiesJson.Write(RequestEntityUids.Of(account.AccountId, r), EntityStores[i]))];
    }

    public AccountShape Shape { get; }
    public SyntheticAccount Account { get; }
    public IReadOnlyList<BenchRequest> Requests { get; }
    public TimeSpan GenerationTime { get; }

    /// <summary>Per request: the Cedar request, as <see cref="RequestEntities.Build"/> makes it.</summary>
    public AuthorizationRequest[] CedarRequests { get; }

    /// <summary>Per request: the entity store, built ahead.</summary>
    public EntityStore[] EntityStores { get; }

    /// <summary>Per request: the entities in Cedar's JSON entity format.</summary>
    public string[] EntitiesJson { get; }

    public PolicySet PolicySet => Account.Policies.PolicySet;

    public static Workload Create(AccountShape shape)
    {
        var stopwatch = Stopwatch.StartNew();
        var account = AccountGenerator.Generate(shape);
        var requests = RequestMix.Generate(account, shape);
        return new Workload(shape, account, requests, stopwatch.Elapsed);
    }
}
