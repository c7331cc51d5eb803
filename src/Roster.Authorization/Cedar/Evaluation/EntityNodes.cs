namespace Roster.Authorization.Cedar.Evaluation;

/// <summary><c>a in b</c>: b an entity or a set of entities.</summary>
internal sealed class InNode(Node left, Node right) : Node
{
    private static readonly string[] _expected = ["set", EvaluationErrors.AnyEntity];

    public override Value Eval(EvalEnv env)
    {
        var lv = left.Eval(env);
        var rv = right.Eval(env);
        var entity = Values.AsEntity(lv);
        switch (rv)
        {
            case EntityValue ancestor:
                return BoolValue.Of(env.IsIn(entity, ancestor));
            case SetValue set:
                // Cedar checks that every element is an entity before answering.
                foreach (var element in set.Elements) Values.AsEntity(element);
                foreach (var element in set.Elements)
                    if (env.IsIn(entity, (EntityValue)element)) return BoolValue.True;
                return BoolValue.False;
            default:
                throw EvaluationErrors.Type(_expected, rv);
        }
    }
}

/// <summary><c>a in E</c> or <c>a in [E1, E2]</c> with entity literals on the right: no set to build or check.</summary>
internal sealed class InConstantNode(Node left, EntityValue[] ancestors) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var entity = Values.AsEntity(left.Eval(env));
        foreach (var ancestor in ancestors)
            if (env.IsIn(entity, ancestor)) return BoolValue.True;
        return BoolValue.False;
    }
}

/// <summary><c>a is T</c>, and <c>a is T in b</c> (Cedar's <c>a is T &amp;&amp; a in b</c>).</summary>
internal sealed class IsNode(Node target, string entityType, Node? inNode) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var entity = Values.AsEntity(target.Eval(env));
        if (!string.Equals(entity.Uid.Type, entityType, StringComparison.Ordinal)) return BoolValue.False;
        return inNode is null ? BoolValue.True : inNode.Eval(env);
    }
}

/// <summary><c>e.attr</c> on a record or an entity.</summary>
internal sealed class GetAttrNode(Node target, string attribute) : Node
{
    private static readonly string[] _expected = ["record", EvaluationErrors.AnyEntity];

    public override Value Eval(EvalEnv env)
    {
        var value = target.Eval(env);
        switch (value)
        {
            case RecordValue record:
                return record.Attributes.TryGetValue(attribute, out var v) ? v : throw EvaluationErrors.RecordAttributeMissing(attribute);
            case EntityValue entity:
                var entry = env.Find(entity) ?? throw EvaluationErrors.EntityDoesNotExist(entity.Uid);
                return entry.Attributes.TryGetValue(attribute, out var a) ? a : throw EvaluationErrors.EntityAttributeMissing(entity.Uid, attribute);
            default:
                throw EvaluationErrors.Type(_expected, value);
        }
    }
}

/// <summary><c>e has attr</c>: false for an entity that does not exist.</summary>
internal sealed class HasAttrNode(Node target, string attribute) : Node
{
    private static readonly string[] _expected = ["record", EvaluationErrors.AnyEntity];

    public override Value Eval(EvalEnv env)
    {
        var value = target.Eval(env);
        return value switch
        {
            RecordValue record => BoolValue.Of(record.Attributes.ContainsKey(attribute)),
            EntityValue entity => BoolValue.Of(env.Find(entity) is { } entry && entry.Attributes.ContainsKey(attribute)),
            _ => throw EvaluationErrors.Type(_expected, value),
        };
    }
}

/// <summary><c>e.getTag(k)</c> and <c>e.hasTag(k)</c>.</summary>
internal sealed class TagNode(bool get, Node target, Node key) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var lv = target.Eval(env);
        var rv = key.Eval(env);
        var entity = Values.AsEntity(lv);
        var tag = Values.AsString(rv);
        var entry = env.Find(entity);
        if (!get) return BoolValue.Of(entry is not null && entry.Tags.ContainsKey(tag));
        if (entry is null) throw EvaluationErrors.EntityDoesNotExist(entity.Uid);
        return entry.Tags.TryGetValue(tag, out var value) ? value : throw EvaluationErrors.EntityTagMissing(entity.Uid, tag);
    }
}
