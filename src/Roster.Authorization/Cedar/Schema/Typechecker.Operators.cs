namespace Roster.Authorization.Cedar.Schema;

internal sealed partial class Typechecker
{
    private Typed CheckBinary(Expr.Binary b, Capabilities known)
    {
        switch (b.Op)
        {
            case BinaryOp.And:
                return CheckAnd(b, known);
            case BinaryOp.Or:
                return CheckOr(b, known);
            case BinaryOp.Eq:
            case BinaryOp.NotEq:
                return CheckEquality(b, known);
            case BinaryOp.Less:
            case BinaryOp.LessEq:
            case BinaryOp.Greater:
            case BinaryOp.GreaterEq:
                CheckLongOperands(b, known, t => t is ExtTy { Name: "decimal" }
                    ? "compare decimal values with `.lessThan()`, `.lessThanOrEqual()`, `.greaterThan()` or `.greaterThanOrEqual()`"
                    : null);
                return Typed.Of(Ty.AnyBool);
            case BinaryOp.Add:
            case BinaryOp.Sub:
            case BinaryOp.Mul:
                CheckLongOperands(b, known, t => (b.Op, t) switch
                {
                    (BinaryOp.Add, StringTy) => "Cedar does not support string concatenation",
                    (_, SetTy) => "Cedar does not support computing the union, intersection, or difference of sets",
                    _ => null,
                });
                return Typed.Of(Ty.Long);
            case BinaryOp.In:
                return CheckIn(b.Left, Check(b.Left, known), b.Right, known);
            default:
                throw new InvalidOperationException($"unexpected binary operator {b.Op}");
        }
    }

    private void CheckLongOperands(Expr.Binary b, Capabilities known, Func<Ty, string?> help)
    {
        var left = Check(b.Left, known);
        var right = Check(b.Right, known);
        Expect(left, b.Left, t => t is LongTy, "Long", help);
        Expect(right, b.Right, t => t is LongTy, "Long", help);
    }

    /// <summary>
    /// <c>==</c> and <c>!=</c>. As in Cedar's strict mode: entities of different types are simply never
    /// equal (the comparison is false), two known values compare to a known result, and any other
    /// pair of types without a common type is an error, since the comparison could never be true.
    /// </summary>
    private Typed CheckEquality(Expr.Binary b, Capabilities known)
    {
        var left = Check(b.Left, known);
        var right = Check(b.Right, known);
        if (left.Type is null || right.Type is null) return Typed.Of(Ty.AnyBool);

        Ty equal;
        if (left.Type is EntTy l && right.Type is EntTy r && l.Name != r.Name)
            equal = Ty.False;
        else if (KnownValue(b.Left) is { } leftValue && KnownValue(b.Right) is { } rightValue)
            equal = Ty.Singleton(leftValue.Equals(rightValue));
        else
        {
            equal = Ty.AnyBool;
            if (Types.Lub(left.Type, right.Type, out var whyNot) is null)
                Problem($"the types {left.Type} and {right.Type} are not compatible: both operands of `{(b.Op == BinaryOp.Eq ? "==" : "!=")}` must have compatible types ({whyNot})", b.Span);
        }
        return Typed.Of(b.Op == BinaryOp.Eq ? equal : Negate(equal));
    }

    /// <summary>
    /// <c>lhs in rhs</c>: an entity in an entity or a set of entities. False when the schema's
    /// hierarchy (memberOfTypes, or the action groups) can never put the left in the right.
    /// </summary>
    private Typed CheckIn(Expr lhs, Typed left, Expr rhs, Capabilities known)
    {
        var right = Check(rhs, known);
        var leftOk = Expect(left, lhs, t => t is EntTy, "an entity",
            _ => "try using `contains`, `containsAny`, or `containsAll` to examine the contents of a set");
        var rightOk = Expect(right, rhs, t => t is EntTy or SetTy { Element: EntTy or null }, "an entity or a set of entities", t => t switch
        {
            SetTy => "try using `contains`, `containsAny`, or `containsAll` to examine the contents of a set",
            StringTy => "try using `like` to examine the contents of a string",
            _ => null,
        });
        if (!leftOk || !rightOk) return Typed.Of(Ty.AnyBool);

        // An action in actions: the schema's action groups decide it exactly.
        if (KnownValue(lhs) is EntityValue { Uid: var action } && IsAction(action) && KnownUids(rhs) is { } groups)
        {
            var actionGroups = groups.Where(IsAction).ToList();
            return Typed.Of(Ty.Singleton(actionGroups.Any(g => _schema.ActionsIn(g).Contains(action))));
        }

        var leftType = ((EntTy)left.Type!).Name;
        var rightType = right.Type switch
        {
            EntTy e => e.Name,
            SetTy { Element: EntTy e } => e.Name,
            _ => null,
        };
        return Typed.Of(rightType is not null && !MayBeIn(leftType, rightType) ? Ty.False : Ty.AnyBool);
    }

    private bool IsAction(EntityUid uid) => _schema.HasAction(uid);

    /// <summary>The entities of a literal, <c>action</c>, or a set of those; null when not all are known.</summary>
    private List<EntityUid>? KnownUids(Expr expr)
    {
        switch (expr)
        {
            case Expr.Set set:
                var uids = new List<EntityUid>();
                foreach (var element in set.Elements)
                {
                    if (KnownValue(element) is not EntityValue e) return null;
                    uids.Add(e.Uid);
                }
                return uids;
            default:
                return KnownValue(expr) switch
                {
                    EntityValue e => [e.Uid],
                    SetValue s when s.Elements.All(v => v is EntityValue) => [.. s.Elements.Cast<EntityValue>().Select(v => v.Uid)],
                    _ => null,
                };
        }
    }

    private bool MayBeIn(string type, string ancestorType) =>
        _schema.CanBeIn(type, ancestorType) ||
        _schema.Actions.Any(a => a.Uid.Type == ancestorType && _schema.ActionsIn(a.Uid).Any(d => d.Type == type));
}
