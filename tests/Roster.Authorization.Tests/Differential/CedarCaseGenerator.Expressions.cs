using System.Text;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Differential;

// Conditions. Each generator returns Cedar text of (usually) one type; errors of every kind are mixed in
// on purpose, and attribute accesses are often guarded by `has` so that policies are often satisfied.
public sealed partial class CedarCaseGenerator
{
    private enum Kind { Bool, Long, String, Entity, StringSet, EntitySet, Record, Ip, Decimal, Datetime, Duration }

    /// <summary>An attribute (or tag) access of a known kind, the `has` test that guards it, and typical values.</summary>
    private sealed record Ref(string Text, string Guard, Kind Kind, string[] Samples);

    private static readonly string[] _smallLongs = ["0", "1", "2", "3", "4", "5"];

    private static Ref Attr(string receiver, string path, Kind kind, params string[] samples) =>
        new($"{receiver}.{path}", $"{receiver} has {path}", kind, samples);

    private static Ref Index(string receiver, string key, Kind kind, params string[] samples) =>
        new($"{receiver}[{CedarString.Quote(key)}]", $"{receiver} has {CedarString.Quote(key)}", kind, samples);

    private static Ref Tag(string receiver, string key, Kind kind, params string[] samples) =>
        new($"{receiver}.getTag({CedarString.Quote(key)})", $"{receiver}.hasTag({CedarString.Quote(key)})", kind, samples);

    private static string[] Quoted(string[] values) => values.Select(CedarString.Quote).ToArray();

    // Built on first use: the pools it reads are static fields of another part of this class.
    private static readonly Lazy<Ref[]> _refs = new(AllRefs);

    private static Ref[] AllRefs() =>
    [
        Attr("principal", "level", Kind.Long, _smallLongs),
        Index("principal", "level", Kind.Long, _smallLongs),
        Attr("principal", "name", Kind.String, Quoted(_names)),
        Attr("principal", "active", Kind.Bool),
        Attr("principal", "roles", Kind.StringSet, Quoted(_roles)),
        Attr("principal", "profile", Kind.Record),
        Attr("principal", "profile.dept", Kind.String, Quoted(_depts)),
        Attr("principal", "profile.age", Kind.Long, "18", "30", "45", "65"),
        Attr("principal", "profile.address.city", Kind.String, Quoted(_cities)),
        Attr("principal", "manager", Kind.Entity),
        Attr("principal", "home", Kind.Ip),
        Attr("principal", "quota", Kind.Decimal),
        Attr("principal", "teams", Kind.EntitySet),
        Attr("principal", "big", Kind.Long, "0", "7", "4503599627370496", "-4503599627370496"),
        Tag("principal", "tier", Kind.Long, "0", "1", "2", "3"),
        Tag("principal", "env", Kind.String, Quoted(_envs)),
        Attr("principal.manager", "name", Kind.String, Quoted(_names)),
        Attr("resource", "name", Kind.String, Quoted(_names)),
        Index("resource", "display name", Kind.String, Quoted(_names)),
        Attr("resource", "format", Kind.String, Quoted(_formats)),
        Attr("resource", "size", Kind.Long, "0", "10", "100", "500", "1000"),
        Attr("resource", "owner", Kind.Entity),
        Attr("resource", "price", Kind.Decimal),
        Attr("resource", "origin", Kind.Ip),
        Attr("resource", "meta", Kind.Record),
        Attr("resource", "meta.width", Kind.Long, "0", "10", "100", "500"),
        Attr("resource", "meta.tags", Kind.StringSet, Quoted(_labels)),
        Attr("resource", "public", Kind.Bool),
        Attr("resource", "depth", Kind.Long, _smallLongs),
        Attr("resource", "labels", Kind.StringSet, Quoted(_labels)),
        Tag("resource", "env", Kind.String, Quoted(_envs)),
        Tag("resource", "tier", Kind.Long, "0", "1", "2", "3"),
        Tag("resource", "labels", Kind.StringSet, Quoted(_labels)),
        Attr("resource.owner", "level", Kind.Long, _smallLongs),
        Attr("resource.owner", "roles", Kind.StringSet, Quoted(_roles)),
        Attr("context", "hour", Kind.Long, "0", "8", "12", "17", "23"),
        Attr("context", "level", Kind.Long, _smallLongs),
        Attr("context", "mfa", Kind.Bool),
        Attr("context", "tokens", Kind.StringSet, Quoted(_roles)),
        Attr("context", "req", Kind.Record),
        Attr("context", "req.source", Kind.String, Quoted(_sources)),
        Index("context.req", "n", Kind.Long, _smallLongs),
        Attr("context", "ip", Kind.Ip),
        Attr("context", "amount", Kind.Decimal),
        Attr("context", "target", Kind.Entity),
        Attr("context", "big", Kind.Long, "0", "7", "4503599627370496"),
        Attr("context", "now", Kind.Datetime),
        Attr("context", "window", Kind.Duration),
        Attr("action", "risk", Kind.Long, "0", "1", "2", "3"),
    ];

