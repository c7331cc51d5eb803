namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>An extension function of one or two arguments (a method's receiver is its first).</summary>
internal sealed class ExtensionFunction
{
    private readonly Func<Value, Value>? _unary;
    private readonly Func<Value, Value, Value>? _binary;

    public ExtensionFunction(string name, Func<Value, Value> unary) => (Name, _unary) = (name, unary);
    public ExtensionFunction(string name, Func<Value, Value, Value> binary) => (Name, _binary) = (name, binary);

    public string Name { get; }
    public int Arity => _unary is null ? 2 : 1;

    public Value Call(Value[] arguments)
    {
        if (arguments.Length != Arity) throw EvaluationErrors.WrongArgumentCount(Name, Arity, arguments.Length);
        return _unary is not null ? _unary(arguments[0]) : _binary!(arguments[0], arguments[1]);
    }

    public Value Call(Value argument) => _unary is not null ? _unary(argument) : throw EvaluationErrors.WrongArgumentCount(Name, Arity, 1);
    public Value Call(Value first, Value second) => _binary is not null ? _binary(first, second) : throw EvaluationErrors.WrongArgumentCount(Name, Arity, 2);
}

/// <summary>Cedar's <c>ipaddr</c>, <c>decimal</c> and <c>datetime</c> extensions, by function name.</summary>
internal static class ExtensionFunctions
{
    private static readonly Dictionary<string, ExtensionFunction> _functions = new(StringComparer.Ordinal)
    {
        ["ip"] = new("ip", Ip),
        ["isIpv4"] = new("isIpv4", v => BoolValue.Of(!AsIp(v).IsV6)),
        ["isIpv6"] = new("isIpv6", v => BoolValue.Of(AsIp(v).IsV6)),
        ["isLoopback"] = new("isLoopback", v => BoolValue.Of(AsIp(v).IsLoopback)),
        ["isMulticast"] = new("isMulticast", v => BoolValue.Of(AsIp(v).IsMulticast)),
        ["isInRange"] = new("isInRange", (a, b) =>
        {
            var ip = AsIp(a);
            return BoolValue.Of(ip.IsInRange(AsIp(b)));
        }),
        ["decimal"] = new("decimal", Decimal),
        ["lessThan"] = new("lessThan", (a, b) => Compare(a, b, c => c < 0)),
        ["lessThanOrEqual"] = new("lessThanOrEqual", (a, b) => Compare(a, b, c => c <= 0)),
        ["greaterThan"] = new("greaterThan", (a, b) => Compare(a, b, c => c > 0)),
        ["greaterThanOrEqual"] = new("greaterThanOrEqual", (a, b) => Compare(a, b, c => c >= 0)),
        ["datetime"] = new("datetime", Datetime),
        ["duration"] = new("duration", Duration),
        ["offset"] = new("offset", Offset),
        ["durationSince"] = new("durationSince", DurationSince),
        ["toDate"] = new("toDate", ToDate),
        ["toTime"] = new("toTime", v => new DurationValue(TimeOfDay(AsDatetime(v).EpochMilliseconds))),
        ["toMilliseconds"] = new("toMilliseconds", v => LongValue.Of(AsDuration(v).Milliseconds)),
        ["toSeconds"] = new("toSeconds", v => LongValue.Of(AsDuration(v).Milliseconds / 1000)),
        ["toMinutes"] = new("toMinutes", v => LongValue.Of(AsDuration(v).Milliseconds / 60_000)),
        ["toHours"] = new("toHours", v => LongValue.Of(AsDuration(v).Milliseconds / 3_600_000)),
        ["toDays"] = new("toDays", v => LongValue.Of(AsDuration(v).Milliseconds / DatetimeValue.DayMilliseconds)),
    };

    public static ExtensionFunction? Find(string name) => _functions.GetValueOrDefault(name);

    /// <summary>Builds an extension value from its constructor and string argument (the JSON <c>__extn</c> escape).</summary>
    public static Value Construct(string function, Value argument)
    {
        var f = Find(function) ?? throw EvaluationErrors.UnknownFunction(function);
        return f.Call([argument]);
    }

    private static Value Ip(Value argument)
    {
        var text = Values.AsString(argument);
        return IpAddrValue.TryParse(text, out var error) ?? throw EvaluationErrors.Extension("ipaddr", error!);
    }

    private static Value Decimal(Value argument)
    {
        var text = Values.AsString(argument);
        return DecimalValue.TryParse(text, out var error) ?? throw EvaluationErrors.Extension("decimal", error!);
    }

    private static Value Datetime(Value argument)
    {
        var text = Values.AsString(argument);
        return DatetimeValue.TryParse(text, out var error) ?? throw EvaluationErrors.Extension("datetime", error!);
    }

    private static Value Duration(Value argument)
    {
        var text = Values.AsString(argument);
        return DurationValue.TryParse(text, out var error) ?? throw EvaluationErrors.Extension("duration", error!);
    }

    private static Value Offset(Value datetime, Value duration)
    {
        var d = AsDatetime(datetime);
        var by = AsDuration(duration);
        try { return new DatetimeValue(checked(d.EpochMilliseconds + by.Milliseconds)); }
        catch (OverflowException) { throw EvaluationErrors.Extension("offset", $"overflows when adding an offset: {d}+({by.Milliseconds}ms)"); }
    }

    private static Value DurationSince(Value left, Value right)
    {
        var l = AsDatetime(left);
        var r = AsDatetime(right);
        try { return new DurationValue(checked(l.EpochMilliseconds - r.EpochMilliseconds)); }
        catch (OverflowException) { throw EvaluationErrors.Extension("durationSince", $"overflows when computing the duration between {l} and {r}"); }
    }

    private static Value ToDate(Value value)
    {
        var d = AsDatetime(value);
        var epoch = d.EpochMilliseconds;
        var remainder = ((epoch % DatetimeValue.DayMilliseconds) + DatetimeValue.DayMilliseconds) % DatetimeValue.DayMilliseconds;
        try { return new DatetimeValue(checked(epoch - remainder)); }
        catch (OverflowException) { throw EvaluationErrors.Extension("toDate", $"overflows when computing the date of {d}"); }
    }

    private static long TimeOfDay(long epoch)
    {
        var remainder = epoch % DatetimeValue.DayMilliseconds;
        return remainder < 0 ? remainder + DatetimeValue.DayMilliseconds : remainder;
    }

    private static DatetimeValue AsDatetime(Value value) => value as DatetimeValue ?? throw EvaluationErrors.Type("datetime", value);

    private static DurationValue AsDuration(Value value) => value as DurationValue ?? throw EvaluationErrors.Type("duration", value);

    private static IpAddrValue AsIp(Value value) => value as IpAddrValue ?? throw EvaluationErrors.Type("ipaddr", value);

    private static DecimalValue AsDecimal(Value value) => value as DecimalValue ?? throw EvaluationErrors.Type("decimal", value);

    private static Value Compare(Value left, Value right, Func<int, bool> test)
    {
        var l = AsDecimal(left);
        var r = AsDecimal(right);
        return BoolValue.Of(test(l.Units.CompareTo(r.Units)));
    }
}

/// <summary>A call of an extension function or method; an unknown name fails when evaluated, after its arguments.</summary>
internal sealed class ExtensionCallNode(string name, ExtensionFunction? function, Node[] arguments) : Node
{
    public override Value Eval(EvalEnv env)
    {
        if (arguments.Length == 1 && function is { Arity: 1 })
            return function.Call(arguments[0].Eval(env));
        if (arguments.Length == 2 && function is { Arity: 2 })
        {
            var first = arguments[0].Eval(env);
            return function.Call(first, arguments[1].Eval(env));
        }
        var values = new Value[arguments.Length];
        for (var i = 0; i < arguments.Length; i++) values[i] = arguments[i].Eval(env);
        return (function ?? throw EvaluationErrors.UnknownFunction(name)).Call(values);
    }
}
