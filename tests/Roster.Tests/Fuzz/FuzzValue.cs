using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Roster.Tests.Fuzz;

/// <summary>
/// A request value as the fuzzer builds it: unlike <see cref="System.Text.Json.Nodes.JsonNode"/> it can hold lone
/// UTF-16 surrogates, number texts no .NET number holds (<c>1e309</c>, <c>-0</c>), duplicate keys, raw JSON
/// (10,000-deep nesting) and bytes that are not UTF-8.
/// </summary>
public abstract record FuzzValue
{
    public static FuzzValue Str(string s) => new FStr(s);

    public static FuzzValue Num(string raw) => new FNum(raw);

    public static FuzzValue Bool(bool b) => new FBool(b);

    public static readonly FuzzValue Null = new FNull();

    public static FuzzValue Arr(params FuzzValue[] items) => new FArr(items);

    public static FuzzValue Obj(params (string Key, FuzzValue Value)[] props) => new FObj(props.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList());

    /// <summary>A fixture id (user, group, product environment, …) looked up when the request is sent.</summary>
    public static FuzzValue Ref(string name) => new FRef(name);

    /// <summary>Whether a string holds a UTF-16 surrogate without its other half.</summary>
    public static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The string with each lone surrogate replaced by U+FFFD, as a UTF-8 decoder sees their WTF-8 bytes.</summary>
    public static string Replaced(string s)
    {
        if (!HasLoneSurrogate(s))
        {
            return s;
        }
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                b.Append(s[i]).Append(s[++i]);
            }
            else
            {
                b.Append(char.IsSurrogate(s[i]) ? '\uFFFD' : s[i]);
            }
        }
        return b.ToString();
    }

    public static string Truncate(string s, int max = 300) =>
        s.Length <= max ? s : s[..max] + $"…({s.Length:N0} chars)";
}

public sealed record FStr(string S) : FuzzValue
{
    public override string ToString() => "\"" + Escape(S, 80) + "\"";