    private Ref PickRef(Kind kind) => Pick(_refs.Value.Where(r => r.Kind == kind).ToArray());

    // A guarded access is true-or-false, never an error, whatever the entity is.
    private string Guarded(Ref r, string atom) => Chance(0.55) ? $"({r.Guard} && {atom})" : $"({atom})";

    private string Bool(int depth)
    {
        if (depth > 0 && Chance(0.35))
        {
            return Roll() switch
            {
                < 0.30 => $"({Bool(depth - 1)} && {Bool(depth - 1)})",
                < 0.55 => $"({Bool(depth - 1)} || {Bool(depth - 1)})",
                < 0.68 => $"!{Bool(depth - 1)}",
                < 0.80 => $"(if {Bool(depth - 1)} then {Bool(depth - 1)} else {Bool(depth - 1)})",
                // Short-circuit: the right operand must not be evaluated, so its error must not count.
                < 0.86 => $"(false && {ErrorBool()})",
                < 0.92 => $"(true || {ErrorBool()})",
                < 0.96 => $"({Bool(depth - 1)} && {ErrorBool()})",
                _ => $"(if false then {ErrorBool()} else {Bool(depth - 1)})",
            };
        }
        return Roll() switch
        {
            < 0.15 => CompareLong(depth),
            < 0.23 => CompareString(),
            < 0.29 => Like(),
            < 0.41 => EntityAtom(depth),
            < 0.48 => HasAtom(),
            < 0.54 => BoolRef(),
            < 0.65 => SetAtom(depth),
            < 0.70 => TagAtom(),
            < 0.76 => IpAtom(),
            < 0.81 => DecimalAtom(),
            < 0.85 => DatetimeAtom(),
            < 0.88 => StructureAtom(),
            < 0.90 => Chance(0.8) ? "true" : "false",
            < 0.92 => CrossTypeEquality(),
            < 0.95 => EdgeAtom(),
            _ => ErrorBool(),
        };
    }

    private string CompareLong(int depth)
    {
        string op = Pick<string>(["==", "!=", "<", "<=", ">", ">="]);
        if (Chance(0.25)) return $"({Long(depth)} {op} {Long(0)})";
        var r = PickRef(Kind.Long);
        var right = Chance(0.75) ? Pick(r.Samples) : Long(depth - 1);
        return Guarded(r, $"{r.Text} {op} {right}");
    }

    private string CompareString()
    {
        var r = PickRef(Kind.String);
        return Guarded(r, $"{r.Text} {(Chance(0.75) ? "==" : "!=")} {(Chance(0.85) ? Pick(r.Samples) : String(1))}");
    }

    private string Like()
    {
        if (Chance(0.2)) return $"({CedarString.Quote(Pick(_names))} like {Pattern(Pick(_names))})";
        var r = PickRef(Kind.String);
        return Guarded(r, $"{r.Text} like {Pattern(Cedar(Pick(r.Samples)))}");
    }

