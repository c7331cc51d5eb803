using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace Roster.Tests.Fuzz;

/// <summary>
/// Whether a request must be refused: <see cref="MustRefuse"/> means any answer but a 4xx is a failure; otherwise
/// a 2xx is as acceptable as a 4xx (the value was one a tolerant server may take).
/// </summary>
public readonly record struct Verdict(bool MustRefuse, string Why)
{
    public static readonly Verdict Any = new(false, "");

    public static Verdict Refuse(string why) => new(true, why);

    public Verdict Then(Func<Verdict> next) => MustRefuse ? this : next();

    public Verdict Named(string field) => MustRefuse ? new(true, $"{field}: {Why}") : this;

    public override string ToString() => MustRefuse ? "must refuse (" + Why + ")" : "may accept";
}

/// <summary>What the judge knows besides the value: how the endpoint reads JSON, and the fixture's real ids and tokens.</summary>
public sealed class JudgeContext
{
    /// <summary>The decision endpoints read JSON themselves: strings must be strings, and an empty string is a value.</summary>
    public bool Strict { get; init; }

    public required Func<string, bool> IsRealId { get; init; }

    public required Func<string, bool> IsToken { get; init; }

    /// <summary>The folder of a folder-roles request (its ancestors must differ from it).</summary>
    public string? FolderId { get; init; }
}

/// <summary>
/// One parameter of an endpoint: its name, its kind, whether it is required (and then whether a blank text counts as
/// not given, as for most), the parameters whose presence makes the endpoint ignore it, and whether any value of it
/// is valid (one that is always refused never goes into a valid request).
/// </summary>
public sealed record Field(string Name, Kind Kind, bool Required = false, string[]? SkippedBy = null, bool BlankIsMissing = true, bool NeverValid = false)
{
    public Verdict Judge(FuzzValue? value, JudgeContext c)
    {
        var missing = value is null or FNull || (!c.Strict && value is FStr { S.Length: 0 });
        if (missing)
        {
            return Required ? Verdict.Refuse($"'{Name}' is required but not given") : Verdict.Any;
        }
        if (Required && BlankIsMissing && value is FStr s && string.IsNullOrWhiteSpace(s.S))
        {
            return Verdict.Refuse($"'{Name}' is required but blank");
        }
        return Kind.Judge(value!, c).Named(Name);
    }
}

/// <summary>A kind of parameter: how to make a valid value of it, and which values an endpoint must refuse.</summary>
public abstract class Kind
{
    public abstract Gen<FuzzValue> Valid { get; }

    /// <summary>Judges a given (non-null) value as the endpoint reads it.</summary>
    public abstract Verdict Judge(FuzzValue value, JudgeContext c);

    /// <summary>The fields inside an object, or inside each object of a list.</summary>
    public virtual IReadOnlyList<Field> Children => [];

    public virtual bool IsObjectList => false;

    protected static Verdict WrongType(string what) => Verdict.Refuse("must be " + what);
}

/// <summary>A string parameter (numbers and booleans count as their text, except where the endpoint reads JSON strictly).</summary>
public sealed class TextKind(string name, Func<string, JudgeContext, Verdict> rule, Gen<FuzzValue> valid) : Kind
{
    public string Name => name;

    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => value switch
    {
        FStr s => rule(s.S, c),
        FNum n when !c.Strict => rule(n.Raw, c),
        FBool b when !c.Strict => rule(b.B ? "true" : "false", c),
        _ => WrongType("a string"),
    };
}

public sealed class BoolKind(Gen<FuzzValue> valid) : Kind
{
    private static readonly HashSet<string> _texts = ["true", "false", "1", "0"];

    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => value switch
    {
        FBool => Verdict.Any,
        FStr s => _texts.Contains(s.S.Trim().ToLowerInvariant()) ? Verdict.Any : Verdict.Refuse("must be true or false"),
        FNum n => n.Raw is "0" or "1" or "-0" ? Verdict.Any : Verdict.Refuse("must be true or false"),
        _ => WrongType("true or false"),
    };
}

