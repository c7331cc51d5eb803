using System.Globalization;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Parsing;

/// <summary>
/// The syntax tree as a canonical S-expression, without spans, so tests compare trees as strings
/// (records compare IReadOnlyList fields by reference).
/// </summary>
internal static class TreeText
{
    public static string Of(Expr expr) => expr switch
    {
        Expr.Literal l => Of(l.Value),
        Expr.Var v => v.Variable.ToString().ToLowerInvariant(),
        Expr.Unary u => $"({(u.Op == UnaryOp.Not ? "!" : "neg")} {Of(u.Operand)})",
        Expr.Binary b => $"({Symbol(b.Op)} {Of(b.Left)} {Of(b.Right)})",
        Expr.If i => $"(if {Of(i.Condition)} {Of(i.Then)} {Of(i.Else)})",
        Expr.GetAttr g => $"(. {Of(g.Target)} {Quote(g.Attribute)})",
        Expr.HasAttr h => $"(has {Of(h.Target)} {Quote(h.Attribute)})",
        Expr.Like l => $"(like {Of(l.Target)} [{string.Join(" ", l.Pattern.Select(p => p is null ? "*" : Quote(p)))}])",
        Expr.Is i => i.In is null ? $"(is {Of(i.Target)} {i.EntityType})" : $"(is {Of(i.Target)} {i.EntityType} in {Of(i.In)})",
        Expr.Set s => $"(set{string.Concat(s.Elements.Select(e => " " + Of(e)))})",
        Expr.Record r => $"(record{string.Concat(r.Attributes.Select(a => $" {Quote(a.Key)} {Of(a.Value)}"))})",
        Expr.MethodCall m => $"(.{m.Method} {Of(m.Target)}{string.Concat(m.Arguments.Select(a => " " + Of(a)))})",
        Expr.FunctionCall f => $"({f.Function}{string.Concat(f.Arguments.Select(a => " " + Of(a)))})",
        _ => throw new ArgumentException(expr.GetType().Name),
    };

    public static string Of(Policy p)
    {
        var parts = new List<string> { p.Id, p.Effect.ToString().ToLowerInvariant() };
        parts.AddRange(p.Annotations.Select(a => a.Value is null ? $"@{a.Key}" : $"@{a.Key}={Quote(a.Value)}"));
        parts.Add("principal" + Of(p.Principal));
        parts.Add("action" + Of(p.Action));
        parts.Add("resource" + Of(p.Resource));
        parts.AddRange(p.Conditions.Select(c => $"{(c.IsWhen ? "when" : "unless")}:{Of(c.Body)}"));
        return string.Join(" ", parts);
    }

    public static string Of(IEnumerable<Policy> policies) => string.Join(" ; ", policies.Select(Of));

    private static string Of(ScopeConstraint c) => c switch
    {
        ScopeConstraint.Any => "",
        ScopeConstraint.Eq eq => $"=={eq.Entity}",
        ScopeConstraint.In @in => $" in {@in.Entity}",
        ScopeConstraint.Is @is => $" is {@is.EntityType}",
        ScopeConstraint.IsIn isIn => $" is {isIn.EntityType} in {isIn.Entity}",
        _ => throw new ArgumentException(c.GetType().Name),
    };

    private static string Of(ActionConstraint c) => c switch
    {
        ActionConstraint.Any => "",
        ActionConstraint.Eq eq => $"=={eq.Entity}",
        ActionConstraint.In @in => $" in {@in.Entity}",
        ActionConstraint.InList list => $" in [{string.Join(",", list.Entities)}]",
        _ => throw new ArgumentException(c.GetType().Name),
    };

    private static string Of(Value value) => value switch
    {
        LongValue l => l.Value.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string s) => CedarString.Quote(s);

    private static string Symbol(BinaryOp op) => op switch
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
        _ => throw new ArgumentException(op.ToString()),
    };
}
