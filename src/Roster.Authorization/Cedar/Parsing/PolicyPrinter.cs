using System.Globalization;
using System.Text;

namespace Roster.Authorization.Cedar.Parsing;

/// <summary>
/// Prints policies and expressions back to Cedar text that parses to the same tree, with parentheses
/// wherever Cedar's precedence needs them (and only there).
/// </summary>
/// <remarks>
/// A policy is printed as its annotations, one per line, the effect and scope on one line, and each
/// condition on its own line. Spans are not kept: the printed text has its own positions.
/// </remarks>
public static class PolicyPrinter
{
    /// <summary>Policies separated by a blank line.</summary>
    public static string Print(IEnumerable<Policy> policies) => string.Join("\n\n", policies.Select(Print));

    /// <summary>One policy, ending with <c>;</c>.</summary>
    public static string Print(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var sb = new StringBuilder();
        foreach (var annotation in policy.Annotations)
        {
            sb.Append('@').Append(annotation.Key);
            if (annotation.Value is not null) sb.Append('(').Append(CedarString.Quote(annotation.Value)).Append(')');
            sb.Append('\n');
        }
        sb.Append(policy.Effect == Effect.Permit ? "permit" : "forbid").Append(" (")
            .Append(Scope("principal", policy.Principal)).Append(", ")
            .Append(Scope(policy.Action)).Append(", ")
            .Append(Scope("resource", policy.Resource)).Append(')');
        foreach (var condition in policy.Conditions)
            sb.Append('\n').Append(condition.IsWhen ? "when" : "unless").Append(" { ").Append(Print(condition.Body)).Append(" }");
        return sb.Append(';').ToString();
    }

    /// <summary>One expression.</summary>
    public static string Print(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var sb = new StringBuilder();
        Write(sb, expr, Level.Expr);
        return sb.ToString();
    }

    /// <summary>A scope constraint as Cedar text: <c>principal in Group::"g"</c>; the bare variable when unconstrained.</summary>
    internal static string Scope(string variable, ScopeConstraint constraint) => constraint switch
    {
        ScopeConstraint.Eq eq => $"{variable} == {eq.Entity}",
        ScopeConstraint.In @in => $"{variable} in {@in.Entity}",
        ScopeConstraint.Is @is => $"{variable} is {@is.EntityType}",
        ScopeConstraint.IsIn isIn => $"{variable} is {isIn.EntityType} in {isIn.Entity}",
        _ => variable,
    };

    /// <summary>The action constraint as Cedar text.</summary>
    internal static string Scope(ActionConstraint constraint) => constraint switch
    {
        ActionConstraint.Eq eq => $"action == {eq.Entity}",
        ActionConstraint.In @in => $"action in {@in.Entity}",
        ActionConstraint.InList list => $"action in [{string.Join(", ", list.Entities)}]",
        _ => "action",
    };

    // Cedar's grammar levels, loosest first. A child printed where a tighter level is required gets parentheses.
    private enum Level { Expr, Or, And, Relation, Add, Mult, Unary, Member, Primary }

    private static Level LevelOf(Expr expr) => expr switch
    {
        Expr.If => Level.Expr,
        Expr.Binary { Op: BinaryOp.Or } => Level.Or,
        Expr.Binary { Op: BinaryOp.And } => Level.And,
        Expr.Binary { Op: BinaryOp.Add or BinaryOp.Sub } => Level.Add,
        Expr.Binary { Op: BinaryOp.Mul } => Level.Mult,
        Expr.Binary or Expr.HasAttr or Expr.Like or Expr.Is => Level.Relation,
        Expr.Unary => Level.Unary,
        Expr.Literal { Value: LongValue { Value: < 0 } } => Level.Unary,
        Expr.GetAttr or Expr.MethodCall => Level.Member,
        _ => Level.Primary,
    };

    private static void Write(StringBuilder sb, Expr expr, Level required)
    {
        var parenthesize = LevelOf(expr) < required;
        if (parenthesize) sb.Append('(');
        WriteBare(sb, expr);
        if (parenthesize) sb.Append(')');
    }

