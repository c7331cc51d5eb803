using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>
/// Turns a statement into a grant's policy on the syntax tree: fills in parameter placeholders, the
/// principal, and confines the resource to the grant's scope.
/// </summary>
internal static class PolicyRewriter
{
    /// <summary>Replaces every placeholder (<c>"{folder_id}"</c>) in entity ids and string literals by its value.</summary>
    public static Policy SubstituteParameters(Policy policy, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0) return policy;
        return policy with
        {
            Principal = Substitute(policy.Principal, values),
            Resource = Substitute(policy.Resource, values),
            Conditions = [.. policy.Conditions.Select(c => c with { Body = Substitute(c.Body, values) })],
        };
    }

    /// <summary>
    /// The principal becomes <paramref name="principal"/> when the statement leaves it open; a statement that
    /// already constrains it (a custom role cannot, but be safe) keeps its constraint and gains
    /// <c>when { principal == … }</c> or <c>when { principal in … }</c>.
    /// </summary>
    public static Policy FillPrincipal(Policy policy, ScopeConstraint principal)
    {
        if (policy.Principal is ScopeConstraint.Any) return policy with { Principal = principal };
        var (op, uid) = principal switch
        {
            ScopeConstraint.Eq eq => (BinaryOp.Eq, eq.Entity),
            ScopeConstraint.In @in => (BinaryOp.In, @in.Entity),
            _ => throw new ArgumentException("A grant's principal is == or in an entity.", nameof(principal)),
        };
        return AddCondition(policy, new Expr.Binary(op, new Expr.Var(Variable.Principal, SourceSpan.None), Entity(uid), SourceSpan.None));
    }

    /// <summary>
    /// Confines the resource to <paramref name="scope"/>: <c>resource</c> → <c>resource in X</c>,
    /// <c>resource is T</c> → <c>resource is T in X</c>, anything else gains <c>when { resource in X }</c>.
    /// </summary>
    public static Policy ConfineResource(Policy policy, EntityUid scope) => policy.Resource switch
    {
        ScopeConstraint.Any any => policy with { Resource = new ScopeConstraint.In(scope, any.Span) },
        ScopeConstraint.Is @is => policy with { Resource = new ScopeConstraint.IsIn(@is.EntityType, scope, @is.Span) },
        ScopeConstraint.In @in when @in.Entity == scope => policy,
        ScopeConstraint.IsIn isIn when isIn.Entity == scope => policy,
        _ => AddCondition(policy, new Expr.Binary(BinaryOp.In, new Expr.Var(Variable.Resource, SourceSpan.None), Entity(scope), SourceSpan.None)),
    };

    private static Policy AddCondition(Policy policy, Expr body) =>
        policy with { Conditions = [.. policy.Conditions, new Condition(true, body, SourceSpan.None)] };

    private static Expr.Literal Entity(EntityUid uid) => new(new EntityValue(uid), SourceSpan.None);

    private static EntityUid Substitute(EntityUid uid, IReadOnlyDictionary<string, string> values) =>
        values.TryGetValue(uid.Id, out var value) ? uid with { Id = value } : uid;

    private static ScopeConstraint Substitute(ScopeConstraint scope, IReadOnlyDictionary<string, string> values) => scope switch
    {
        ScopeConstraint.Eq eq => eq with { Entity = Substitute(eq.Entity, values) },
        ScopeConstraint.In @in => @in with { Entity = Substitute(@in.Entity, values) },
        ScopeConstraint.IsIn isIn => isIn with { Entity = Substitute(isIn.Entity, values) },
        ScopeConstraint.Any or ScopeConstraint.Is => scope,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    private static Expr Substitute(Expr expr, IReadOnlyDictionary<string, string> values)
    {
        Expr Sub(Expr e) => Substitute(e, values);
        return expr switch
        {
            Expr.Literal { Value: StringValue s } lit when values.TryGetValue(s.Value, out var v) => lit with { Value = new StringValue(v) },
            Expr.Literal { Value: EntityValue e } lit => lit with { Value = new EntityValue(Substitute(e.Uid, values)) },
            Expr.Literal or Expr.Var => expr,
            Expr.Unary u => u with { Operand = Sub(u.Operand) },
            Expr.Binary b => b with { Left = Sub(b.Left), Right = Sub(b.Right) },
            Expr.If i => i with { Condition = Sub(i.Condition), Then = Sub(i.Then), Else = Sub(i.Else) },
            Expr.GetAttr g => g with { Target = Sub(g.Target) },
            Expr.HasAttr h => h with { Target = Sub(h.Target) },
            Expr.Like l => l with { Target = Sub(l.Target) },
            Expr.Is i => i with { Target = Sub(i.Target), In = i.In is null ? null : Sub(i.In) },
            Expr.Set s => s with { Elements = [.. s.Elements.Select(Sub)] },
            Expr.Record r => r with { Attributes = [.. r.Attributes.Select(kv => KeyValuePair.Create(kv.Key, Sub(kv.Value)))] },
            Expr.MethodCall m => m with { Target = Sub(m.Target), Arguments = [.. m.Arguments.Select(Sub)] },
            Expr.FunctionCall f => f with { Arguments = [.. f.Arguments.Select(Sub)] },
            _ => throw new ArgumentOutOfRangeException(nameof(expr)),
        };
    }
}
