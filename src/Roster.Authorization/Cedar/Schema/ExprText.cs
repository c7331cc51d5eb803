using System.Text;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Cedar text of an expression, without its positions. Two expressions with the same text have the
/// same shape, which is how a <c>has</c> guard is matched to the access it protects; the text also
/// shows in messages (<c>guard it with `resource.account has admins`</c>).
/// </summary>
internal static class ExprText
{
    public static string Render(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case Expr.Literal l:
                sb.Append(l.Value);
                break;
            case Expr.Var v:
                sb.Append(v.Variable switch
                {
                    Variable.Principal => "principal",
                    Variable.Action => "action",
                    Variable.Resource => "resource",
                    Variable.Context => "context",
                    _ => v.Variable.ToString(),
                });
                break;
            case Expr.Unary u:
                sb.Append(u.Op == UnaryOp.Not ? "!" : "-");
                Operand(sb, u.Operand);
                break;
            case Expr.Binary b:
                Operand(sb, b.Left);
                sb.Append(' ').Append(Symbol(b.Op)).Append(' ');
                Operand(sb, b.Right);
                break;
            case Expr.If i:
                sb.Append("if ");
                Write(sb, i.Condition);
                sb.Append(" then ");
                Write(sb, i.Then);
                sb.Append(" else ");
                Write(sb, i.Else);
                break;
            case Expr.GetAttr g:
                Operand(sb, g.Target);
                if (CedarNames.IsIdentifier(g.Attribute)) sb.Append('.').Append(g.Attribute);
                else sb.Append('[').Append(CedarString.Quote(g.Attribute)).Append(']');
                break;
            case Expr.HasAttr h:
                Operand(sb, h.Target);
                sb.Append(" has ").Append(CedarNames.IsIdentifier(h.Attribute) ? h.Attribute : CedarString.Quote(h.Attribute));
                break;
            case Expr.Like l:
                Operand(sb, l.Target);
                sb.Append(" like \"");
                foreach (var part in l.Pattern)
                {
                    if (part is null) sb.Append('*');
                    else sb.Append(CedarString.Quote(part)[1..^1].Replace("*", "\\*", StringComparison.Ordinal));
                }
                sb.Append('"');
                break;
            case Expr.Is i:
                Operand(sb, i.Target);
                sb.Append(" is ").Append(i.EntityType);
                if (i.In is { } inExpr)
                {
                    sb.Append(" in ");
                    Operand(sb, inExpr);
                }
                break;
            case Expr.Set s:
                sb.Append('[');
                List(sb, s.Elements);
                sb.Append(']');
                break;
            case Expr.Record r:
                sb.Append('{');
                for (var k = 0; k < r.Attributes.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(CedarString.Quote(r.Attributes[k].Key)).Append(": ");
                    Write(sb, r.Attributes[k].Value);
                }
                sb.Append('}');
                break;
            case Expr.MethodCall m:
                Operand(sb, m.Target);
                sb.Append('.').Append(m.Method).Append('(');
                List(sb, m.Arguments);
                sb.Append(')');
                break;
            case Expr.FunctionCall f:
                sb.Append(f.Function).Append('(');
                List(sb, f.Arguments);
                sb.Append(')');
                break;
            default:
                sb.Append(expr.GetType().Name);
                break;
        }
    }

    private static void Operand(StringBuilder sb, Expr expr)
    {
        var wrap = expr is Expr.Binary or Expr.If or Expr.HasAttr or Expr.Like or Expr.Is
            || expr is Expr.Unary { Operand: not (Expr.Literal or Expr.Var) };
        if (wrap) sb.Append('(');
        Write(sb, expr);
        if (wrap) sb.Append(')');
    }

    private static void List(StringBuilder sb, IReadOnlyList<Expr> items)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (k > 0) sb.Append(", ");
            Write(sb, items[k]);
        }
    }

    public static string Symbol(BinaryOp op) => op switch
    {
        BinaryOp.And => "&&",
        BinaryOp.Or => "||",
        BinaryOp.Eq => "==",
        BinaryOp.NotEq => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessEq => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterEq => ">=",
        BinaryOp.In => "in",
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        _ => op.ToString(),
    };
}
