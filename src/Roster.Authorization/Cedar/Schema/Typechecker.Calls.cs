using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

internal sealed partial class Typechecker
{
    private const string SetContentsHelp = "try using `contains`, `containsAny`, or `containsAll` to examine the contents of a set";

    /// <summary>The extension methods: receiver type, argument types (after the receiver), result.</summary>
    private static readonly Dictionary<string, (Ty Receiver, Ty[] Arguments, Ty Result)> _extensionMethods = new(StringComparer.Ordinal)
    {
        ["isIpv4"] = (Ty.IpAddr, [], Ty.AnyBool),
        ["isIpv6"] = (Ty.IpAddr, [], Ty.AnyBool),
        ["isLoopback"] = (Ty.IpAddr, [], Ty.AnyBool),
        ["isMulticast"] = (Ty.IpAddr, [], Ty.AnyBool),
        ["isInRange"] = (Ty.IpAddr, [Ty.IpAddr], Ty.AnyBool),
        ["lessThan"] = (Ty.Decimal, [Ty.Decimal], Ty.AnyBool),
        ["lessThanOrEqual"] = (Ty.Decimal, [Ty.Decimal], Ty.AnyBool),
        ["greaterThan"] = (Ty.Decimal, [Ty.Decimal], Ty.AnyBool),
        ["greaterThanOrEqual"] = (Ty.Decimal, [Ty.Decimal], Ty.AnyBool),
    };

    private static readonly string[] _builtInMethods = ["contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag"];

    private static string? SetReceiverHelp(Ty type) => type switch
    {
        EntTy => "try using `in` for entity hierarchy membership",
        RecTy => "try using `has` to test for an attribute",
        StringTy => "try using `like` to examine the contents of a string",
        _ => null,
    };

    private Typed CheckMethodCall(Expr.MethodCall m, Capabilities known)
    {
        var target = Check(m.Target, known);
        var arguments = m.Arguments.Select(a => Check(a, known)).ToList();

        switch (m.Method)
        {
            case "contains":
                if (!HasArity(m, 1)) return Typed.Of(Ty.AnyBool);
                if (Expect(target, m.Target, t => t is SetTy, "a set", SetReceiverHelp)
                    && target.Type is SetTy { Element: { } element } && arguments[0].Type is { } argument
                    && Types.Lub(element, argument, out var whyNot) is null)
                {
                    Problem($"the types {element} and {argument} are not compatible: the elements of the set and the argument of `contains` must have compatible types ({whyNot})", m.Span);
                }
                return Typed.Of(Ty.AnyBool);

            case "containsAll":
            case "containsAny":
                if (!HasArity(m, 1)) return Typed.Of(Ty.AnyBool);
                var receiverOk = Expect(target, m.Target, t => t is SetTy, "a set", SetReceiverHelp);
                var argumentOk = Expect(arguments[0], m.Arguments[0], t => t is SetTy, "a set",
                    _ => "try using `contains` to test if a single element is in a set");
                if (receiverOk && argumentOk && Types.Lub(target.Type!, arguments[0].Type!, out var setsWhyNot) is null)
                    Problem($"the types {target.Type} and {arguments[0].Type} are not compatible: the elements of both sets of `{m.Method}` must have compatible types ({setsWhyNot})", m.Span);
                return Typed.Of(Ty.AnyBool);

            case "isEmpty":
                if (!HasArity(m, 0)) return Typed.Of(Ty.AnyBool);
                Expect(target, m.Target, t => t is SetTy, "a set", t => t is StringTy ? "try using `== \"\"` to test if a string is empty" : null);
                return Typed.Of(Ty.AnyBool);

            case "getTag":
                return CheckGetTag(m, target, arguments, known);

            case "hasTag":
                if (!HasArity(m, 1)) return Typed.Of(Ty.AnyBool);
                var entityOk = Expect(target, m.Target, t => t is EntTy, "an entity");
                var keyOk = Expect(arguments[0], m.Arguments[0], t => t is StringTy, "String");
                if (!entityOk || !keyOk) return Typed.Of(Ty.AnyBool);
                if (TagTypeOf((EntTy)target.Type!) is null) return Typed.Of(Ty.False);
                return new Typed(known.HasTag(m.Target, m.Arguments[0]) ? Ty.True : Ty.AnyBool, Capabilities.Tag(m.Target, m.Arguments[0]));

            default:
                if (_extensionMethods.TryGetValue(m.Method, out var signature))
                {
                    if (!HasArity(m, signature.Arguments.Length)) return Typed.Of(signature.Result);
                    Expect(target, m.Target, t => t == signature.Receiver, signature.Receiver.ToString()!);
                    for (var k = 0; k < arguments.Count; k++)
                    {
                        var expected = signature.Arguments[k];
                        Expect(arguments[k], m.Arguments[k], t => t == expected, expected.ToString()!);
                    }
                    return Typed.Of(signature.Result);
                }
                var suggestion = Suggestions.Closest(m.Method, _builtInMethods.Concat(_extensionMethods.Keys));
                Problem($"undefined method `{m.Method}`{(suggestion is null ? "" : $" (did you mean `{suggestion}`?)")}", m.Span);
                return Typed.Unknown;
        }
    }