    /// <summary>The text with controls, surrogates and invisible characters as \u escapes, cut to <paramref name="max"/> characters.</summary>
    public static string Escape(string s, int max = 200)
    {
        var b = new StringBuilder();
        foreach (var c in s.Length > max ? s[..max] : s)
        {
            b.Append(c < 0x20 || char.IsSurrogate(c) || c is >= '\u007f' and <= '\u009f' or '\u200b' or '\u202e' or '\u3000' or '\uFFFD'
                ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return s.Length > max ? b + $"…({s.Length:N0} chars)" : b.ToString();
    }
}

public sealed record FNum(string Raw) : FuzzValue
{
    public override string ToString() => Raw;
}

public sealed record FBool(bool B) : FuzzValue
{
    public override string ToString() => B ? "true" : "false";
}

public sealed record FNull : FuzzValue
{
    public override string ToString() => "null";
}

public sealed record FArr(IReadOnlyList<FuzzValue> Items) : FuzzValue
{
    public override string ToString() => Items.Count > 5 ? $"[{Items.Count} items: {Items[0]}, …]" : "[" + string.Join(",", Items) + "]";
}

public sealed record FObj(IReadOnlyList<KeyValuePair<string, FuzzValue>> Props) : FuzzValue
{
    public override string ToString() => "{" + string.Join(",", Props.Select(p => $"\"{FStr.Escape(p.Key)}\":{p.Value}")) + "}";

    /// <summary>The value of <paramref name="key"/>; with duplicates, the last one.</summary>
    public FuzzValue? Get(string key) => Props.LastOrDefault(p => p.Key == key).Value;

    public FObj With(string key, FuzzValue? value) =>
        new(value is null
            ? Props.Where(p => p.Key != key).ToList()
            : Props.Any(p => p.Key == key)
                ? Props.Select(p => p.Key == key ? KeyValuePair.Create(key, value) : p).ToList()
                : [.. Props, KeyValuePair.Create(key, value)]);
}

public sealed record FRef(string Name) : FuzzValue
{
    public override string ToString() => "{" + Name + "}";
}

/// <summary>JSON text written as it is (deep nesting); in a form or a query string it is that text.</summary>
public sealed record FRaw(string Json, string Label, bool TooDeep) : FuzzValue
{
    public override string ToString() => Label;
}

/// <summary>A string of bytes that are not UTF-8 (a lone surrogate in WTF-8, 0xFF).</summary>
public sealed record FBadUtf8 : FuzzValue
{
    public static readonly byte[] Bytes = [0xED, 0xA0, 0x80, 0xFF, 0x61];

    public override string ToString() => "\"<bytes ED A0 80 FF 61>\"";
}

/// <summary>Writes values as JSON, form fields, multipart parts and query strings, byte for byte.</summary>
public static class FuzzWire
{
    public static byte[] Json(FuzzValue value)
    {
        using var stream = new MemoryStream();
        WriteJson(stream, value);
        return stream.ToArray();
    }

    private static void WriteJson(MemoryStream o, FuzzValue value)
    {
        switch (value)
        {
            case FStr s:
                WriteJsonString(o, s.S);
                break;
            case FNum n:
                Ascii(o, n.Raw);
                break;
            case FBool b:
                Ascii(o, b.B ? "true" : "false");
                break;
            case FNull:
                Ascii(o, "null");
                break;
            case FArr a:
                o.WriteByte((byte)'[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0) o.WriteByte((byte)',');
                    WriteJson(o, a.Items[i]);
                }
                o.WriteByte((byte)']');
                break;
            case FObj obj:
                o.WriteByte((byte)'{');
                for (var i = 0; i < obj.Props.Count; i++)
                {
                    if (i > 0) o.WriteByte((byte)',');
                    WriteJsonString(o, obj.Props[i].Key);
                    o.WriteByte((byte)':');
                    WriteJson(o, obj.Props[i].Value);
                }
                o.WriteByte((byte)'}');
                break;
            case FRaw raw:
                Ascii(o, raw.Json);
                break;
            case FBadUtf8:
                o.WriteByte((byte)'"');
                o.Write(FBadUtf8.Bytes);
                o.WriteByte((byte)'"');
                break;
            case FRef r:
                throw new InvalidOperationException($"Unresolved fixture id {r.Name}.");
            default:
                throw new InvalidOperationException(value.GetType().Name);
        }
    }

    /// <summary>A JSON string: controls, quotes, backslashes and every surrogate as \u escapes (so lone ones are the text "\ud800").</summary>
    private static void WriteJsonString(MemoryStream o, string s)
    {
        o.WriteByte((byte)'"');
        var run = new StringBuilder();
        foreach (var c in s)
        {
            if (c < 0x20 || c is '"' or '\\' || char.IsSurrogate(c))
            {
                Utf8(o, run.ToString());
                run.Clear();
                Ascii(o, $"\\u{(int)c:x4}");
            }
            else
            {
                run.Append(c);
            }
        }
        Utf8(o, run.ToString());
        o.WriteByte((byte)'"');
    }

    /// <summary>UTF-8, except that a lone surrogate becomes its three WTF-8 bytes (what a careless client sends).</summary>
    public static byte[] Wtf8(string s)
    {
        if (!FuzzValue.HasLoneSurrogate(s))
        {
            return Encoding.UTF8.GetBytes(s);
        }
        using var o = new MemoryStream();
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                o.Write(Encoding.UTF8.GetBytes(s.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                int c = s[i];
                o.WriteByte((byte)(0xE0 | (c >> 12)));
                o.WriteByte((byte)(0x80 | ((c >> 6) & 0x3F)));
                o.WriteByte((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                o.Write(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return o.ToArray();
    }

    private static void Ascii(MemoryStream o, string s) => o.Write(Encoding.ASCII.GetBytes(s));

    private static void Utf8(MemoryStream o, string s) => o.Write(Encoding.UTF8.GetBytes(s));

    /// <summary>The text of a scalar as a form or a query carries it; null for null (sent as an empty value).</summary>
    public static byte[]? FieldBytes(FuzzValue value) => value switch
    {
        FStr s => Wtf8(s.S),
        FNum n => Encoding.ASCII.GetBytes(n.Raw),
        FBool b => Encoding.ASCII.GetBytes(b.B ? "true" : "false"),
        FNull => null,
        FRaw raw => Encoding.ASCII.GetBytes(raw.Json),
        FBadUtf8 => FBadUtf8.Bytes,
        _ => Json(value),
    };

    /// <summary>
    /// A body's fields as the key/value pairs of a form, the way PHP-style clients flatten them: arrays as
    /// <c>k[]=v</c> (objects inside as <c>k[0][x]=v</c>), objects as <c>k[x]=v</c>.
    /// </summary>
    public static List<(string Key, byte[] Value)> Flatten(FObj body)
    {
        var pairs = new List<(string, byte[])>();
        foreach (var (key, value) in body.Props)
        {
            Flatten(key, value, pairs);
        }
        return pairs;
    }

    private static void Flatten(string key, FuzzValue value, List<(string, byte[])> pairs)
    {
        switch (value)
        {
            case FArr a:
                for (var i = 0; i < a.Items.Count; i++)
                {
                    Flatten(a.Items[i] is FArr or FObj ? $"{key}[{i}]" : key + "[]", a.Items[i], pairs);
                }
                break;
            case FObj o:
                foreach (var (k, v) in o.Props)
                {
                    Flatten($"{key}[{k}]", v, pairs);
                }
                break;
            default:
                pairs.Add((key, FieldBytes(value) ?? []));
                break;
        }
    }

    public static string PercentEncode(byte[] bytes, bool plusForSpace = false)
    {
        var b = new StringBuilder(bytes.Length);
        foreach (var x in bytes)
        {
            if (x is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                b.Append((char)x);
            }
            else if (x == (byte)' ' && plusForSpace)
            {
                b.Append('+');
            }
            else
            {
                b.Append('%').Append(x.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return b.ToString();
    }

    public static string PercentEncode(string s) => PercentEncode(Wtf8(s));

    public static byte[] FormUrlEncoded(IEnumerable<(string Key, byte[] Value)> pairs) =>
        Encoding.ASCII.GetBytes(string.Join("&", pairs.Select(p => PercentEncode(Wtf8(p.Key), true) + "=" + PercentEncode(p.Value, true))));

    public static byte[] Multipart(IEnumerable<(string Key, byte[] Value)> pairs, string boundary)
    {
        using var o = new MemoryStream();
        foreach (var (key, value) in pairs)
        {
            Ascii(o, $"--{boundary}\r\n");
            o.Write(Encoding.UTF8.GetBytes($"Content-Disposition: form-data; name=\"{key.Replace("\"", "%22", StringComparison.Ordinal)}\"\r\n\r\n"));
            o.Write(value);
            Ascii(o, "\r\n");
        }
        Ascii(o, $"--{boundary}--\r\n");
        return o.ToArray();
    }

    /// <summary>Query pairs: scalars as they are, lists of scalars as repeated keys, anything else as its JSON text.</summary>
    public static List<(string Key, byte[] Value)> QueryPairs(string key, FuzzValue value, bool bracketed)
    {
        if (value is FArr a && a.Items.All(i => i is not (FArr or FObj)))
        {
            return a.Items.Select(i => (bracketed ? key + "[]" : key, FieldBytes(i) ?? [])).ToList();
        }
        return [(key, FieldBytes(value) ?? [])];
    }

    public static string Query(IEnumerable<(string Key, byte[] Value)> pairs) =>
        string.Join("&", pairs.Select(p => PercentEncode(Wtf8(p.Key)) + "=" + PercentEncode(p.Value)));

    /// <summary>A value's JSON text, as an endpoint that wants a string reads any other value.</summary>
    public static string FromJsonText(FuzzValue value) => Encoding.UTF8.GetString(Json(value));

    /// <summary>Reads JSON (parsed by System.Text.Json) back into a value; strings that are not valid UTF-16 come back replaced.</summary>
    public static FuzzValue FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => FuzzValue.Str(SafeString(e)),
        JsonValueKind.Number => FuzzValue.Num(e.GetRawText()),
        JsonValueKind.True => FuzzValue.Bool(true),
        JsonValueKind.False => FuzzValue.Bool(false),
        JsonValueKind.Array => new FArr(e.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.Object => new FObj(e.EnumerateObject().Select(p => KeyValuePair.Create(SafeName(p), FromJson(p.Value))).ToList()),
        _ => FuzzValue.Null,
    };

    private static string SafeName(JsonProperty p)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            return "\ud800";
        }
    }

    private static string SafeString(JsonElement e)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "\ud800";
        }
    }
}
