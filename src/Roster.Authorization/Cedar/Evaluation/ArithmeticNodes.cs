namespace Roster.Authorization.Cedar.Evaluation;

internal sealed class NegateNode(Node operand) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var value = Values.AsLong(operand.Eval(env));
        if (value == long.MinValue) throw EvaluationErrors.NegationOverflow(value);
        return LongValue.Of(-value);
    }
}

internal enum ArithmeticOp { Add, Sub, Mul }

/// <summary><c>+ - *</c> on longs, with Cedar's overflow errors instead of wrapping.</summary>
internal sealed class ArithmeticNode(ArithmeticOp op, Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var lv = left.Eval(env);
        var rv = right.Eval(env);
        var l = Values.AsLong(lv);
        var r = Values.AsLong(rv);
        try
        {
            return LongValue.Of(op switch
            {
                ArithmeticOp.Add => checked(l + r),
                ArithmeticOp.Sub => checked(l - r),
                ArithmeticOp.Mul => checked(l * r),
                _ => throw new InvalidOperationException(),
            });
        }
        catch (OverflowException)
        {
            var verb = op switch { ArithmeticOp.Add => "add", ArithmeticOp.Sub => "subtract", _ => "multiply" };
            throw EvaluationErrors.Overflow(verb, l, r);
        }
    }
}

/// <summary>
/// <c>&lt;</c> and <c>&lt;=</c> (Cedar writes <c>a &gt; b</c> as <c>!(a &lt;= b)</c> and <c>a &gt;= b</c> as
/// <c>!(a &lt; b)</c>, so those are this node under a not). Longs compare; so do two datetimes or two
/// durations, the extension types with operator overloading. Decimals and ip addresses do not.
/// </summary>
internal sealed class LessNode(bool orEqual, Node left, Node right) : Node
{
    private static readonly string[] _comparable = ["long", "datetime", "duration"];

    public override Value Eval(EvalEnv env)
    {
        var lv = left.Eval(env);
        var rv = right.Eval(env);
        if (lv is LongValue l && rv is LongValue r)
            return BoolValue.Of(orEqual ? l.Value <= r.Value : l.Value < r.Value);
        if (lv is IComparableExtension lc && rv is IComparableExtension rc && lv.TypeName == rv.TypeName)
        {
            var c = lc.CompareTo(rc);
            return BoolValue.Of(orEqual ? c <= 0 : c < 0);
        }
        if (lv is LongValue) throw EvaluationErrors.Type("long", rv);
        if (rv is LongValue) throw EvaluationErrors.Type("long", lv);
        if (lv is IComparableExtension) throw EvaluationErrors.Type(lv.TypeName, rv);
        if (rv is IComparableExtension) throw EvaluationErrors.Type(rv.TypeName, lv);
        throw EvaluationErrors.Type(_comparable, lv);
    }
}

/// <summary>An extension value that <c>&lt;</c> and <c>&lt;=</c> order (Cedar's operator overloading).</summary>
internal interface IComparableExtension
{
    int CompareTo(IComparableExtension other);
}
