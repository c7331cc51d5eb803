namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// The checks made once per policy, whatever the request: every entity type named exists, every
/// action named is declared, and every entity of an enumerated type is one of its ids.
/// </summary>
internal static class ReferenceChecker
{
    public static List<(string Message, SourceSpan Span)> CheckScope(Policy policy, CedarSchema schema)
    {
        var problems = new List<(string, SourceSpan)>();
        CheckScopeConstraint(policy.Principal, schema, problems);
        CheckScopeConstraint(policy.Resource, schema, problems);
        switch (policy.Action)
        {
            case ActionConstraint.Any:
                break;
            case ActionConstraint.Eq eq:
                CheckActionUid(eq.Entity, eq.Span, schema, problems);
                break;
            case ActionConstraint.In @in:
                CheckActionUid(@in.Entity, @in.Span, schema, problems);
                break;
            case ActionConstraint.InList list:
                foreach (var uid in list.Entities) CheckActionUid(uid, list.Span, schema, problems);
                break;
            default:
                throw new InvalidOperationException($"unexpected action constraint {policy.Action.GetType().Name}");
        }
        return problems;
    }

    public static List<(string Message, SourceSpan Span)> CheckExpression(Expr expr, CedarSchema schema)
    {
        var problems = new List<(string, SourceSpan)>();
        Walk(expr, schema, problems);
        return problems;
    }

    private static void CheckScopeConstraint(ScopeConstraint constraint, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        switch (constraint)
        {
            case ScopeConstraint.Any:
                break;
            case ScopeConstraint.Eq eq:
                CheckUid(eq.Entity, eq.Span, schema, problems);
                break;
            case ScopeConstraint.In @in:
                CheckUid(@in.Entity, @in.Span, schema, problems);
                break;
            case ScopeConstraint.Is @is:
                CheckTypeName(@is.EntityType, @is.Span, schema, problems);
                break;
            case ScopeConstraint.IsIn isIn:
                CheckTypeName(isIn.EntityType, isIn.Span, schema, problems);
                CheckUid(isIn.Entity, isIn.Span, schema, problems);
                break;
            default:
                throw new InvalidOperationException($"unexpected scope constraint {constraint.GetType().Name}");
        }
    }

    private static void CheckActionUid(EntityUid uid, SourceSpan span, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        if (!IsActionTypeName(uid.Type, schema))
            problems.Add(($"`{uid}` is not an action: the action scope takes entities of type Action", span));
        else
            CheckUid(uid, span, schema, problems);
    }

    private static bool IsActionTypeName(string type, CedarSchema schema) =>
        !schema.HasEntityType(type) && (schema.IsActionType(type) || SchemaNames.IsActionType(type));

    private static void CheckUid(EntityUid uid, SourceSpan span, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        if (IsActionTypeName(uid.Type, schema))
        {
            if (!schema.HasAction(uid))
            {
                var suggestion = SuggestAction(uid, schema);
                problems.Add(($"unrecognized action `{uid}`{(suggestion is null ? "" : $" (did you mean `{suggestion}`?)")}", span));
            }
            return;
        }

        var entityType = schema.GetEntityType(uid.Type);
        if (entityType is null)
        {
            problems.Add((UnrecognizedType(uid.Type, schema), span));
            return;
        }
        if (entityType.EnumIds is { } ids && !ids.Contains(uid.Id, StringComparer.Ordinal))
            problems.Add(($"`{uid}` is not an entity of the enumerated type `{uid.Type}`, whose entities are {string.Join(", ", ids.Select(CedarString.Quote))}", span));
    }

    /// <summary>The same id in another namespace (a missing prefix), else a close id of the same action type.</summary>
    private static EntityUid? SuggestAction(EntityUid uid, CedarSchema schema)
    {
        var sameId = schema.Actions.Select(a => a.Uid).Where(a => a.Id == uid.Id).OrderBy(a => a.Type, StringComparer.Ordinal).ToList();
        if (sameId.Count > 0) return sameId[0];
        var closest = Suggestions.Closest(uid.Id, schema.Actions.Where(a => a.Uid.Type == uid.Type).Select(a => a.Uid.Id));
        return closest is null ? null : new EntityUid(uid.Type, closest);
    }

    private static void CheckTypeName(string type, SourceSpan span, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        if (!schema.HasEntityType(type) && !schema.IsActionType(type))
            problems.Add((UnrecognizedType(type, schema), span));
    }

    private static string UnrecognizedType(string type, CedarSchema schema)
    {
        var suggestion = Suggestions.Closest(type, schema.EntityTypes.Select(e => e.Name));
        return $"unrecognized entity type `{type}`{(suggestion is null ? "" : $" (did you mean `{suggestion}`?)")}";
    }

    private static void Walk(Expr expr, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        switch (expr)
        {
            case Expr.Literal l:
                WalkValue(l.Value, l.Span, schema, problems);
                break;
            case Expr.Var:
                break;
            case Expr.Unary u:
                Walk(u.Operand, schema, problems);
                break;
            case Expr.Binary b:
                Walk(b.Left, schema, problems);
                Walk(b.Right, schema, problems);
                break;
            case Expr.If i:
                Walk(i.Condition, schema, problems);
                Walk(i.Then, schema, problems);
                Walk(i.Else, schema, problems);
                break;
            case Expr.GetAttr g:
                Walk(g.Target, schema, problems);
                break;
            case Expr.HasAttr h:
                Walk(h.Target, schema, problems);
                break;
            case Expr.Like l:
                Walk(l.Target, schema, problems);
                break;
            case Expr.Is i:
                Walk(i.Target, schema, problems);
                CheckTypeName(i.EntityType, i.Span, schema, problems);
                if (i.In is { } inExpr) Walk(inExpr, schema, problems);
                break;
            case Expr.Set s:
                foreach (var element in s.Elements) Walk(element, schema, problems);
                break;
            case Expr.Record r:
                foreach (var (_, value) in r.Attributes) Walk(value, schema, problems);
                break;
            case Expr.MethodCall m:
                Walk(m.Target, schema, problems);
                foreach (var argument in m.Arguments) Walk(argument, schema, problems);
                break;
            case Expr.FunctionCall f:
                foreach (var argument in f.Arguments) Walk(argument, schema, problems);
                break;
            default:
                throw new InvalidOperationException($"unexpected expression {expr.GetType().Name}");
        }
    }

    private static void WalkValue(Value value, SourceSpan span, CedarSchema schema, List<(string, SourceSpan)> problems)
    {
        switch (value)
        {
            case EntityValue e:
                CheckUid(e.Uid, span, schema, problems);
                break;
            case SetValue s:
                foreach (var element in s.Elements) WalkValue(element, span, schema, problems);
                break;
            case RecordValue r:
                foreach (var attribute in r.Attributes.Values) WalkValue(attribute, span, schema, problems);
                break;
        }
    }
}
