using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Types a policy's conditions in one request environment, the way Cedar's strict validator does:
/// singleton <c>true</c>/<c>false</c> types follow short circuits, and the attributes a <c>has</c>
/// proves flow into the right of <c>&amp;&amp;</c>, the <c>then</c> of <c>if</c>, and later
/// <c>when</c> clauses. Reports problems; an expression that cannot be typed gets no type, so one
/// mistake is reported once and not again by every expression around it.
/// </summary>
internal sealed partial class Typechecker
{
    private readonly CedarSchema _schema;
    private readonly RequestEnvironment _environment;
    private readonly List<(string Message, SourceSpan Span)> _problems = [];
    // The type found for each expression node, for messages that describe an access path.
    private readonly Dictionary<Expr, Ty?> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, RecTy?> _entityAttributes = new(StringComparer.Ordinal);

    private Typechecker(CedarSchema schema, RequestEnvironment environment)
    {
        _schema = schema;
        _environment = environment;
    }

    /// <summary>Typechecks the conditions as Cedar reads them: <c>when { a } unless { b }</c> is <c>a &amp;&amp; !b</c>.</summary>
    public static List<(string Message, SourceSpan Span)> CheckConditions(Policy policy, RequestEnvironment environment, CedarSchema schema)
    {
        var checker = new Typechecker(schema, environment);
        var known = Capabilities.None;
        foreach (var condition in policy.Conditions)
        {
            var result = checker.Check(condition.Body, known);
            if (result.Type is { IsBool: false } type)
                checker.Problem($"the condition of {(condition.IsWhen ? "a `when`" : "an `unless`")} clause must be Bool, not {type}", condition.Body.Span);
            var effect = condition.IsWhen ? result.Type : Negate(result.Type);
            // Past a condition that is always false nothing is evaluated; Cedar does not typecheck it either.
            if (effect is { IsFalse: true }) break;
            if (condition.IsWhen) known = known.Union(result.Proves);
        }
        return checker._problems;
    }

    private void Problem(string message, SourceSpan span) => _problems.Add((message, span));

    private static Ty? Negate(Ty? type) => type switch
    {
        { IsTrue: true } => Ty.False,
        { IsFalse: true } => Ty.True,
        BoolTy => Ty.AnyBool,
        _ => null,
    };

    private Typed Check(Expr expr, Capabilities known)
    {
        var result = expr switch
        {
            Expr.Literal l => Typed.Of(TypeOfValue(l.Value)),
            Expr.Var v => Typed.Of(TypeOfVariable(v.Variable)),
            Expr.Unary u => CheckUnary(u, known),
            Expr.Binary b => CheckBinary(b, known),
            Expr.If i => CheckIf(i, known),
            Expr.GetAttr g => CheckGetAttr(g, known),
            Expr.HasAttr h => CheckHasAttr(h, known),
            Expr.Like l => CheckLike(l, known),
            Expr.Is i => CheckIs(i, known),
            Expr.Set s => CheckSet(s, known),
            Expr.Record r => CheckRecord(r, known),
            Expr.MethodCall m => CheckMethodCall(m, known),
            Expr.FunctionCall f => CheckFunctionCall(f, known),
            _ => throw new InvalidOperationException($"unexpected expression {expr.GetType().Name}"),
        };
        _types[expr] = result.Type;
        return result;
    }

    /// <summary>Reports an operand of the wrong type; false when the operand is unusable (wrong or untyped).</summary>
    private bool Expect(Typed operand, Expr expr, Func<Ty, bool> accepts, string expected, Func<Ty, string?>? help = null)
    {
        if (operand.Type is not { } type) return false;
        if (accepts(type)) return true;
        var hint = help?.Invoke(type);
        Problem($"unexpected type: expected {expected} but saw {type}{(hint is null ? "" : $"; {hint}")}", expr.Span);
        return false;
    }

    private bool ExpectBool(Typed operand, Expr expr) => Expect(operand, expr, t => t.IsBool, "Bool");