    private static void WriteBare(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case Expr.Literal literal:
                WriteValue(sb, literal.Value);
                break;
            case Expr.Var v:
                sb.Append(v.Variable switch
                {
                    Variable.Principal => "principal",
                    Variable.Action => "action",
                    Variable.Resource => "resource",
                    _ => "context",
                });
                break;
            case Expr.Unary unary:
                WriteUnary(sb, unary);
                break;
            case Expr.Binary binary:
                WriteBinary(sb, binary);
                break;
            case Expr.If conditional:
                sb.Append("if ");
                Write(sb, conditional.Condition, Level.Expr);
                sb.Append(" then ");
                Write(sb, conditional.Then, Level.Expr);
                sb.Append(" else ");
                Write(sb, conditional.Else, Level.Expr);
                break;
            case Expr.GetAttr get:
                Write(sb, get.Target, Level.Member);
                if (CedarNames.IsBareAttribute(get.Attribute)) sb.Append('.').Append(get.Attribute);
                else sb.Append('[').Append(CedarString.Quote(get.Attribute)).Append(']');
                break;
            case Expr.HasAttr has:
                Write(sb, has.Target, Level.Add);
                sb.Append(" has ").Append(AttributeName(has.Attribute));
                break;
            case Expr.Like like:
                Write(sb, like.Target, Level.Add);
                sb.Append(" like ").Append(Pattern(like.Pattern));
                break;
            case Expr.Is @is:
                Write(sb, @is.Target, Level.Add);
                sb.Append(" is ").Append(@is.EntityType);
                if (@is.In is not null)
                {
                    sb.Append(" in ");
                    Write(sb, @is.In, Level.Add);
                }
                break;
            case Expr.Set set:
                sb.Append('[');
                WriteList(sb, set.Elements);
                sb.Append(']');
                break;
            case Expr.Record record:
                sb.Append('{');
                for (var i = 0; i < record.Attributes.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(AttributeName(record.Attributes[i].Key)).Append(": ");
                    Write(sb, record.Attributes[i].Value, Level.Expr);
                }
                sb.Append('}');
                break;
            case Expr.MethodCall call:
                Write(sb, call.Target, Level.Member);
                sb.Append('.').Append(call.Method).Append('(');
                WriteList(sb, call.Arguments);
                sb.Append(')');
                break;
            case Expr.FunctionCall call:
                sb.Append(call.Function).Append('(');
                WriteList(sb, call.Arguments);
                sb.Append(')');
                break;
            default:
                throw new ArgumentException($"unknown expression node {expr.GetType().Name}", nameof(expr));
        }
    }

    private static void WriteUnary(StringBuilder sb, Expr.Unary unary)
    {
        // Cedar reads a run of up to 4 `!` (or `-`) without parentheses; using runs keeps the printed
        // text no more deeply nested than the tree.
        var symbol = unary.Op == UnaryOp.Not ? '!' : '-';
        var operand = unary.Operand;
        sb.Append(symbol);
        for (var run = 1; run < 4 && operand is Expr.Unary inner && inner.Op == unary.Op; run++)
        {
            sb.Append(symbol);
            operand = inner.Operand;
        }
        // `-` right before an integer literal would make a negative literal, not a negation.
        if (unary.Op == UnaryOp.Negate && operand is Expr.Literal { Value: LongValue })
        {
            sb.Append('(');
            WriteBare(sb, operand);
            sb.Append(')');
        }
        else
        {
            Write(sb, operand, Level.Member);
        }
    }

    private static void WriteBinary(StringBuilder sb, Expr.Binary binary)
    {
        // Left-associative chains keep their left operand at the same level; relations do not chain.
        var (symbol, left, right) = binary.Op switch
        {
            BinaryOp.Or => ("||", Level.Or, Level.And),
            BinaryOp.And => ("&&", Level.And, Level.Relation),
            BinaryOp.Add => ("+", Level.Add, Level.Mult),
            BinaryOp.Sub => ("-", Level.Add, Level.Mult),
            BinaryOp.Mul => ("*", Level.Mult, Level.Unary),
            BinaryOp.Eq => ("==", Level.Add, Level.Add),
            BinaryOp.NotEq => ("!=", Level.Add, Level.Add),
            BinaryOp.Less => ("<", Level.Add, Level.Add),
            BinaryOp.LessEq => ("<=", Level.Add, Level.Add),
            BinaryOp.Greater => (">", Level.Add, Level.Add),
            BinaryOp.GreaterEq => (">=", Level.Add, Level.Add),
            BinaryOp.In => ("in", Level.Add, Level.Add),
            _ => throw new ArgumentException($"unknown operator {binary.Op}", nameof(binary)),
        };
        Write(sb, binary.Left, left);
        sb.Append(' ').Append(symbol).Append(' ');
        Write(sb, binary.Right, right);
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, items[i], Level.Expr);
        }
    }

    private static void WriteValue(StringBuilder sb, Value value)
    {
        switch (value)
        {
            case LongValue l: sb.Append(l.Value.ToString(CultureInfo.InvariantCulture)); break;
            case SetValue set:
                sb.Append('[');
                var first = true;
                foreach (var element in set.Elements)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteValue(sb, element);
                }
                sb.Append(']');
                break;
            case RecordValue record:
                sb.Append('{');
                var firstKey = true;
                foreach (var (key, element) in record.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!firstKey) sb.Append(", ");
                    firstKey = false;
                    sb.Append(AttributeName(key)).Append(": ");
                    WriteValue(sb, element);
                }
                sb.Append('}');
                break;
            // Booleans, strings and entities print as Cedar literals; extension values as their constructor call, ip("…").
            default: sb.Append(value.ToString()); break;
        }
    }

    private static string AttributeName(string name) => CedarNames.IsBareAttribute(name) ? name : CedarString.Quote(name);

    private static string Pattern(IReadOnlyList<string?> parts)
    {
        var sb = new StringBuilder("\"");
        foreach (var part in parts)
        {
            if (part is null) sb.Append('*');
            else sb.Append(CedarString.Quote(part)[1..^1].Replace("*", "\\*", StringComparison.Ordinal));
        }
        return sb.Append('"').ToString();
    }
}
