namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>
/// A policy compiled once: its action and resource scope as direct checks and its conditions as
/// nodes. The principal scope is settled by <see cref="PolicySet"/>'s index (see <see cref="PrincipalKey"/>),
/// except the type test of <c>principal is T in E</c>.
/// </summary>
internal sealed class CompiledPolicy
{
    private readonly ActionConstraint _action;
    private readonly EntityUid[] _actionUids;
    private readonly ScopeConstraint _resource;
    private readonly string? _principalType;
    private readonly Node[] _conditions;
    private readonly bool[] _isWhen;

    public CompiledPolicy(Policy policy)
    {
        Policy = policy;
        _action = policy.Action;
        _actionUids = policy.Action switch
        {
            ActionConstraint.Eq eq => [eq.Entity],
            ActionConstraint.In @in => [@in.Entity],
            ActionConstraint.InList list => [.. list.Entities],
            _ => [],
        };
        _resource = policy.Resource;
        _principalType = policy.Principal is ScopeConstraint.IsIn isIn ? isIn.EntityType : null;
        _conditions = [.. policy.Conditions.Select(c => Compiler.Compile(c.Body))];
        _isWhen = [.. policy.Conditions.Select(c => c.IsWhen)];
    }

    public Policy Policy { get; }
    public string Id => Policy.Id;
    public bool IsForbid => Policy.Effect == Effect.Forbid;

    /// <summary>Where the index files the policy: by the entity of <c>principal == E</c> or <c>principal in E</c>, by type for <c>principal is T</c>.</summary>
    public (PrincipalIndex Kind, EntityUid Entity, string? Type) PrincipalKey => Policy.Principal switch
    {
        ScopeConstraint.Eq eq => (PrincipalIndex.Equal, eq.Entity, null),
        ScopeConstraint.In @in => (PrincipalIndex.In, @in.Entity, null),
        ScopeConstraint.IsIn isIn => (PrincipalIndex.In, isIn.Entity, isIn.EntityType),
        ScopeConstraint.Is @is => (PrincipalIndex.Type, default, @is.EntityType),
        _ => (PrincipalIndex.Any, default, null),
    };

    /// <summary>The scope checks left once the index has chosen the policy by its principal; never fails.</summary>
    public bool MatchesScope(EvalEnv env)
    {
        if (_principalType is not null && !string.Equals(env.Principal.Uid.Type, _principalType, StringComparison.Ordinal)) return false;
        var actionMatches = _action switch
        {
            ActionConstraint.Eq => env.Action.Uid == _actionUids[0],
            ActionConstraint.In or ActionConstraint.InList => AnyAncestor(env, env.Action, _actionUids),
            _ => true,
        };
        return actionMatches && MatchesResource(env);
    }

    private bool MatchesResource(EvalEnv env) => _resource switch
    {
        ScopeConstraint.Eq eq => env.Resource.Uid == eq.Entity,
        ScopeConstraint.In @in => env.IsIn(env.Resource, @in.Entity),
        ScopeConstraint.Is @is => string.Equals(env.Resource.Uid.Type, @is.EntityType, StringComparison.Ordinal),
        ScopeConstraint.IsIn isIn => string.Equals(env.Resource.Uid.Type, isIn.EntityType, StringComparison.Ordinal) && env.IsIn(env.Resource, isIn.Entity),
        _ => true,
    };

    private static bool AnyAncestor(EvalEnv env, EntityValue entity, EntityUid[] candidates)
    {
        foreach (var candidate in candidates)
            if (env.IsIn(entity, candidate)) return true;
        return false;
    }

    /// <summary>Whether every <c>when</c> is true and every <c>unless</c> false, in order; throws <see cref="CedarEvaluationException"/>.</summary>
    public bool ConditionsHold(EvalEnv env)
    {
        for (var i = 0; i < _conditions.Length; i++)
            if (_conditions[i].EvalBool(env) != _isWhen[i]) return false;
        return true;
    }
}

internal enum PrincipalIndex { Any, Equal, In, Type }