    private Ty? TypeOfValue(Value value)
    {
        switch (value)
        {
            case BoolValue b: return Ty.Singleton(b.Value);
            case LongValue: return Ty.Long;
            case StringValue: return Ty.String;
            case EntityValue e:
                // Unknown types and actions are reported once per policy by ReferenceChecker.
                return _schema.HasEntityType(e.Uid.Type) || _schema.HasAction(e.Uid) ? new EntTy(e.Uid.Type) : null;
            case SetValue s:
                Ty? element = null;
                foreach (var item in s.Elements)
                {
                    if (TypeOfValue(item) is not { } itemType) return null;
                    element = element is null ? itemType : Types.Lub(element, itemType, out _);
                    if (element is null) return null;
                }
                return new SetTy(element);
            case RecordValue r:
                var attributes = new Dictionary<string, AttrTy>(StringComparer.Ordinal);
                foreach (var (name, item) in r.Attributes)
                {
                    if (TypeOfValue(item) is not { } itemType) return null;
                    attributes[name] = new AttrTy(itemType, true);
                }
                return new RecTy(attributes, false);
            case ExtensionValue x:
                return new ExtTy(x.TypeName);
            default:
                return null;
        }
    }

    private Ty TypeOfVariable(Variable variable) => variable switch
    {
        Variable.Principal => new EntTy(_environment.PrincipalType),
        Variable.Action => new EntTy(_environment.Action.Uid.Type),
        Variable.Resource => new EntTy(_environment.ResourceType),
        Variable.Context => _environment.Context,
        _ => throw new InvalidOperationException($"unexpected variable {variable}"),
    };

    /// <summary>The value of an expression known before any request: a literal, or <c>action</c> (fixed in an environment).</summary>
    private Value? KnownValue(Expr expr) => expr switch
    {
        Expr.Literal l => l.Value,
        Expr.Var { Variable: Variable.Action } => new EntityValue(_environment.Action.Uid),
        _ => null,
    };

    private Typed CheckUnary(Expr.Unary u, Capabilities known)
    {
        var operand = Check(u.Operand, known);
        switch (u.Op)
        {
            case UnaryOp.Not:
                // `!` proves nothing: Cedar drops what the operand proves.
                return Typed.Of(ExpectBool(operand, u.Operand) ? Negate(operand.Type) : Ty.AnyBool);
            case UnaryOp.Negate:
                Expect(operand, u.Operand, t => t is LongTy, "Long");
                return Typed.Of(Ty.Long);
            default:
                throw new InvalidOperationException($"unexpected unary operator {u.Op}");
        }
    }

    private Typed CheckAnd(Expr.Binary b, Capabilities known)
    {
        var left = Check(b.Left, known);
        var leftOk = ExpectBool(left, b.Left);
        if (leftOk && left.Type!.IsFalse) return Typed.Of(Ty.False);
        // The right side is evaluated only when the left is true, so it may use what the left proves.
        var right = Check(b.Right, known.Union(left.Proves));
        var rightOk = ExpectBool(right, b.Right);
        if (!leftOk || !rightOk) return Typed.Of(Ty.AnyBool);
        var proves = left.Proves.Union(right.Proves);
        if (right.Type!.IsFalse) return Typed.Of(Ty.False);
        if (right.Type.IsTrue) return new Typed(left.Type, proves);
        if (left.Type!.IsTrue) return new Typed(right.Type, proves);
        return new Typed(Ty.AnyBool, proves);
    }

    private Typed CheckOr(Expr.Binary b, Capabilities known)
    {
        var left = Check(b.Left, known);
        var leftOk = ExpectBool(left, b.Left);
        if (leftOk && left.Type!.IsTrue) return new Typed(Ty.True, left.Proves);
        // The right side runs when the left is false: it learns nothing from the left.
        var right = Check(b.Right, known);
        var rightOk = ExpectBool(right, b.Right);
        if (!leftOk || !rightOk) return Typed.Of(Ty.AnyBool);
        if (right.Type!.IsTrue) return new Typed(Ty.True, right.Proves);
        if (right.Type.IsFalse) return left;
        if (left.Type!.IsFalse) return right;
        // True when either is true, so only what both prove holds.
        return new Typed(Ty.AnyBool, left.Proves.Intersect(right.Proves));
    }

