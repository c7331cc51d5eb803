namespace Roster.Authorization.Cedar;

// The syntax tree of Cedar policies, as the parser produces it and the evaluator, the validator and
// the formatter read it. Every node carries the span of the text it came from.

/// <summary>A place in policy text: 1-based line and column, and the 0-based offset and length.</summary>
public readonly record struct SourceSpan(int Line, int Column, int Offset, int Length)
{
    public static readonly SourceSpan None = new(0, 0, 0, 0);
    public override string ToString() => $"{Line}:{Column}";
}

public enum Effect { Permit, Forbid }

/// <summary>An annotation, <c>@key("value")</c> or <c>@key</c> (then Value is null).</summary>
public sealed record Annotation(string Key, string? Value, SourceSpan Span);

/// <summary>One policy. Id is the <c>@id</c> annotation's value when present, otherwise <c>policyN</c> by position in its set.</summary>
public sealed record Policy(
    string Id,
    Effect Effect,
    IReadOnlyList<Annotation> Annotations,
    ScopeConstraint Principal,
    ActionConstraint Action,
    ScopeConstraint Resource,
    IReadOnlyList<Condition> Conditions,
    SourceSpan Span);

/// <summary>The principal or resource part of a policy's scope.</summary>
public abstract record ScopeConstraint(SourceSpan Span)
{
    /// <summary><c>principal</c> alone.</summary>
    public sealed record Any(SourceSpan Span) : ScopeConstraint(Span);
    /// <summary><c>principal == Type::"id"</c>.</summary>
    public sealed record Eq(EntityUid Entity, SourceSpan Span) : ScopeConstraint(Span);
    /// <summary><c>principal in Type::"id"</c>.</summary>
    public sealed record In(EntityUid Entity, SourceSpan Span) : ScopeConstraint(Span);
    /// <summary><c>principal is Type</c>.</summary>
    public sealed record Is(string EntityType, SourceSpan Span) : ScopeConstraint(Span);
    /// <summary><c>principal is Type in Type::"id"</c>.</summary>
    public sealed record IsIn(string EntityType, EntityUid Entity, SourceSpan Span) : ScopeConstraint(Span);
}

/// <summary>The action part of a policy's scope.</summary>
public abstract record ActionConstraint(SourceSpan Span)
{
    public sealed record Any(SourceSpan Span) : ActionConstraint(Span);
    public sealed record Eq(EntityUid Entity, SourceSpan Span) : ActionConstraint(Span);
    public sealed record In(EntityUid Entity, SourceSpan Span) : ActionConstraint(Span);
    /// <summary><c>action in [A, B]</c>.</summary>
    public sealed record InList(IReadOnlyList<EntityUid> Entities, SourceSpan Span) : ActionConstraint(Span);
}

/// <summary>A <c>when { … }</c> (IsWhen) or <c>unless { … }</c> clause.</summary>
public sealed record Condition(bool IsWhen, Expr Body, SourceSpan Span);

public enum Variable { Principal, Action, Resource, Context }

public enum UnaryOp { Not, Negate }

public enum BinaryOp
{
    And, Or,
    Eq, NotEq, Less, LessEq, Greater, GreaterEq,
    In,
    Add, Sub, Mul,
}

/// <summary>An expression of a <c>when</c>/<c>unless</c> clause.</summary>
public abstract record Expr(SourceSpan Span)
{
    /// <summary>A literal: <c>true</c>, <c>42</c>, <c>"text"</c>, or an entity reference <c>Type::"id"</c>.</summary>
    public sealed record Literal(Value Value, SourceSpan Span) : Expr(Span);
    public sealed record Var(Variable Variable, SourceSpan Span) : Expr(Span);
    public sealed record Unary(UnaryOp Op, Expr Operand, SourceSpan Span) : Expr(Span);
    public sealed record Binary(BinaryOp Op, Expr Left, Expr Right, SourceSpan Span) : Expr(Span);
    public sealed record If(Expr Condition, Expr Then, Expr Else, SourceSpan Span) : Expr(Span);
    /// <summary><c>e.attr</c> or <c>e["attr"]</c>.</summary>
    public sealed record GetAttr(Expr Target, string Attribute, SourceSpan Span) : Expr(Span);
    /// <summary><c>e has attr</c>; <c>e has a.b</c> is parsed as <c>e has a &amp;&amp; e.a has b</c>.</summary>
    public sealed record HasAttr(Expr Target, string Attribute, SourceSpan Span) : Expr(Span);
    /// <summary><c>e like "pat*tern"</c>; the pattern's parts, wildcards as null.</summary>
    public sealed record Like(Expr Target, IReadOnlyList<string?> Pattern, SourceSpan Span) : Expr(Span);
    /// <summary><c>e is Type</c> or <c>e is Type in other</c>.</summary>
    public sealed record Is(Expr Target, string EntityType, Expr? In, SourceSpan Span) : Expr(Span);
    public sealed record Set(IReadOnlyList<Expr> Elements, SourceSpan Span) : Expr(Span);
    public sealed record Record(IReadOnlyList<KeyValuePair<string, Expr>> Attributes, SourceSpan Span) : Expr(Span);
    /// <summary>A method call <c>e.contains(x)</c>, <c>e.isInRange(r)</c>, <c>e.getTag(k)</c>, …</summary>
    public sealed record MethodCall(Expr Target, string Method, IReadOnlyList<Expr> Arguments, SourceSpan Span) : Expr(Span);
    /// <summary>An extension function call <c>ip("10.0.0.1")</c>, <c>decimal("1.5")</c>.</summary>
    public sealed record FunctionCall(string Function, IReadOnlyList<Expr> Arguments, SourceSpan Span) : Expr(Span);

    /// <summary>The expressions this one is made of, left to right (not a like's pattern, not a type name).</summary>
    public IEnumerable<Expr> Children() => this switch
    {
        Unary u => [u.Operand],
        Binary b => [b.Left, b.Right],
        If i => [i.Condition, i.Then, i.Else],
        GetAttr g => [g.Target],
        HasAttr h => [h.Target],
        Like l => [l.Target],
        Is i => i.In is null ? [i.Target] : [i.Target, i.In],
        Set s => s.Elements,
        Record r => r.Attributes.Select(a => a.Value),
        MethodCall m => [m.Target, .. m.Arguments],
        FunctionCall f => f.Arguments,
        _ => [],
    };

    /// <summary>This expression and every expression inside it, in pre-order, left to right.</summary>
    public IEnumerable<Expr> SelfAndDescendants()
    {
        var stack = new Stack<Expr>();
        stack.Push(this);
        while (stack.TryPop(out var expr))
        {
            yield return expr;
            foreach (var child in expr.Children().Reverse())
            {
                stack.Push(child);
            }
        }
    }
}
