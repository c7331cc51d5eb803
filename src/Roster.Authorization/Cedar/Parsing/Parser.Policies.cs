namespace Roster.Authorization.Cedar.Parsing;

internal sealed partial class Parser
{
    /// <summary>Every policy of the text; ids from <c>@id("…")</c>, otherwise <c>policyN</c> by position.</summary>
    public IReadOnlyList<Policy> ParsePolicies()
    {
        var policies = new List<Policy>();
        var index = 0;
        while (Current.Kind != TokenKind.EndOfInput)
        {
            try
            {
                policies.Add(ParsePolicy(index));
            }
            catch (SyntaxError e)
            {
                _diagnostics.Add(e.Diagnostic);
                SkipPastSemicolon();
            }
            index++;
        }
        CheckUniqueIds(policies);
        return policies;
    }

    // Cedar recovers from an unreadable policy at the next `;`.
    private void SkipPastSemicolon()
    {
        while (Current.Kind is not (TokenKind.Semicolon or TokenKind.EndOfInput)) Advance();
        if (Current.Kind == TokenKind.Semicolon) Advance();
    }

    private void CheckUniqueIds(List<Policy> policies)
    {
        var seen = new Dictionary<string, Policy>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (seen.TryGetValue(policy.Id, out var first))
            {
                var at = policy.Annotations.FirstOrDefault(a => a.Key == "id" && a.Value is not null)?.Span ?? policy.Span;
                Error(at, $"duplicate policy id `{policy.Id}`: the policy at {first.Span} already has it");
            }
            else
            {
                seen.Add(policy.Id, policy);
            }
        }
    }

    private Policy ParsePolicy(int index)
    {
        var start = _pos;
        var annotations = ParseAnnotations();

        var effectToken = Current.Kind == TokenKind.Identifier
            ? Advance()
            : throw Syntax(Current, $"expected `permit` or `forbid`, found {Current.Describe()}");
        var effect = Effect.Permit;
        if (effectToken.Text == "forbid") effect = Effect.Forbid;
        else if (effectToken.Text != "permit")
            Error(SpanOf(effectToken), $"invalid policy effect `{effectToken.Text}`: a policy starts with `permit` or `forbid`");

        Expect(TokenKind.LeftParen, $"`(` after `{effectToken.Text}`");
        var (principal, action, resource) = ParseScope();

        var conditions = new List<Condition>();
        while (Current.Kind == TokenKind.Identifier && (Peek(1).Kind == TokenKind.LeftBrace || Current.Is("when") || Current.Is("unless")))
            conditions.Add(ParseCondition());
        Expect(TokenKind.Semicolon, "`;` after the policy");

        var id = annotations.FirstOrDefault(a => a.Key == "id")?.Value ?? $"policy{index}";
        return new Policy(id, effect, annotations, principal, action, resource, conditions, SpanFrom(start));
    }

    private List<Annotation> ParseAnnotations()
    {
        var annotations = new List<Annotation>();
        while (Current.Kind == TokenKind.At)
        {
            var start = _pos;
            Advance();
            // Any identifier is a valid key, reserved words and `__cedar` included (Cedar's AnyIdent).
            var key = Expect(TokenKind.Identifier, "an annotation name after `@`").Text;
            string? value = null;
            if (Current.Kind == TokenKind.LeftParen)
            {
                Advance();
                value = Unescape(Expect(TokenKind.String, $"the value of @{key} as a string in double quotes"));
                Expect(TokenKind.RightParen, $"`)` after the value of @{key}");
            }
            var span = SpanFrom(start);
            if (annotations.Any(a => a.Key == key))
                Error(span, $"duplicate annotation @{key}: a policy may have each annotation once");
            annotations.Add(new Annotation(key, value, span));
        }
        return annotations;
    }

    private Condition ParseCondition()
    {
        var start = _pos;
        var keyword = Advance();
        var isWhen = keyword.Text != "unless";
        if (keyword.Text is not ("when" or "unless"))
            Error(SpanOf(keyword), $"invalid policy condition `{keyword.Text}`: a condition starts with `when` or `unless`");
        Expect(TokenKind.LeftBrace, $"`{{` after `{keyword.Text}`");
        if (Current.Kind == TokenKind.RightBrace)
        {
            Advance();
            Error(SpanFrom(start), $"the `{keyword.Text}` condition is empty: write an expression between the braces, or remove the clause");
            return new Condition(isWhen, Placeholder(keyword), SpanFrom(start));
        }
        var body = ParseExpr();
        Expect(TokenKind.RightBrace, $"`}}` to close the `{keyword.Text}` condition");
        CheckTreeDepth(body);
        return new Condition(isWhen, body, SpanFrom(start));
    }

    // ---- the scope: (principal …, action …, resource …) ----

    /// <summary>One element of the scope as written, checked afterwards against its place.</summary>
    private sealed record ScopeElement(Token Variable, string? IsType, Token? Operator, Expr? Right, bool RightHadErrors, SourceSpan Span);

    private (ScopeConstraint, ActionConstraint, ScopeConstraint) ParseScope()
    {
        var open = _tokens[_pos - 1];
        var elements = new List<ScopeElement>();
        while (Current.Kind != TokenKind.RightParen)
        {
            elements.Add(ParseScopeElement());
            if (Current.Kind == TokenKind.Comma) Advance();
            else if (Current.Kind != TokenKind.RightParen)
                throw Syntax(Current, $"expected `,` or `)` in the policy scope, found {Current.Describe()}");
        }
        var close = Advance();
        var missingAt = _source.Span(open.Offset, close.End - open.Offset);

        for (var i = 3; i < elements.Count; i++)
            Error(elements[i].Span, $"this policy has an extra element in the scope: `{_source.Text.Substring(elements[i].Span.Offset, elements[i].Span.Length)}`; the scope is (principal, action, resource)");

        ScopeConstraint principal = new ScopeConstraint.Any(missingAt);
        ActionConstraint action = new ActionConstraint.Any(missingAt);
        ScopeConstraint resource = new ScopeConstraint.Any(missingAt);
        string[] names = ["principal", "action", "resource"];
        for (var i = 0; i < 3; i++)
        {
            if (i >= elements.Count)
            {
                Error(missingAt, $"this policy is missing the `{names[i]}` variable in the scope; the scope is (principal, action, resource)");
                continue;
            }
            var element = elements[i];
            var variable = element.Variable.Text;
            if (variable is not ("principal" or "action" or "resource"))
            {
                Error(SpanOf(element.Variable), $"found an invalid variable in the policy scope: `{variable}`; the scope is (principal, action, resource)");
                continue;
            }
            if (variable != names[i])
            {
                Error(SpanOf(element.Variable), $"found the variable `{variable}` where the variable `{names[i]}` must be used; the scope is (principal, action, resource)");
                continue;
            }
            switch (i)
            {
                case 0: principal = ToScopeConstraint(element); break;
                case 1: action = ToActionConstraint(element); break;
                default: resource = ToScopeConstraint(element); break;
            }
        }
        return (principal, action, resource);
    }

    // Cedar's VariableDef: Variable [':' Name] ['is' Name] [RelOp Expr]
    private ScopeElement ParseScopeElement()
    {
        var start = _pos;
        var variable = Current.Kind == TokenKind.Identifier
            ? Advance()
            : throw Syntax(Current, $"expected `principal`, `action` or `resource` in the policy scope, found {Current.Describe()}");
        if (Current.Kind == TokenKind.Colon)
        {
            var colonStart = _pos;
            Advance();
            if (Current.Kind != TokenKind.Identifier) throw Syntax(Current, $"expected an entity type after `:`, found {Current.Describe()}");
            ReadPath();
            Error(SpanFrom(colonStart), $"type constraints using `:` are not supported; write `{variable.Text} is Type` instead");
        }
        string? isType = null;
        if (Current.Is("is"))
        {
            Advance();
            isType = ParseEntityTypeName();
        }
        Token? op = null;
        Expr? right = null;
        var rightHadErrors = false;
        if (IsRelationalOperator(Current))
        {
            op = Advance();
            var before = _diagnostics.Count;
            right = ParseExpr();
            rightHadErrors = _diagnostics.Count > before;
        }
        return new ScopeElement(variable, isType, op, right, rightHadErrors, SpanFrom(start));
    }

    private ScopeConstraint ToScopeConstraint(ScopeElement element)
    {
        var variable = element.Variable.Text;
        if (element.Operator is not { } op)
            return element.IsType is null ? new ScopeConstraint.Any(element.Span) : new ScopeConstraint.Is(element.IsType, element.Span);

        if (op.Kind == TokenKind.Equal)
        {
            Error(SpanOf(op), "'=' is not a valid operator in Cedar; use '==' instead");
            return new ScopeConstraint.Any(element.Span);
        }
        if (op.Kind == TokenKind.EqualEqual && element.IsType is not null)
        {
            Error(SpanOf(op), $"`is` cannot be used together with `==`; write `{variable} is {element.IsType} in …` or move the test into a `when` condition");
            return new ScopeConstraint.Any(element.Span);
        }
        if (op.Kind == TokenKind.EqualEqual || op.Is("in"))
        {
            if (op.Is("in") && element.Right is Expr.Is)
            {
                Error(element.Span, $"when `is` and `in` are used together, `is` must come first: `{variable} is Type in …`");
                return new ScopeConstraint.Any(element.Span);
            }
            if (EntityOf(element, op, allowList: false) is not { } entity) return new ScopeConstraint.Any(element.Span);
            if (op.Kind == TokenKind.EqualEqual) return new ScopeConstraint.Eq(entity, element.Span);
            return element.IsType is null
                ? new ScopeConstraint.In(entity, element.Span)
                : new ScopeConstraint.IsIn(element.IsType, entity, element.Span);
        }
        Error(SpanOf(op), $"invalid operator in the policy scope: `{op.Text}`; the scope can use `==`, `in`, `is` and `is … in`");
        return new ScopeConstraint.Any(element.Span);
    }

    private ActionConstraint ToActionConstraint(ScopeElement element)
    {
        if (element.IsType is not null)
        {
            Error(element.Span, "`is` cannot appear in the action scope; test `action is …` in a `when` condition instead");
            return new ActionConstraint.Any(element.Span);
        }
        if (element.Operator is not { } op) return new ActionConstraint.Any(element.Span);
        if (op.Kind == TokenKind.Equal)
        {
            Error(SpanOf(op), "'=' is not a valid operator in Cedar; use '==' instead");
            return new ActionConstraint.Any(element.Span);
        }
        if (op.Kind != TokenKind.EqualEqual && !op.Is("in"))
        {
            Error(SpanOf(op), $"invalid operator in the action scope: `{op.Text}`; the action scope can use `==` and `in`");
            return new ActionConstraint.Any(element.Span);
        }
        if (op.Is("in") && element.Right is Expr.Is)
        {
            Error(element.Span, "`is` cannot appear in the action scope; test `action is …` in a `when` condition instead");
            return new ActionConstraint.Any(element.Span);
        }

        List<EntityUid> entities;
        if (op.Is("in") && element.Right is Expr.Set set && !element.RightHadErrors)
        {
            entities = [];
            foreach (var item in set.Elements)
            {
                if (item is Expr.Literal { Value: EntityValue ev }) entities.Add(ev.Uid);
                else Error(item.Span, $"expected an entity uid like `Action::\"view\"` in the action list, found {Describe(item)}");
            }
            if (entities.Count != set.Elements.Count) return new ActionConstraint.Any(element.Span);
        }
        else if (EntityOf(element, op, allowList: op.Is("in")) is { } entity)
        {
            entities = [entity];
        }
        else
        {
            return new ActionConstraint.Any(element.Span);
        }

        var notActions = entities.Where(e => !CedarNames.IsActionType(e.Type)).ToList();
        if (notActions.Count > 0)
        {
            Error(element.Right!.Span, $"expected {(notActions.Count > 1 ? "entity uids" : "an entity uid")} with type `Action` but got "
                + string.Join(" and ", notActions.Select(e => $"`{e}`")) + "; action entities have the type `Action`, optionally in a namespace");
            return new ActionConstraint.Any(element.Span);
        }
        if (op.Kind == TokenKind.EqualEqual) return new ActionConstraint.Eq(entities[0], element.Span);
        return element.Right is Expr.Set
            ? new ActionConstraint.InList(entities, element.Span)
            : new ActionConstraint.In(entities[0], element.Span);
    }

    /// <summary>The entity literal on the right of a scope operator, or null after reporting what was there instead.</summary>
    private EntityUid? EntityOf(ScopeElement element, Token op, bool allowList)
    {
        if (element.RightHadErrors || element.Right is null) return null;
        if (element.Right is Expr.Literal { Value: EntityValue ev }) return ev.Uid;
        var expected = allowList ? "an entity uid or a list of entity uids" : "an entity uid";
        var hint = element.Right switch
        {
            Expr.Literal { Value: StringValue s } => $"; write the entity type too, as in `Type::{CedarString.Quote(s.Value)}`",
            Expr.Set when element.Variable.Text == "action" => "; `==` takes one entity, `in` takes a list",
            Expr.Set => "; only the action scope takes a list",
            _ => "",
        };
        Error(element.Right.Span, $"expected {expected} (like `User::\"alice\"`) after `{op.Text}`, found {Describe(element.Right)}{hint}");
        return null;
    }

    private static string Describe(Expr expr) => expr switch
    {
        Expr.Literal { Value: StringValue } => "a string literal",
        Expr.Literal { Value: EntityValue } => "an entity uid",
        Expr.Literal l => $"the literal `{l.Value}`",
        Expr.Var v => $"the variable `{v.Variable.ToString().ToLowerInvariant()}`",
        Expr.Set => "a set",
        Expr.Record => "a record",
        _ => "an expression",
    };
}
