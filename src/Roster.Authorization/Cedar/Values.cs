using System.Collections.Frozen;

namespace Roster.Authorization.Cedar;

/// <summary>
/// A Cedar value. Equality is Cedar's <c>==</c>: structural, never an error, and false between
/// values of different types.
/// </summary>
public abstract class Value : IEquatable<Value>
{
    private protected Value() { }

    /// <summary>The type's name as Cedar's error messages spell it (<c>bool</c>, <c>long</c>, <c>string</c>, …).</summary>
    public abstract string TypeName { get; }

    public abstract bool Equals(Value? other);
    public sealed override bool Equals(object? obj) => obj is Value v && Equals(v);
    public abstract override int GetHashCode();
}

public sealed class BoolValue : Value
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);
    private BoolValue(bool value) => Value = value;
    public bool Value { get; }
    public static BoolValue Of(bool value) => value ? True : False;
    public override string TypeName => "bool";
    public override bool Equals(Value? other) => other is BoolValue b && b.Value == Value;
    public override int GetHashCode() => Value ? 1 : 0;
    public override string ToString() => Value ? "true" : "false";
}

public sealed class LongValue(long value) : Value
{
    private static readonly LongValue[] _small = CreateSmall();

    public long Value { get; } = value;

    /// <summary>The value, shared for small numbers so that arithmetic and parsing allocate less.</summary>
    public static LongValue Of(long value) =>
        value is >= SmallMin and <= SmallMax ? _small[value - SmallMin] : new LongValue(value);

    private const long SmallMin = -128;
    private const long SmallMax = 1023;

    private static LongValue[] CreateSmall()
    {
        var values = new LongValue[SmallMax - SmallMin + 1];
        for (var i = 0; i < values.Length; i++) values[i] = new LongValue(SmallMin + i);
        return values;
    }

    public override string TypeName => "long";
    public override bool Equals(Value? other) => other is LongValue l && l.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class StringValue(string value) : Value
{
    public string Value { get; } = value;
    public override string TypeName => "string";
    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
    public override string ToString() => CedarString.Quote(Value);
}

public sealed class EntityValue(EntityUid uid) : Value
{
    public EntityUid Uid { get; } = uid;

    /// <summary>The uid's hash, computed once: comparing hashes first spares reading the strings.</summary>
    internal int UidHash { get; } = uid.GetHashCode();

    public override string TypeName => "entity";
    public override bool Equals(Value? other) => other is EntityValue e && e.UidHash == UidHash && e.Uid == Uid;
    public override int GetHashCode() => UidHash;
    public override string ToString() => Uid.ToString();
}

/// <summary>An unordered set without duplicates.</summary>
public sealed class SetValue : Value
{
    public static readonly SetValue Empty = new([]);

    public SetValue(IEnumerable<Value> elements) => Elements = elements.ToFrozenSet();

    public FrozenSet<Value> Elements { get; }
    public override string TypeName => "set";
    public bool Contains(Value value) => Elements.Contains(value);
    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not SetValue s || s.Elements.Count != Elements.Count) return false;
        foreach (var element in s.Elements)
            if (!Elements.Contains(element)) return false;
        return true;
    }

    public override int GetHashCode()
    {
        var hash = Elements.Count;
        foreach (var e in Elements) hash ^= e.GetHashCode();
        return hash;
    }

    public override string ToString() => "[" + string.Join(", ", Elements) + "]";
}

/// <summary>A record: attribute names to values.</summary>
public sealed class RecordValue : Value
{
    public static readonly RecordValue Empty = new(new Dictionary<string, Value>());

    public RecordValue(IReadOnlyDictionary<string, Value> attributes) => Attributes = attributes.ToFrozenDictionary(StringComparer.Ordinal);

    public FrozenDictionary<string, Value> Attributes { get; }
    public override string TypeName => "record";

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not RecordValue r || r.Attributes.Count != Attributes.Count) return false;
        foreach (var (key, value) in Attributes)
            if (!r.Attributes.TryGetValue(key, out var v) || !v.Equals(value)) return false;
        return true;
    }

    public override int GetHashCode()
    {
        var hash = Attributes.Count;
        foreach (var kv in Attributes) hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(kv.Key), kv.Value);
        return hash;
    }

    public override string ToString() =>
        "{" + string.Join(", ", Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{CedarString.Quote(kv.Key)}: {kv.Value}")) + "}";
}

/// <summary>A value of an extension type (<c>ipaddr</c>, <c>decimal</c>).</summary>
public abstract class ExtensionValue : Value
{
    private protected ExtensionValue() { }
}