public sealed class IntKind(long min, long max, Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c)
    {
        switch (value)
        {
            case FNum n when Rules.Integer().IsMatch(n.Raw):
                var big = BigInteger.Parse(n.Raw, CultureInfo.InvariantCulture);
                return big >= min && big <= max ? Verdict.Any : Verdict.Refuse($"must be between {min} and {max}");
            case FNum:
                return Verdict.Refuse("must be a whole number");
            case FStr s:
                return long.TryParse(s.S.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
                    ? l >= min && l <= max ? Verdict.Any : Verdict.Refuse($"must be between {min} and {max}")
                    : Verdict.Refuse("must be a whole number");
            default:
                return WrongType("a whole number");
        }
    }
}

/// <summary>
/// A list read the tolerant way: a JSON array of strings or numbers, repeated keys, or one comma-separated string,
/// each item trimmed and empty items dropped. <paramref name="jsonText"/>: a string starting with <c>[</c> is a JSON array.
/// </summary>
public sealed class ListKind(Func<string, JudgeContext, Verdict> item, Gen<FuzzValue> valid, int min = 0, int max = int.MaxValue,
    bool distinctFromFolder = false, bool jsonText = false) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c)
    {
        if (c.Strict)
        {
            return StrictItems(value, item, c, max);
        }
        if (jsonText && value is FStr t && t.S.TrimStart().StartsWith('['))
        {
            try
            {
                using var parsed = JsonDocument.Parse(t.S);
                value = FuzzWire.FromJson(parsed.RootElement);
            }
            catch (JsonException)
            {
                return Verdict.Refuse("must be a list of strings");
            }
            if (value is not FArr)
            {
                return Verdict.Refuse("must be a list of strings");
            }
        }
        var items = new List<string>();
        switch (value)
        {
            case FArr a:
                foreach (var x in a.Items)
                {
                    switch (x)
                    {
                        case FStr s:
                            items.AddRange(Split(s.S));
                            break;
                        case FNum n:
                            items.Add(n.Raw);
                            break;
                        case FNull:
                            break;
                        default:
                            return Verdict.Refuse("must be a list of strings");
                    }
                }
                break;
            case FStr s:
                items.AddRange(Split(s.S));
                break;
            default:
                return WrongType("a list of strings");
        }
        if (items.Count < min || items.Count > max)
        {
            return Verdict.Refuse($"takes {min} to {max} items, not {items.Count}");
        }
        if (distinctFromFolder && (items.Distinct(StringComparer.Ordinal).Count() != items.Count || (c.FolderId is { } f && items.Contains(f))))
        {
            return Verdict.Refuse("must list distinct folders");
        }
        foreach (var i in items)
        {
            if (item(i, c) is { MustRefuse: true } refused)
            {
                return refused;
            }
        }
        return Verdict.Any;
    }

    private static IEnumerable<string> Split(string s) => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The decision endpoints' lists: a JSON array of at most <paramref name="max"/> strings, nothing else.</summary>
    private static Verdict StrictItems(FuzzValue value, Func<string, JudgeContext, Verdict> item, JudgeContext c, int max)
    {
        if (value is not FArr a || a.Items.Count > max || a.Items.Any(i => i is not FStr))
        {
            return Verdict.Refuse($"must be a list of at most {max} strings");
        }
        foreach (var s in a.Items.Cast<FStr>())
        {
            if (item(s.S, c) is { MustRefuse: true } refused)
            {
                return refused;
            }
        }
        return Verdict.Any;
    }
}

/// <summary>An object whose fields are judged one by one.</summary>
public sealed class ObjectKind(IReadOnlyList<Field> children, Gen<FuzzValue>? valid = null) : Kind
{
    public override IReadOnlyList<Field> Children => children;

    public override Gen<FuzzValue> Valid => valid ?? FuzzBase.ObjectOf(children);