    private Typed CheckGetTag(Expr.MethodCall m, Typed target, List<Typed> arguments, Capabilities known)
    {
        if (!HasArity(m, 1)) return Typed.Unknown;
        var entityOk = Expect(target, m.Target, t => t is EntTy, "an entity");
        var keyOk = Expect(arguments[0], m.Arguments[0], t => t is StringTy, "String");
        if (!entityOk || !keyOk) return Typed.Unknown;

        var entity = (EntTy)target.Type!;
        if (TagTypeOf(entity) is not { } tagType)
        {
            // An unknown entity type is reported elsewhere.
            if (_schema.HasEntityType(entity.Name) || _schema.IsActionType(entity.Name))
                Problem($"`.getTag()` is not allowed on entities of type `{entity.Name}` because no `tags` were declared on the entity type in the schema", m.Span);
            return Typed.Unknown;
        }
        if (!known.HasTag(m.Target, m.Arguments[0]))
        {
            var receiverText = PolicyPrinter.Print(m.Target);
            var key = PolicyPrinter.Print(m.Arguments[0]);
            Problem($"unable to guarantee safety of access to tag {key} on entity type `{entity.Name}`; test for it first, as in `{receiverText}.hasTag({key}) && …`", m.Span);
        }
        return Typed.Of(tagType);
    }

    private Ty? TagTypeOf(EntTy entity) =>
        _schema.GetEntityType(entity.Name)?.Tags is { } tags ? Ty.FromSchema(tags) : null;

    private bool HasArity(Expr.MethodCall m, int expected)
    {
        if (m.Arguments.Count == expected) return true;
        Problem($"wrong number of arguments to `.{m.Method}()`: expected {expected}, got {m.Arguments.Count}", m.Span);
        return false;
    }

    private Typed CheckFunctionCall(Expr.FunctionCall f, Capabilities known)
    {
        var arguments = f.Arguments.Select(a => Check(a, known)).ToList();
        Func<string, string?>? parse = f.Function switch
        {
            // The evaluator's own parsers, so that validation and evaluation never disagree on a literal.
            "ip" => text => IpAddrValue.TryParse(text, out var error) is null ? error : null,
            "decimal" => text => DecimalValue.TryParse(text, out var error) is null ? error : null,
            _ => null,
        };
        var result = f.Function == "ip" ? Ty.IpAddr : Ty.Decimal;

        if (parse is null)
        {
            if (_extensionMethods.ContainsKey(f.Function) || _builtInMethods.Contains(f.Function))
                Problem($"`{f.Function}` is a method, not a function: call it as `e.{f.Function}(…)`", f.Span);
            else
            {
                var suggestion = Suggestions.Closest(f.Function, ["ip", "decimal"]);
                Problem($"undefined extension function `{f.Function}`{(suggestion is null ? "" : $" (did you mean `{suggestion}`?)")}", f.Span);
            }
            return Typed.Unknown;
        }

        if (f.Arguments.Count != 1)
        {
            Problem($"wrong number of arguments to `{f.Function}()`: expected 1, got {f.Arguments.Count}", f.Span);
            return Typed.Of(result);
        }
        if (!Expect(arguments[0], f.Arguments[0], t => t is StringTy, "String")) return Typed.Of(result);

        // Strict validation checks the text now, so that a bad literal is not found only at evaluation.
        if (f.Arguments[0] is not Expr.Literal { Value: StringValue text })
            Problem($"extension constructors may not be called with non-literal expressions: write `{f.Function}(\"…\")` with a string literal", f.Span);
        else if (parse(text.Value) is { } error)
            Problem($"{CedarString.Quote(text.Value)} is not a valid argument to `{f.Function}()`: {error}", f.Arguments[0].Span);
        return Typed.Of(result);
    }
}
