namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>
/// A policy compiled once: its action and resource scope as direct checks and its conditions as
/// nodes. The principal scope is settled by <see cref="PolicySet"/>'s index (see <see cref="PrincipalKey"/>),
/// except the type test of <c>principal is T in E</c>.
/// </summary>
internal sealed class CompiledPolicy
{
    // The scope is kept in flat fields, entity uids with their hashes, because the index hands a
    // request many policies whose scope is checked and fails: that check should touch little memory.
    private readonly ScopeKind _actionKind;
    private readonly EntityValue[] _actions;
    private readonly ScopeKind _resourceKind;
    private readonly EntityValue? _resourceEntity;
    private readonly string? _resourceType;
    private readonly string? _principalType;
    private readonly Node[] _conditions;
    private readonly bool[] _isWhen;

    public CompiledPolicy(Policy policy)
    {
        Policy = policy;
        (_actionKind, _actions) = policy.Action switch
        {
            ActionConstraint.Eq eq => (ScopeKind.Equal, [new EntityValue(eq.Entity)]),
            ActionConstraint.In @in => (ScopeKind.In, new[] { new EntityValue(@in.Entity) }),
            ActionConstraint.InList list => (ScopeKind.In, list.Entities.Select(e => new EntityValue(e)).ToArray()),
            _ => (ScopeKind.Any, Array.Empty<EntityValue>()),
        };
        (_resourceKind, _resourceEntity, _resourceType) = policy.Resource switch
        {
            ScopeConstraint.Eq eq => (ScopeKind.Equal, new EntityValue(eq.Entity), null),
            ScopeConstraint.In @in => (ScopeKind.In, new EntityValue(@in.Entity), null),
            ScopeConstraint.Is @is => (ScopeKind.Is, null, @is.EntityType),
            ScopeConstraint.IsIn isIn => (ScopeKind.IsIn, new EntityValue(isIn.Entity), isIn.EntityType),
            _ => (ScopeKind.Any, (EntityValue?)null, (string?)null),
        };
        _principalType = policy.Principal is ScopeConstraint.IsIn principalIsIn ? principalIsIn.EntityType : null;
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
        switch (_actionKind)
        {
            case ScopeKind.Equal:
                if (!env.Action.Equals(_actions[0])) return false;
                break;
            case ScopeKind.In:
                if (!AnyAncestor(env, env.Action, _actions)) return false;
                break;
        }
        return _resourceKind switch
        {
            ScopeKind.Equal => env.Resource.Equals(_resourceEntity),
            ScopeKind.In => env.IsIn(env.Resource, _resourceEntity!),
            ScopeKind.Is => string.Equals(env.Resource.Uid.Type, _resourceType, StringComparison.Ordinal),
            ScopeKind.IsIn => string.Equals(env.Resource.Uid.Type, _resourceType, StringComparison.Ordinal) && env.IsIn(env.Resource, _resourceEntity!),
            _ => true,
        };
    }

    private static bool AnyAncestor(EvalEnv env, EntityValue entity, EntityValue[] candidates)
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

internal enum ScopeKind : byte { Any, Equal, In, Is, IsIn }