    public override Verdict Judge(FuzzValue value, JudgeContext c) =>
        value is FObj o ? FuzzJudge.Fields(children, o, c) : WrongType("an object");
}

/// <summary>A list of objects (role assignments, principals, decision requests).</summary>
public sealed class ObjectListKind(IReadOnlyList<Field> children, int min, int max, Gen<FuzzValue>? valid = null) : Kind
{
    public override IReadOnlyList<Field> Children => children;

    public override bool IsObjectList => true;

    public override Gen<FuzzValue> Valid => valid ?? FuzzBase.ObjectOf(children).Select(o => FuzzValue.Arr(o));

    public override Verdict Judge(FuzzValue value, JudgeContext c)
    {
        if (value is not FArr a)
        {
            return WrongType("a list of objects");
        }
        if (a.Items.Count < min || a.Items.Count > max)
        {
            return Verdict.Refuse($"takes {min} to {max} objects, not {a.Items.Count}");
        }
        for (var i = 0; i < a.Items.Count; i++)
        {
            var verdict = a.Items[i] is FObj o ? FuzzJudge.Fields(children, o, c) : WrongType("a list of objects");
            if (verdict.MustRefuse)
            {
                return verdict.Named($"[{i}]");
            }
        }
        return Verdict.Any;
    }
}

/// <summary>An object of string values whose keys and values are ids (policy parameters), or its JSON text.</summary>
public sealed class StringMapKind(Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c)
    {
        switch (value)
        {
            case FObj o:
                foreach (var (key, v) in o.Props)
                {
                    if (v is not FStr s)
                    {
                        return Verdict.Refuse($"'{key}' must be a string");
                    }
                    var verdict = Rules.Id(key, c).Then(() => Rules.Id(s.S, c));
                    if (verdict.MustRefuse)
                    {
                        return verdict;
                    }
                }
                return Verdict.Any;
            case FStr s when s.S.TrimStart().StartsWith('{'):
                try
                {
                    using var parsed = JsonDocument.Parse(s.S);
                    return Judge(FuzzWire.FromJson(parsed.RootElement), c);
                }
                catch (JsonException)
                {
                    return Verdict.Refuse("must be an object of strings");
                }
            default:
                return WrongType("an object of strings");
        }
    }
}

/// <summary>A free-form map: an object, or CloudinaryDotNet's <c>k=v|k2=v2</c> text.</summary>
public sealed class MapKind(Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => value switch
    {
        FObj => Verdict.Any,
        FStr s when s.S.Trim() is "" or "{}" || s.S.Contains('=', StringComparison.Ordinal) => Verdict.Any,
        FStr => Verdict.Refuse("must be an object or a k=v|k2=v2 string"),
        _ => WrongType("an object"),
    };
}

/// <summary>
/// The folder endpoints' principal: an object read as a map of texts (a non-string value counts as its JSON text),
/// or the <c>k=v|k2=v2</c> text; <c>type</c> is user, group or apiKey, <c>id</c> 1 to 255 characters without controls.
/// </summary>
public sealed class FolderPrincipalKind(Gen<FuzzValue> valid) : Kind
{
    private static readonly HashSet<string> _types = new(["user", "group", "apiKey"], StringComparer.Ordinal);

    public override Gen<FuzzValue> Valid => valid;

    public override IReadOnlyList<Field> Children { get; } =
        [new("type", FuzzBase.Free, Required: true), new("id", FuzzBase.Free, Required: true)];

    public override Verdict Judge(FuzzValue value, JudgeContext c)
    {
        switch (value)
        {
            case FObj o:
                var type = TextOf(o.Get("type"));
                if (type is null || !_types.Contains(type))
                {
                    return Verdict.Refuse("'principal.type' must be user, group or apiKey");
                }
                var id = TextOf(o.Get("id"));
                return id is null || id.Length is 0 or > 255 || id.Any(char.IsControl) || FuzzValue.HasLoneSurrogate(id)
                    ? Verdict.Refuse("'principal.id' must be 1 to 255 characters without control characters")
                    : Verdict.Any;
            case FStr s when s.S.Trim() is "" or "{}" || !s.S.Contains('=', StringComparison.Ordinal):
                return Verdict.Refuse("'principal' must name a type and an id");
            case FStr:
                return Verdict.Any;
            default:
                return WrongType("an object");
        }
    }

