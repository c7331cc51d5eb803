namespace Roster.Authorization.Cedar.Schema;

// The typechecker's types. Beyond the schema's types they know the singleton booleans `true` and
// `false` (how Cedar's validator follows short circuits and `has` guards) and a set whose element
// type is unknown. Subtyping and least upper bounds are those of Cedar's strict mode: no width
// subtyping of records, and entities of different types are never compatible.

internal enum BoolKind { Any, True, False }

internal abstract record Ty
{
    public static readonly Ty AnyBool = new BoolTy(BoolKind.Any);
    public static readonly Ty True = new BoolTy(BoolKind.True);
    public static readonly Ty False = new BoolTy(BoolKind.False);
    public static readonly Ty Long = new LongTy();
    public static readonly Ty String = new StringTy();
    public static readonly Ty IpAddr = new ExtTy("ipaddr");
    public static readonly Ty Decimal = new ExtTy("decimal");

    public static Ty Singleton(bool value) => value ? True : False;

    public static Ty FromSchema(CedarType type) => type switch
    {
        BooleanType => AnyBool,
        LongType => Long,
        StringType => String,
        SetType s => new SetTy(FromSchema(s.Element)),
        RecordType r => RecTy.FromSchema(r),
        EntityType e => new EntTy(e.Name),
        ExtensionType x => new ExtTy(x.Name),
        _ => throw new InvalidOperationException($"unexpected schema type {type}"),
    };

    public bool IsBool => this is BoolTy;
    public bool IsTrue => this is BoolTy { Kind: BoolKind.True };
    public bool IsFalse => this is BoolTy { Kind: BoolKind.False };
}

internal sealed record BoolTy(BoolKind Kind) : Ty
{
    public override string ToString() => "Bool";
}

internal sealed record LongTy : Ty
{
    public override string ToString() => "Long";
}

internal sealed record StringTy : Ty
{
    public override string ToString() => "String";
}

/// <summary>A set; Element null when nothing is known of its elements.</summary>
internal sealed record SetTy(Ty? Element) : Ty
{
    public override string ToString() => Element is null ? "Set" : $"Set<{Element}>";
}

internal sealed record EntTy(string Name) : Ty
{
    public override string ToString() => Name;
}

internal sealed record ExtTy(string Name) : Ty
{
    public override string ToString() => Name;
}

internal sealed record AttrTy(Ty Type, bool Required);

/// <summary>A record type; Open when it may hold attributes beyond those listed.</summary>
internal sealed record RecTy(IReadOnlyDictionary<string, AttrTy> Attributes, bool Open) : Ty
{
    public static readonly RecTy Empty = new(new Dictionary<string, AttrTy>(StringComparer.Ordinal), false);

    public static RecTy FromSchema(RecordType record) => new(
        record.Attributes.ToDictionary(a => a.Key, a => new AttrTy(FromSchema(a.Value.Type), a.Value.Required), StringComparer.Ordinal),
        record.AdditionalAttributes);

    public bool Equals(RecTy? other) =>
        other is not null && Open == other.Open && Attributes.Count == other.Attributes.Count &&
        Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var o) && o == a.Value);

    public override int GetHashCode() => HashCode.Combine(Open, Attributes.Count);

    public override string ToString() =>
        "{" + string.Join(", ", Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}{(a.Value.Required ? "" : "?")}: {a.Value.Type}")) + "}";
}

/// <summary>Cedar's strict subtyping and least upper bounds.</summary>
internal static class Types
{
    public static bool IsSubtype(Ty a, Ty b) => (a, b) switch
    {
        (BoolTy x, BoolTy y) => x.Kind == y.Kind || y.Kind == BoolKind.Any,
        (SetTy x, SetTy y) => y.Element is null || (x.Element is not null && IsSubtype(x.Element, y.Element)),
        (RecTy x, RecTy y) =>
            (!x.Open || y.Open) &&
            x.Attributes.Count == y.Attributes.Count &&
            y.Attributes.All(kv => x.Attributes.TryGetValue(kv.Key, out var xa) &&
                IsSubtype(xa.Type, kv.Value.Type) && (xa.Required || !kv.Value.Required)),
        _ => a == b,
    };

    /// <summary>The least upper bound, or null with the reason the two types are incompatible.</summary>
    public static Ty? Lub(Ty a, Ty b, out string? whyNot)
    {
        whyNot = null;
        if (IsSubtype(a, b)) return b;
        if (IsSubtype(b, a)) return a;
        switch (a, b)
        {
            case (BoolTy, BoolTy):
                return Ty.AnyBool;
            case (SetTy { Element: null }, SetTy) or (SetTy, SetTy { Element: null }):
                return new SetTy(null);
            case (SetTy x, SetTy y):
                return Lub(x.Element!, y.Element!, out whyNot) is { } element ? new SetTy(element) : null;
            case (RecTy x, RecTy y):
                if (x.Attributes.Count != y.Attributes.Count || x.Attributes.Keys.Any(k => !y.Attributes.ContainsKey(k)))
                {
                    whyNot = "compatible record types must have exactly the same attributes";
                    return null;
                }
                var attributes = new Dictionary<string, AttrTy>(StringComparer.Ordinal);
                foreach (var (name, xa) in x.Attributes)
                {
                    var ya = y.Attributes[name];
                    if (xa.Required != ya.Required)
                    {
                        whyNot = "corresponding attributes of compatible record types must be both required or both optional";
                        return null;
                    }
                    if (Lub(xa.Type, ya.Type, out whyNot) is not { } type) return null;
                    attributes[name] = new AttrTy(type, xa.Required);
                }
                return new RecTy(attributes, x.Open || y.Open);
            case (EntTy, EntTy):
                whyNot = "different entity types are never compatible";
                return null;
            case (EntTy, RecTy) or (RecTy, EntTy):
                whyNot = "entity and record types are never compatible";
                return null;
            default:
                whyNot = "types must be exactly equal to be compatible";
                return null;
        }
    }
}