    // The Cedar string value of a literal of the pools (which only escape quotes, backslashes and tabs).
    private static string Cedar(string literal) =>
        literal[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    /// <summary>A pattern that often matches <paramref name="value"/>: exact, prefix, suffix or infix, with literal stars escaped.</summary>
    private string Pattern(string value)
    {
        var runes = value.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var cut = runes.Length == 0 ? 0 : _random.Next(runes.Length + 1);
        var parts = Roll() switch
        {
            < 0.25 => [(value, false)],
            < 0.45 => [(string.Concat(runes[..cut]), false), ("", true)],
            < 0.65 => [("", true), (string.Concat(runes[cut..]), false)],
            < 0.80 => [("", true), (string.Concat(runes[(cut / 2)..cut]), false), ("", true)],
            < 0.90 => [("", true)],
            _ => new (string Text, bool Wildcard)[] { (string.Concat(runes[..cut]), false), ("", true), ("", true), ("x", false) },
        };
        var pattern = new StringBuilder("\"");
        foreach (var (text, wildcard) in parts)
        {
            if (wildcard) { pattern.Append('*'); continue; }
            var quoted = CedarString.Quote(text)[1..^1];
            pattern.Append(quoted.Replace("*", "\\*", StringComparison.Ordinal));
        }
        return pattern.Append('"').ToString();
    }

    private string EntityAtom(int depth)
    {
        var w = _world;
        string Group() => Uid(GroupType, Roll() switch { < 0.9 => Pick(w.Groups), < 0.95 => DepartedGroup, _ => "ghost" });
        string Folder() => Uid(FolderType, Pick(w.Folders));
        return Roll() switch
        {
            < 0.10 => $"(principal == {Uid(UserType, Pick(w.Users))})",
            < 0.25 => $"(principal in {Group()})",
            < 0.37 => $"(resource in {Folder()})",
            < 0.45 => $"(principal in [{Group()}, {Group()}])",
            < 0.50 => $"(resource in [{Folder()}, {Uid(AssetType, Pick(w.Assets))}])",
            < 0.56 => $"(principal is {Pick<string>([UserType, GroupType, "Users"])})",
            < 0.62 => $"(resource is {Pick<string>([AssetType, FolderType, "Asset"])})",
            < 0.67 => $"(principal is User in {Group()})",
            < 0.72 => $"(resource is Media::Asset in {Folder()})",
            < 0.75 => $"(resource is Media::Folder in [{Folder()}, {Folder()}])",
            < 0.80 => $"(action {Pick<string>(["==", "in"])} {Uid(ActionType, Pick<string>(["view", "read", "write", "manage"]))})",
            < 0.83 => $"(action in [{Uid(ActionType, Pick(_leafActions))}, {Uid(ActionType, "write")}])",
            < 0.88 => Guarded(Attr("resource", "owner", Kind.Entity), "resource.owner == principal"),
            < 0.92 => Guarded(Attr("principal", "teams", Kind.EntitySet), $"principal in principal.teams"),
            < 0.95 => Guarded(Attr("context", "target", Kind.Entity), $"context.target in {Group()}"),
            _ => $"({Entity(depth - 1)} {Pick<string>(["==", "!=", "in"])} {Entity(depth - 1)})",
        };
    }

    private string HasAtom()
    {
        string[] specials =
        [
            "principal has nosuch", "resource.meta has width", "context.req has source", "{a: 1} has a", "{a: {b: 1}} has a.b",
            "User::\"ghost\" has level", "principal.profile has address", "context has \"req\"", "resource has meta.tags",
        ];
        if (Chance(0.25)) return $"({Pick(specials)})";
        return $"({Pick(_refs.Value).Guard})";
    }

    private string BoolRef()
    {
        var r = PickRef(Kind.Bool);
        return Guarded(r, r.Text);
    }

    private string SetAtom(int depth)
    {
        if (Chance(0.3))
        {
            string[] literal =
            [
                $"[1, 2, 3].contains({Long(depth - 1)})", "[principal, resource].contains(principal)", "[[1], [2, 3]].contains([3, 2])",
                "[{a: 1}, {a: 2}].contains({a: 2})", "[1, \"a\", true].contains(\"a\")", "[].isEmpty()", "[1, 1].containsAll([1])",
                $"[{Uid(GroupType, Pick(_world.Groups))}].containsAny(principal.teams)", "[ip(\"10.0.0.1\"), decimal(\"1.0\")].contains(ip(\"10.0.0.1\"))",
                "[\"a\", \"b\"].containsAll([])", "[].containsAny([])",
            ];
            return $"({Pick(literal)})";
        }
        var r = Chance(0.8) ? PickRef(Kind.StringSet) : PickRef(Kind.EntitySet);
        var element = r.Kind == Kind.StringSet ? Pick(r.Samples) : Uid(GroupType, Pick(_world.Groups));
        var other = r.Kind == Kind.StringSet ? $"[{string.Join(", ", Sample(r.Samples, _random.Next(0, 3)))}]" : "[]";
        return Roll() switch
        {
            < 0.40 => Guarded(r, $"{r.Text}.contains({element})"),
            < 0.60 => Guarded(r, $"{r.Text}.containsAll({other})"),
            < 0.80 => Guarded(r, $"{r.Text}.containsAny({other})"),
            _ => Guarded(r, $"{r.Text}.isEmpty()"),
        };
    }

    private string TagAtom()
    {
        var receiver = Pick<string>(["principal", "resource", "resource", "context.target"]);
        string key = Pick<string>(["\"env\"", "\"tier\"", "\"labels\"", "\"nope\"", "context.req.source"]);
        return Roll() switch
        {
            < 0.4 => $"({receiver}.hasTag({key}))",
            < 0.8 => Guarded(Tag("resource", "env", Kind.String), $"resource.getTag(\"env\") {(Chance(0.8) ? "==" : "!=")} {CedarString.Quote(Pick(_envs))}"),
            _ => $"({receiver}.hasTag(\"labels\") && {receiver}.getTag(\"labels\").contains({CedarString.Quote(Pick(_labels))}))",
        };
    }

    private string IpAtom() => Roll() switch
    {
        < 0.55 => $"{Ip()}.{Pick<string>(["isIpv4", "isIpv6", "isLoopback", "isMulticast"])}()",
        < 0.85 => $"{Ip()}.isInRange({Ip()})",
        _ => $"({Ip()} {(Chance(0.7) ? "==" : "!=")} {Ip()})",
    };

    private string DecimalAtom() => Chance(0.8)
        ? $"{Decimal()}.{Pick<string>(["lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"])}({Decimal()})"
        : $"({Decimal()} == {Decimal()})";

    private string DatetimeAtom()
    {
        string op = Pick<string>(["==", "!=", "<", "<=", ">", ">="]);
        return Roll() switch
        {
            < 0.25 => $"({Datetime()} {op} {Datetime()})",
            < 0.40 => $"({Duration()} {op} {Duration()})",
            < 0.55 => $"({Datetime()}.offset({Duration()}) {op} {Datetime()})",
            < 0.65 => $"({Datetime()}.durationSince({Datetime()}) {op} {Duration()})",
            < 0.75 => $"({Datetime()}.{Pick<string>(["toDate", "toTime"])}() {op} {(Chance(0.5) ? Datetime() : Duration())})",
            < 0.90 => $"({Duration()}.{Pick<string>(["toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds"])}() {op} {Long(0)})",
            _ => Pick<string>(["(context.now < 1)", "(duration(\"1h\") < datetime(\"2024-01-01\"))", "(context.now.offset(1) == context.now)",
                "(datetime(\"9999-12-31\").offset(duration(\"1000000000d\")) > context.now)", "(decimal(\"1.5\") < decimal(\"2.5\"))",
                "(\"a\" < \"b\")", "(context.window.toDays() == context.window)"]),
        };
    }

    private string StructureAtom()
    {
        string[] atoms =
        [
            $"principal.profile == {{dept: {CedarString.Quote(Pick(_depts))}, age: 30}}", "{a: 1, b: {c: \"x\"}} == {b: {c: \"x\"}, a: 1}",
            "[1, 2] == [2, 1, 1]", $"context.req == {{source: {CedarString.Quote(Pick(_sources))}, n: {_random.Next(0, 10)}}}",
            "{a: {b: 2}}.a.b == 2", "{\"odd key\": 1}[\"odd key\"] == 1", $"{Record()} != {Record()}", "[] == []", "{} == {}",
            "resource.meta.tags == resource.meta.tags", $"{Set()} == {Set()}",
        ];
        return $"({Pick(atoms)})";
    }

    /// <summary>Fine points of values: equal spellings of one value, self-membership, escapes, JSON records that look like entities.</summary>
    private string EdgeAtom()
    {
        string[] atoms =
        [
            "ip(\"10.0.0.1\") == ip(\"10.0.0.1/32\")", "ip(\"::1\") == ip(\"0::1\")", "ip(\"10.1.2.3/8\") == ip(\"10.0.0.0/8\")",
            "ip(\"10.1.2.3/8\").isInRange(ip(\"10.0.0.0/8\"))", "ip(\"10.0.0.0/8\").isInRange(ip(\"10.0.0.1\"))", "ip(\"::1\").isInRange(ip(\"::/0\"))",
            "ip(\"127.0.0.1\").isInRange(ip(\"::1\"))", "ip(\"127.255.255.255/8\").isLoopback()", "ip(\"::ffff:0:0/96\").isIpv6()",
            "decimal(\"1.50\") == decimal(\"1.5\")", "decimal(\"-0.0\") == decimal(\"0.0\")", "{a: decimal(\"1.0\")} == {a: decimal(\"1.00\")}",
            "[decimal(\"1.0\")].contains(decimal(\"1.0000\"))", "principal in principal", "resource in resource", "action in action",
            "User::\"ghost\" in User::\"ghost\"", $"User::\"ghost\" in {Uid(GroupType, Pick(_world.Groups))}", "principal in [principal]",
            "principal in [1]", "principal in []", "principal in {a: 1}", "\"\\u{fc}\" == \"ü\"", "\"z\\u{f6}\" like \"z*\"", "\"zoë\" == principal.name",
            "[1, 1] == [1]", "[{a: 1, b: 2}].contains({b: 2, a: 1})", "[principal.teams] == [principal.teams]", "{} has \"\"", "{\"\": 1}[\"\"] == 1",
            "resource has ref && resource.ref.type == \"User\"", "resource has ref && resource.ref == User::\"alice\"",
            "resource has ref && resource.ref has id", "(if principal has level then principal.level else \"none\") == \"none\"",
            "(principal.nosuch || true)", "(true && principal.nosuch)", "(false || principal has level)", "!(principal has nosuch)",
            "-9223372036854775808 * -1 == 0", "(-1) * -9223372036854775808 == 0", "-9223372036854775807 - 2 < 0", "9223372036854775807 * 1 == 9223372036854775807",
            "-(-9223372036854775807) == 9223372036854775807", "[1, \"1\", true, User::\"alice\"].containsAny([User::\"alice\"])",
            "action.risk >= 0", "action has risk", "Action::\"read\" in Action::\"manage\"", "Action::\"view\" in Action::\"manage\"",
            "User::\"alice\" in Group::\"departed\"", "context == context", "context has now && context.now == context.now.toDate()",
        ];
        return $"({Pick(atoms)})";
    }

    private string CrossTypeEquality() => $"({Pick<string>(["1", "\"1\"", "true", "principal", "[1]", "{a: 1}", "ip(\"10.0.0.1\")", "decimal(\"1.0\")"])} {(Chance(0.7) ? "==" : "!=")} {Pick<string>(["1", "\"1\"", "false", "resource", "[]", "{}"])})";

    /// <summary>An expression that errors (or, for some, may), of every kind of error Cedar has.</summary>
    private string ErrorBool()
    {
        string[] errors =
        [
            "(1 < \"a\")", "(!5)", "(\"a\" && true)", "(1 + true > 0)", "(principal in 5)", "(5 in [1])", "(if 1 then true else false)",
            "([1, 2] < [3])", "(context.hour has x)", "(context.hour.contains(1))", "(principal.name.isEmpty())",
            "(ip(\"1.1.1.1\").isInRange(5))", "(decimal(\"1.0\").lessThan(1))", "(ip(\"1.1.1.1\").isIpv4(1))", "(context.ipText.isIpv4())",
            "({a: 1}.b == 1)", "(principal.nosuch == 1)", "(User::\"ghost\".level > 1)", "(principal.getTag(\"nope\") == 1)",
            "(9223372036854775807 + 1 > 0)", "(-9223372036854775808 - 1 < 0)", "(4611686018427387904 * 2 > 0)", "(-(-9223372036854775807 - 1) > 0)",
            "(decimal(\"1.23456\").lessThan(decimal(\"1.0\")))", "(ip(\"bad\").isIpv4())", "(ip(context.ipText).isIpv4())",
            "(decimal(context.decText).greaterThan(decimal(\"0.0\")))", "([1, \"a\"].containsAll(1))", "(Action::\"view\".level == 1)",
            "(context.req.nosuch == 1)", "(principal.level like \"1\")", "(principal.teams.contains(1) && 1)", "(context.tokens.containsAny(\"admin\"))",
            "(ip(\"10.0.0.1\") < ip(\"10.0.0.2\"))", "(decimal(\"1.0\") + decimal(\"2.0\") == decimal(\"3.0\"))", "(-\"a\" == 1)",
            "(principal.hasTag(1))", "(context.hasTag(\"env\"))", "(resource.getTag(\"env\").contains(\"p\"))", "(\"a\" in principal)",
            "(resource is Media::Asset in 1)", "(principal.level.isIpv4())", "(principal.manager.level > 0)", "(context.target.level >= 0)",
        ];
        return Pick(errors);
    }

    private string Long(int depth)
    {
        if (depth > 0 && Chance(0.3))
        {
            return Roll() switch
            {
                < 0.25 => $"({Long(depth - 1)} + {Long(depth - 1)})",
                < 0.45 => $"({Long(depth - 1)} - {Long(depth - 1)})",
                < 0.60 => $"({Long(depth - 1)} * {Pick<string>(["2", "-1", "0", "2048", "3"])})",
                < 0.68 => $"(-{Long(depth - 1)})",
                < 0.90 => Pick<string>(
                [
                    $"({Pick(_extremeLongs)} + {Long(depth - 1)})", $"({Pick(_extremeLongs)} - {Long(depth - 1)})",
                    "(principal.big * 2048)", $"({Pick(_extremeLongs)} * {Long(depth - 1)})", "(-(-9223372036854775807 - 1))",
                    "(context.big * context.big)", "(9223372036854775807 - context.hour)", "(-9223372036854775807 - context.hour)",
                ]),
                _ => $"(if {Bool(depth - 1)} then {Long(depth - 1)} else {Long(depth - 1)})",
            };
        }
        return Chance(0.5) ? Pick(_smallLongs.Concat(["-1", "10", "100"]).ToArray()) : PickRef(Kind.Long).Text;
    }

    private string String(int depth)
    {
        if (depth > 0 && Chance(0.15)) return $"(if {Bool(depth - 1)} then {String(depth - 1)} else {String(depth - 1)})";
        return Chance(0.5) ? CedarString.Quote(Pick(_names)) : PickRef(Kind.String).Text;
    }

    private string Entity(int depth)
    {
        if (depth > 0 && Chance(0.15)) return $"(if {Bool(depth - 1)} then {Entity(depth - 1)} else {Entity(depth - 1)})";
        return Roll() switch
        {
            < 0.25 => "principal",
            < 0.45 => "resource",
            < 0.55 => "action",
            < 0.70 => Uid(UserType, Chance(0.85) ? Pick(_world.Users) : "ghost"),
            < 0.80 => Uid(FolderType, Pick(_world.Folders)),
            _ => PickRef(Kind.Entity).Text,
        };
    }

    private string Ip() => Roll() switch
    {
        < 0.50 => $"ip({CedarString.Quote(Pick(_validIps))})",
        < 0.58 => $"ip({CedarString.Quote(Pick(_invalidIps))})",
        < 0.66 => "ip(context.ipText)",
        _ => PickRef(Kind.Ip).Text,
    };

    private string Decimal() => Roll() switch
    {
        < 0.50 => $"decimal({CedarString.Quote(Pick(_validDecimals))})",
        < 0.58 => $"decimal({CedarString.Quote(Pick(_invalidDecimals))})",
        < 0.66 => "decimal(context.decText)",
        _ => PickRef(Kind.Decimal).Text,
    };

    private string Datetime() => Roll() switch
    {
        < 0.55 => $"datetime({CedarString.Quote(Pick(_validDatetimes))})",
        < 0.62 => $"datetime({CedarString.Quote(Pick(_invalidDatetimes))})",
        _ => "context.now",
    };

    private string Duration() => Roll() switch
    {
        < 0.55 => $"duration({CedarString.Quote(Pick(_validDurations))})",
        < 0.62 => $"duration({CedarString.Quote(Pick(_invalidDurations))})",
        _ => "context.window",
    };

    private string Record() => Roll() switch
    {
        < 0.4 => $"{{dept: {CedarString.Quote(Pick(_depts))}, age: {Long(0)}}}",
        < 0.6 => $"{{a: {Long(0)}, nested: {{b: {String(0)}, c: [{Long(0)}]}}}}",
        _ => PickRef(Kind.Record).Text,
    };

    private string Set() => Roll() switch
    {
        < 0.3 => $"[{string.Join(", ", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Long(0)))}]",
        < 0.5 => $"[{string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(_ => String(0)))}]",
        _ => PickRef(Chance(0.7) ? Kind.StringSet : Kind.EntitySet).Text,
    };
}