    private static string? TextOf(FuzzValue? v) => v switch
    {
        null => null,
        FStr s => s.S,
        FNull => "",
        _ => FuzzWire.FromJsonText(v),
    };
}

/// <summary>A Cedar record: any object.</summary>
public sealed class ContextKind(Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => value is FObj ? Verdict.Any : WrongType("a JSON object");
}

/// <summary>Anything goes: unknown fields, search texts, cursors.</summary>
public sealed class FreeKind(Gen<FuzzValue> valid) : Kind
{
    public override Gen<FuzzValue> Valid => valid;

    public override Verdict Judge(FuzzValue value, JudgeContext c) => Verdict.Any;
}

/// <summary>The rules of the string kinds, each named after what it protects.</summary>
public static partial class Rules
{
    [GeneratedRegex("^-?[0-9]+$")]
    public static partial Regex Integer();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex CloudNameText();

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex RoleIdText();

    private static bool Controls(string s) => s.Any(char.IsControl);

    /// <summary>A display name: trimmed, 1 to 255 characters, no control characters, valid UTF-16.</summary>
    public static Verdict Name(string s, JudgeContext c)
    {
        if (FuzzValue.HasLoneSurrogate(s)) return Verdict.Refuse("a lone surrogate is not text");
        var t = s.Trim();
        if (t.Length == 0) return Verdict.Refuse("blank");
        if (t.Length > 255) return Verdict.Refuse($"{t.Length:N0} characters");
        return Controls(t) ? Verdict.Refuse("control characters") : Verdict.Any;
    }

    /// <summary>Clearly not an e-mail address: no @, a control, space or lone surrogate in it, too long.</summary>
    public static Verdict Email(string s, JudgeContext c)
    {
        var t = s.Trim();
        return FuzzValue.HasLoneSurrogate(t) || t.Length > 254 || t.IndexOf('@', StringComparison.Ordinal) <= 0 || t.EndsWith('@')
               || t.Any(x => char.IsControl(x) || char.IsWhiteSpace(x))
            ? Verdict.Refuse("not an e-mail address")
            : Verdict.Any;
    }

    /// <summary>An id of the Permissions API: trimmed, 1 to 255 characters, no control characters.</summary>
    public static Verdict Id(string s, JudgeContext c)
    {
        if (FuzzValue.HasLoneSurrogate(s)) return Verdict.Refuse("a lone surrogate is not text");
        var t = c.Strict ? s : s.Trim();
        if (t.Length is 0 or > 255) return Verdict.Refuse($"an id of {t.Length:N0} characters");
        return Controls(t) ? Verdict.Refuse("control characters") : Verdict.Any;
    }

    /// <summary>A folder id: 1 to 255 characters without control characters (any other text is a folder).</summary>
    public static Verdict FolderId(string s, JudgeContext c) =>
        s.Length is 0 or > 255 || Controls(s) ? Verdict.Refuse($"a folder id of {s.Length:N0} characters or with controls") : Verdict.Any;

    /// <summary>An existing object of account A, named by its id.</summary>
    public static Verdict Real(string s, JudgeContext c) => c.IsRealId(s) ? Verdict.Any : Verdict.Refuse("no such object in the account");

    public static Verdict Token(string s, JudgeContext c) => c.IsToken(s) ? Verdict.Any : Verdict.Refuse("not an issued token");

    public static Verdict Password(string s, JudgeContext c) =>
        FuzzValue.HasLoneSurrogate(s) ? Verdict.Refuse("a lone surrogate is not text")
        : s.Length is < 8 or > 256 ? Verdict.Refuse($"a password of {s.Length:N0} characters")
        : Verdict.Any;

