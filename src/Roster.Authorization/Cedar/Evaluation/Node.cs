namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>
/// A compiled expression: built once per policy from the syntax tree, then evaluated for each
/// request without looking at the tree again. Nodes are immutable, so one compiled policy serves
/// any number of concurrent requests. Errors are thrown as <see cref="CedarEvaluationException"/>.
/// </summary>
internal abstract class Node
{
    public abstract Value Eval(EvalEnv env);

    /// <summary>The node's value when it is the same for every request (literals, constant sets, <c>ip("…")</c>).</summary>
    public virtual Value? Constant => null;

    public bool EvalBool(EvalEnv env) => Values.AsBool(Eval(env));
}

/// <summary>What a compiled expression reads: the request and the entities, with the request's own entities looked up once.</summary>
internal sealed class EvalEnv
{
    public EvalEnv(AuthorizationRequest request, EntityStore entities)
    {
        Entities = entities;
        Principal = new EntityValue(request.Principal);
        Action = new EntityValue(request.Action);
        Resource = new EntityValue(request.Resource);
        Context = request.Context;
        PrincipalEntry = entities.Find(request.Principal);
        ActionEntry = entities.Find(request.Action);
        ResourceEntry = entities.Find(request.Resource);
    }

    public EntityStore Entities { get; }
    public EntityValue Principal { get; }
    public EntityValue Action { get; }
    public EntityValue Resource { get; }
    public RecordValue Context { get; }
    public EntityEntry? PrincipalEntry { get; }
    public EntityEntry? ActionEntry { get; }
    public EntityEntry? ResourceEntry { get; }

    /// <summary>The entity behind a value, using the request's cached lookups for its own three entities.</summary>
    public EntityEntry? Find(EntityValue entity)
    {
        if (ReferenceEquals(entity, Principal)) return PrincipalEntry;
        if (ReferenceEquals(entity, Resource)) return ResourceEntry;
        if (ReferenceEquals(entity, Action)) return ActionEntry;
        return Entities.Find(entity.Uid);
    }

    /// <summary>Cedar's <c>in</c> between an entity and one candidate ancestor, whose hash the caller has at hand.</summary>
    public bool IsIn(EntityValue entity, EntityUid ancestor, int ancestorHash) =>
        (entity.UidHash == ancestorHash && entity.Uid == ancestor) || (Find(entity) is { } entry && entry.HasAncestor(ancestor, ancestorHash));

    public bool IsIn(EntityValue entity, EntityValue ancestor) => IsIn(entity, ancestor.Uid, ancestor.UidHash);
}

/// <summary>Type checks shared by the nodes, with Cedar's error wording.</summary>
internal static class Values
{
    public static bool AsBool(Value value) =>
        ReferenceEquals(value, BoolValue.True) || (!ReferenceEquals(value, BoolValue.False) && Fail<bool>("bool", value));

    public static long AsLong(Value value) => value is LongValue l ? l.Value : Fail<long>("long", value);

    public static string AsString(Value value) => value is StringValue s ? s.Value : Fail<string>("string", value);

    public static SetValue AsSet(Value value) => value as SetValue ?? Fail<SetValue>("set", value);

    public static EntityValue AsEntity(Value value) => value as EntityValue ?? Fail<EntityValue>(EvaluationErrors.AnyEntity, value);

    private static T Fail<T>(string expected, Value actual) => throw EvaluationErrors.Type(expected, actual);
}