    private Typed CheckIf(Expr.If i, Capabilities known)
    {
        var test = Check(i.Condition, known);
        var testOk = ExpectBool(test, i.Condition);
        if (testOk && test.Type!.IsTrue)
        {
            var onlyThen = Check(i.Then, known.Union(test.Proves));
            return new Typed(onlyThen.Type, onlyThen.Proves.Union(test.Proves));
        }
        if (testOk && test.Type!.IsFalse) return Check(i.Else, known);

        var then = Check(i.Then, known.Union(test.Proves));
        var otherwise = Check(i.Else, known);
        if (then.Type is null || otherwise.Type is null) return Typed.Unknown;
        if (Types.Lub(then.Type, otherwise.Type, out var whyNot) is not { } type)
        {
            Problem($"the types {then.Type} and {otherwise.Type} are not compatible: both branches of `if` must have compatible types ({whyNot})", i.Span);
            return Typed.Unknown;
        }
        return new Typed(type, then.Proves.Union(test.Proves).Intersect(otherwise.Proves));
    }

    private static bool IsEntityOrRecord(Ty type) => type is EntTy or RecTy;

    /// <summary>The attributes of an entity or record type; null for an entity type the schema does not know (reported elsewhere).</summary>
    private RecTy? AttributesOf(Ty type)
    {
        if (type is RecTy record) return record;
        if (type is not EntTy entity) return null;
        if (!_entityAttributes.TryGetValue(entity.Name, out var attributes))
        {
            attributes = _schema.GetEntityType(entity.Name) is { } definition ? RecTy.FromSchema(definition.Shape)
                : _schema.IsActionType(entity.Name) ? RecTy.Empty
                : null;
            _entityAttributes[entity.Name] = attributes;
        }
        return attributes;
    }

    private Typed CheckGetAttr(Expr.GetAttr g, Capabilities known)
    {
        var target = Check(g.Target, known);
        if (!Expect(target, g.Target, IsEntityOrRecord, "an entity or a record")) return Typed.Unknown;
        if (AttributesOf(target.Type!) is not { } attributes) return Typed.Unknown;

        if (attributes.Attributes.TryGetValue(g.Attribute, out var attribute))
        {
            if (!attribute.Required && !known.HasAttribute(g.Target, g.Attribute))
                Problem($"unable to guarantee safety of access to optional attribute {DescribeAccess(g.Target, g.Attribute)}; test for it first, as in `{HasGuard(g.Target, g.Attribute)} && …`", g.Span);
            // Keep typing past an unguarded access: the type is known, and later mistakes are worth reporting.
            return Typed.Of(attribute.Type);
        }

        var suggestion = Suggestions.Closest(g.Attribute, attributes.Attributes.Keys);
        Problem($"attribute {DescribeAccess(g.Target, g.Attribute)} not found{(suggestion is null ? "" : $" (did you mean `{suggestion}`?)")}", g.Span);
        return Typed.Unknown;
    }

    private Typed CheckHasAttr(Expr.HasAttr h, Capabilities known)
    {
        var target = Check(h.Target, known);
        if (!Expect(target, h.Target, IsEntityOrRecord, "an entity or a record", t => t switch
            {
                SetTy => "try using `contains`, `containsAny`, or `containsAll` to examine the contents of a set",
                StringTy => "try using `like` to examine the contents of a string",
                _ => null,
            }))
            return Typed.Of(Ty.AnyBool);
        if (AttributesOf(target.Type!) is not { } attributes) return Typed.Of(Ty.AnyBool);

        if (attributes.Attributes.TryGetValue(h.Attribute, out var attribute))
        {
            // A record literal or context always has its required attributes; an entity may be missing
            // from the store altogether, so its `has` stays open unless already proven.
            var certain = known.HasAttribute(h.Target, h.Attribute) || (attribute.Required && target.Type is RecTy);
            return new Typed(certain ? Ty.True : Ty.AnyBool, Capabilities.Attribute(h.Target, h.Attribute));
        }
        return Typed.Of(attributes.Open ? Ty.AnyBool : Ty.False);
    }