    public static Verdict CloudName(string s, JudgeContext c) =>
        CloudNameText().IsMatch(s.Trim()) ? Verdict.Any : Verdict.Refuse("not 1 to 64 letters, digits or underscores");

    /// <summary>Not Cedar at all (a policy starts with permit or forbid), or not text.</summary>
    public static Verdict Cedar(string s, JudgeContext c) =>
        FuzzValue.HasLoneSurrogate(s) ? Verdict.Refuse("a lone surrogate is not text")
        : s.TrimStart().StartsWith("permit", StringComparison.Ordinal) || s.TrimStart().StartsWith("forbid", StringComparison.Ordinal) ? Verdict.Any
        : Verdict.Refuse("not a Cedar policy");

    /// <summary>A required text whose value the endpoint checks itself (a name to look up, an e-mail to log in with).</summary>
    public static Verdict RequiredText(string s, JudgeContext c) =>
        FuzzValue.HasLoneSurrogate(s) ? Verdict.Refuse("a lone surrogate is not text") : Verdict.Any;

    /// <summary>A name looked up: values no name can hold cannot match.</summary>
    public static Verdict NameLookup(string s, JudgeContext c) =>
        FuzzValue.HasLoneSurrogate(s) || string.IsNullOrWhiteSpace(s) || Controls(s) || s.Length > 255
            ? Verdict.Refuse("no name can be this") : Verdict.Any;

    /// <summary>A custom role's chosen id: letters, digits and _ - . :, never cld::.</summary>
    public static Verdict RoleId(string s, JudgeContext c)
    {
        var id = Id(s, c);
        if (id.MustRefuse) return id;
        var t = s.Trim();
        return t.StartsWith("cld::", StringComparison.OrdinalIgnoreCase) || !RoleIdText().IsMatch(t) ? Verdict.Refuse("not a role id") : Verdict.Any;
    }

    /// <summary>A date: no text without a digit is one.</summary>
    public static Verdict Date(string s, JudgeContext c) =>
        FuzzValue.HasLoneSurrogate(s) || !s.Any(char.IsAsciiDigit) ? Verdict.Refuse("not a date") : Verdict.Any;

    /// <summary>Free text of at most <paramref name="max"/> characters, line breaks and tabs allowed.</summary>
    public static Func<string, JudgeContext, Verdict> Text(int max) => (s, c) =>
        s.Any(x => char.IsControl(x) && x is not '\n' and not '\r' and not '\t') ? Verdict.Refuse("control characters")
        : s.Length > max ? Verdict.Refuse($"{s.Length:N0} characters")
        : Verdict.Any;

    /// <summary>One of <paramref name="values"/>, compared as the endpoint does.</summary>
    public static Func<string, JudgeContext, Verdict> OneOf(IEnumerable<string> values, bool ignoreCase = true, bool trim = true)
    {
        var set = new HashSet<string>(values, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        return (s, c) => set.Contains(trim ? s.Trim() : s) ? Verdict.Any : Verdict.Refuse("not one of " + string.Join(", ", set.Take(8)));
    }

    public static Verdict Free(string s, JudgeContext c) => Verdict.Any;

    public static Verdict Never(string s, JudgeContext c) => Verdict.Refuse("never accepted");
}

public static class FuzzJudge
{
    /// <summary>The first field of <paramref name="fields"/> the object's values make the endpoint refuse.</summary>
    public static Verdict Fields(IReadOnlyList<Field> fields, FObj values, JudgeContext c)
    {
        foreach (var field in fields)
        {
            if (field.SkippedBy is { } skippers && skippers.Any(k => values.Get(k) is { } given && given is not FNull && given is not FStr { S.Length: 0 }))
            {
                continue;
            }
            var verdict = field.Judge(values.Get(field.Name), c);
            if (verdict.MustRefuse)
            {
                return verdict;
            }
        }
        return Verdict.Any;
    }
}
