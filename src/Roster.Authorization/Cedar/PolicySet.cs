using System.Collections.Frozen;
using Roster.Authorization.Cedar.Evaluation;

namespace Roster.Authorization.Cedar;

/// <summary>
/// Compiled policies that decide requests. Policies are indexed by their principal scope, so a
/// request looks only at the policies for its principal, the principal's ancestors, its type and
/// those with an open principal. Immutable and thread-safe.
/// </summary>
public sealed class PolicySet
{
    private static readonly CompiledPolicy[] _none = [];
    private readonly IReadOnlyList<Policy> _policies;
    private readonly CompiledPolicy[] _anyPrincipal;
    private readonly FrozenDictionary<EntityUid, CompiledPolicy[]> _principalEquals;
    private readonly FrozenDictionary<EntityUid, CompiledPolicy[]> _principalIn;
    private readonly FrozenDictionary<string, CompiledPolicy[]> _principalType;

    /// <summary>Compiles the policies once; policy ids must be unique (<see cref="ArgumentException"/> otherwise).</summary>
    public PolicySet(IEnumerable<Policy> policies)
    {
        var list = policies.ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var any = new List<CompiledPolicy>();
        var equals = new Dictionary<EntityUid, List<CompiledPolicy>>();
        var @in = new Dictionary<EntityUid, List<CompiledPolicy>>();
        var types = new Dictionary<string, List<CompiledPolicy>>(StringComparer.Ordinal);
        foreach (var policy in list)
        {
            if (!ids.Add(policy.Id)) throw new ArgumentException($"duplicate policy id `{policy.Id}`", nameof(policies));
            var compiled = new CompiledPolicy(policy);
            var (kind, entity, type) = compiled.PrincipalKey;
            switch (kind)
            {
                case PrincipalIndex.Equal: Add(equals, entity, compiled); break;
                case PrincipalIndex.In: Add(@in, entity, compiled); break;
                case PrincipalIndex.Type: Add(types, type!, compiled); break;
                case PrincipalIndex.Any: any.Add(compiled); break;
            }
        }
        _policies = list.AsReadOnly();
        _anyPrincipal = [.. any];
        _principalEquals = equals.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _principalIn = @in.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _principalType = types.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    public static PolicySet Parse(string text) => new(PolicyParser.ParsePolicies(text));

    public IReadOnlyList<Policy> Policies => _policies;

    /// <summary>
    /// Cedar's decision: any satisfied forbid denies (reasons: those forbids); otherwise any satisfied
    /// permit allows (reasons: those permits); otherwise deny with no reasons. A policy whose evaluation
    /// fails is skipped and reported in Errors. Reasons and errors are sorted by policy id (ordinal).
    /// </summary>
    public AuthorizationResponse IsAuthorized(AuthorizationRequest request, EntityStore entities)
    {
        var env = new EvalEnv(request, entities);
        var outcome = new Outcome();
        outcome.Check(_anyPrincipal, env);
        outcome.Check(_principalEquals.GetValueOrDefault(request.Principal, _none), env);
        outcome.Check(_principalType.GetValueOrDefault(request.Principal.Type, _none), env);
        if (_principalIn.Count > 0)
        {
            outcome.Check(_principalIn.GetValueOrDefault(request.Principal, _none), env);
            if (env.PrincipalEntry is { } principal)
                foreach (var ancestor in principal.Ancestors)
                    outcome.Check(_principalIn.GetValueOrDefault(ancestor, _none), env);
        }
        return outcome.ToResponse();
    }

    private static void Add<TKey>(Dictionary<TKey, List<CompiledPolicy>> index, TKey key, CompiledPolicy policy) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var bucket)) index[key] = bucket = [];
        bucket.Add(policy);
    }

    /// <summary>The satisfied policies and errors of one request.</summary>
    private sealed class Outcome
    {
        private List<string>? _permits;
        private List<string>? _forbids;
        private List<AuthorizationError>? _errors;

        public void Check(CompiledPolicy[] policies, EvalEnv env)
        {
            foreach (var policy in policies)
            {
                if (!policy.MatchesScope(env)) continue;
                bool satisfied;
                try
                {
                    satisfied = policy.ConditionsHold(env);
                }
                catch (CedarEvaluationException e)
                {
                    (_errors ??= []).Add(new AuthorizationError(policy.Id, e.Message));
                    continue;
                }
                if (!satisfied) continue;
                if (policy.IsForbid) (_forbids ??= []).Add(policy.Id);
                else (_permits ??= []).Add(policy.Id);
            }
        }

        public AuthorizationResponse ToResponse()
        {
            IReadOnlyList<AuthorizationError> errors = [];
            if (_errors is not null)
            {
                _errors.Sort((a, b) => string.CompareOrdinal(a.PolicyId, b.PolicyId));
                errors = _errors;
            }
            if (_forbids is not null) return new AuthorizationResponse(Decision.Deny, Sorted(_forbids), errors);
            if (_permits is not null) return new AuthorizationResponse(Decision.Allow, Sorted(_permits), errors);
            return new AuthorizationResponse(Decision.Deny, [], errors);
        }

        private static List<string> Sorted(List<string> ids)
        {
            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }
}