    /// <summary><c>`address.city` on entity type `User`</c>, <c>`photo.size` in the context of Action::"upload"</c>.</summary>
    private string DescribeAccess(Expr target, string attribute)
    {
        var path = new List<string> { attribute };
        var expr = target;
        while (true)
        {
            if (_types.GetValueOrDefault(expr) is EntTy entity) return $"`{AccessPath(path)}` on entity type `{entity.Name}`";
            if (expr is Expr.Var { Variable: Variable.Context }) return $"`{AccessPath(path)}` in the context of {_environment.Action.Uid}";
            if (expr is not Expr.GetAttr inner) return $"`{AccessPath(path)}`";
            path.Add(inner.Attribute);
            expr = inner.Target;
        }
    }

    private static string AccessPath(List<string> reversed)
    {
        var parts = Enumerable.Reverse(reversed).ToList();
        return string.Concat(parts.Select((p, k) =>
            !CedarNames.IsBareAttribute(p) ? $"[{CedarString.Quote(p)}]" : k == 0 ? p : "." + p));
    }

    private static string HasGuard(Expr target, string attribute) =>
        $"{PolicyPrinter.Print(target)} has {(CedarNames.IsBareAttribute(attribute) ? attribute : CedarString.Quote(attribute))}";

    private Typed CheckLike(Expr.Like l, Capabilities known)
    {
        var target = Check(l.Target, known);
        Expect(target, l.Target, t => t is StringTy, "String", t => t is EntTy ? "try using `is` to test for an entity type" : null);
        return Typed.Of(Ty.AnyBool);
    }

    private Typed CheckIs(Expr.Is i, Capabilities known)
    {
        var target = Check(i.Target, known);
        if (!Expect(target, i.Target, t => t is EntTy, "an entity", _ => "Cedar only supports run time type tests for entities"))
        {
            if (i.In is { } other) Check(other, known);
            return Typed.Of(Ty.AnyBool);
        }
        var isType = Ty.Singleton(((EntTy)target.Type!).Name == i.EntityType);
        if (i.In is not { } inExpr) return Typed.Of(isType);

        // `e is T in x` is `e is T && e in x`.
        if (isType.IsFalse) return Typed.Of(Ty.False);
        var isIn = CheckIn(i.Target, target, inExpr, known);
        if (isIn.Type is { IsFalse: true }) return Typed.Of(Ty.False);
        return Typed.Of(isType.IsTrue ? isIn.Type : Ty.AnyBool);
    }

    private Typed CheckSet(Expr.Set s, Capabilities known)
    {
        var elements = s.Elements.Select(e => Check(e, known)).ToList();
        if (elements.Count == 0)
        {
            Problem("empty set literals are forbidden in policies: the validator cannot know the type of their elements", s.Span);
            return Typed.Of(new SetTy(null));
        }
        if (elements.Any(e => e.Type is null)) return Typed.Unknown;
        var element = elements[0].Type!;
        foreach (var other in elements.Skip(1))
        {
            if (Types.Lub(element, other.Type!, out var whyNot) is not { } lub)
            {
                Problem($"the types {element} and {other.Type} are not compatible: elements of a set must have compatible types ({whyNot})", s.Span);
                return Typed.Unknown;
            }
            element = lub;
        }
        return Typed.Of(new SetTy(element));
    }

    private Typed CheckRecord(Expr.Record r, Capabilities known)
    {
        var attributes = new Dictionary<string, AttrTy>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (name, value) in r.Attributes)
        {
            if (Check(value, known).Type is { } type) attributes[name] = new AttrTy(type, true);
            else ok = false;
        }
        return ok ? Typed.Of(new RecTy(attributes, false)) : Typed.Unknown;
    }
}
