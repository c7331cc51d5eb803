namespace Roster.Authorization.Cedar.Evaluation;

internal sealed class ConstantNode(Value value) : Node
{
    public override Value Constant => value;
    public override Value Eval(EvalEnv env) => value;
}

/// <summary>A node that always fails the same way (kept so the error is raised only when evaluation reaches it).</summary>
internal sealed class ErrorNode(string message) : Node
{
    public override Value Eval(EvalEnv env) => throw new CedarEvaluationException(message);
}

internal sealed class PrincipalNode : Node
{
    public static readonly PrincipalNode Instance = new();
    public override Value Eval(EvalEnv env) => env.Principal;
}

internal sealed class ActionNode : Node
{
    public static readonly ActionNode Instance = new();
    public override Value Eval(EvalEnv env) => env.Action;
}

internal sealed class ResourceNode : Node
{
    public static readonly ResourceNode Instance = new();
    public override Value Eval(EvalEnv env) => env.Resource;
}

internal sealed class ContextNode : Node
{
    public static readonly ContextNode Instance = new();
    public override Value Eval(EvalEnv env) => env.Context;
}

internal sealed class AndNode(Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env) =>
        left.EvalBool(env) && right.EvalBool(env) ? BoolValue.True : BoolValue.False;
}

internal sealed class OrNode(Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env) =>
        left.EvalBool(env) || right.EvalBool(env) ? BoolValue.True : BoolValue.False;
}

internal sealed class NotNode(Node operand) : Node
{
    public override Value Eval(EvalEnv env) => operand.EvalBool(env) ? BoolValue.False : BoolValue.True;
}

internal sealed class IfNode(Node condition, Node then, Node otherwise) : Node
{
    public override Value Eval(EvalEnv env) => condition.EvalBool(env) ? then.Eval(env) : otherwise.Eval(env);
}

internal sealed class EqualsNode(Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var l = left.Eval(env);
        var r = right.Eval(env);
        return BoolValue.Of(l.Equals(r));
    }
}

/// <summary><c>a != b</c>: Cedar's <c>!(a == b)</c>, which never fails once both sides have values.</summary>
internal sealed class NotEqualsNode(Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var l = left.Eval(env);
        var r = right.Eval(env);
        return BoolValue.Of(!l.Equals(r));
    }
}

/// <summary>A set built from expressions; duplicates collapse.</summary>
internal sealed class SetNode(Node[] elements) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var values = new Value[elements.Length];
        for (var i = 0; i < elements.Length; i++) values[i] = elements[i].Eval(env);
        return new SetValue(values);
    }
}

/// <summary>A record built from expressions, evaluated in the order written.</summary>
internal sealed class RecordNode(string[] keys, Node[] values) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var attributes = new Dictionary<string, Value>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) attributes[keys[i]] = values[i].Eval(env);
        return new RecordValue(attributes);
    }
}
