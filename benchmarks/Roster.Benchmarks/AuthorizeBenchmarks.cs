using BenchmarkDotNet.Attributes;
using Roster.Authorization.Cedar;
using Roster.Benchmarks.Account;

namespace Roster.Benchmarks;

/// <summary>
/// Roster's decisions on the request mix, per request. Each invocation decides the next <see cref="Batch"/>
/// requests of the mix (wrapping around), so the figures are per request and cover the whole mix.
/// </summary>
[MemoryDiagnoser]
public class AuthorizeBenchmarks
{
    public const int Batch = 1000;

    private Workload _workload = null!;
    private int _next;

    /// <summary>The workload built by <see cref="Program"/> before the run (the benchmarks run in its process).</summary>
    public static Workload? Shared { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = Shared ?? Workload.Create(AccountShape.FromEnvironment());
        _next = 0;
    }

    /// <summary>What the authorize endpoint does: the request's entities from plain data, the decision and the policies behind it.</summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "entities from plain data + decide (endpoint)")]
    public int EndpointPath()
    {
        var allowed = 0;
        var policies = _workload.Account.Policies;
        foreach (var i in NextBatch())
        {
            var request = _workload.Requests[i];
            if (policies.Authorize(request.Principal, request.Action, request.Resource).IsAllowed) allowed++;
        }
        return allowed;
    }

    /// <summary>The decision alone, the entity store built ahead.</summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "decide, entity store prebuilt")]
    public int PrebuiltEntities()
    {
        var allowed = 0;
        var set = _workload.PolicySet;
        foreach (var i in NextBatch())
        {
            if (set.IsAuthorized(_workload.CedarRequests[i], _workload.EntityStores[i]).Decision == Decision.Allow) allowed++;
        }
        return allowed;
    }

    /// <summary>The reference's input: the entities parsed from Cedar JSON text, then the decision.</summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "entities from Cedar JSON + decide")]
    public int CedarJsonEntities()
    {
        var allowed = 0;
        var set = _workload.PolicySet;
        foreach (var i in NextBatch())
        {
            if (set.IsAuthorized(_workload.CedarRequests[i], EntityStore.FromJson(_workload.EntitiesJson[i])).Decision == Decision.Allow) allowed++;
        }
        return allowed;
    }

    private IEnumerable<int> NextBatch()
    {
        var count = _workload.Requests.Count;
        for (var n = 0; n < Batch; n++)
        {
            yield return _next;
            _next = (_next + 1) % count;
        }
    }
}
