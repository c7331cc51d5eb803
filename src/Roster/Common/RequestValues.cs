using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Common;

/// <summary>
/// The parameters of one request, read the tolerant way the official clients need: a JSON,
/// form-urlencoded or multipart body on any method (indexed keys like <c>ids[0]</c> and <c>ids[]</c>
/// folded into lists), then the query string. Empty values mean "not given"; booleans may be strings;
/// lists may be repeated keys, bracketed keys or comma-separated.
/// </summary>
/// <remarks>
/// Reading never throws: a value of the wrong shape is recorded as the request's <see cref="Error"/> (the first
/// one wins; it names the field, with the prefix of a nested object such as <c>principals[2].</c>) and the
/// reader answers "not given". An adapter reads every field it needs, then returns <see cref="Error"/> when set.
/// A body that cannot be read at all is the error before any field is read.
/// </remarks>
public sealed class RequestValues
{
    private readonly JsonObject _body;
    private readonly IQueryCollection _query;
    private readonly Refusal _refusal;

    private RequestValues(JsonObject body, IQueryCollection query, Refusal refusal, string prefix)
    {
        _body = body;
        _query = query;
        _refusal = refusal;
        Prefix = prefix;
    }

    /// <summary>How this reader names its fields when it reads an object nested in another.</summary>
    public string Prefix { get; }

    /// <summary>The first refusal met while reading this request (or any object nested in it); null while all is well.</summary>
    public RosterError? Error => _refusal.First;

    public static async ValueTask<RequestValues> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var refusal = new Refusal();
        var body = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? []
            : await ReadBodyAsync(request, refusal, context.RequestAborted);
        return new RequestValues(body, request.Query, refusal, "");
    }

    public static RequestValues FromJson(JsonObject body) => new(body, QueryCollection.Empty, new Refusal(), "");

    /// <summary>Records <paramref name="error"/> as the request's refusal (unless an earlier one stands) and answers "not given".</summary>
    public T? Refuse<T>(RosterError error)
    {
        _refusal.First ??= error;
        return default;
    }

    /// <summary>Records <paramref name="error"/> as the request's refusal, unless an earlier one stands.</summary>
    public void Refuse(RosterError error) => _refusal.First ??= error;

    /// <summary>The field's name as refusals give it: with the prefix of the object it is nested in.</summary>
    public string Full(string name) => Prefix + name;

    public bool Has(string name) => Raw(name) is not null;

    /// <summary>The value as JSON (body value, or the query's strings), for nested objects and arrays; null when not given.</summary>
    public JsonNode? Node(string name) => Raw(name);

    public string? String(string name)
    {
        switch (Raw(name))
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue(out string? s):
                return WireText.Problem(s) is { } problem ? Refuse<string>(Invalid(name, null, $"'{Full(name)}' {problem}.")) : s;
            case JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return v.ToJsonString();
            case var other:
                return Refuse<string>(Invalid(name, Preview(other), $"'{Full(name)}' must be a string."));
        }
    }

    /// <summary>A string that must be given and not blank; "" (with the refusal recorded) when it is not.</summary>
    public string RequiredString(string name)
    {
        if (String(name) is { } s && !string.IsNullOrWhiteSpace(s))
        {
            return s;
        }
        Refuse(new MissingFields(Full(name)));
        return "";
    }

    public bool? Bool(string name)
    {
        var node = Raw(name);
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.True) return true;
            if (v.GetValueKind() == JsonValueKind.False) return false;
            if (v.TryGetValue(out string? s))
            {
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "1": return true;
                    case "false" or "0": return false;
                }
            }
            if (v.TryGetValue(out int i) && i is 0 or 1) return i == 1;
        }
        return Refuse<bool?>(Invalid(name, Preview(node), $"'{Full(name)}' must be true or false."));
    }

    public int? Int(string name, int min, int max)
    {
        var node = Raw(name);
        if (node is null)
        {
            return null;
        }
        long value;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long l))
        {
            value = l;
        }
        else if (node is JsonValue s && s.TryGetValue(out string? text)
                 && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            return Refuse<int?>(Invalid(name, Preview(node), $"'{Full(name)}' must be a whole number."));
        }
        return value < min || value > max
            ? Refuse<int?>(Invalid(name, value, $"'{Full(name)}' must be between {min} and {max}."))
            : (int)value;
    }

    /// <summary>A list from a JSON array, repeated or bracketed keys, or one comma-separated string.</summary>
    public IReadOnlyList<string>? List(string name)
    {
        var node = Raw(name);
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
                var items = new List<string>(array.Count);
                foreach (var item in array)
                {
                    switch (item)
                    {
                        case JsonValue v when v.TryGetValue(out string? s):
                            if (WireText.Problem(s) is { } problem)
                            {
                                return Refuse<IReadOnlyList<string>>(Invalid(name, null, $"'{Full(name)}' {problem}."));
                            }
                            items.AddRange(SplitCommas(s));
                            break;
                        case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                            items.Add(v.ToJsonString());
                            break;
                        case null:
                            break;
                        default:
                            return Refuse<IReadOnlyList<string>>(Invalid(name, Preview(node), $"'{Full(name)}' must be a list of strings."));
                    }
                }
                return items;
            case JsonValue v when v.TryGetValue(out string? one):
                return WireText.Problem(one) is { } oneProblem
                    ? Refuse<IReadOnlyList<string>>(Invalid(name, null, $"'{Full(name)}' {oneProblem}."))
                    : SplitCommas(one).ToList();
            default:
                return Refuse<IReadOnlyList<string>>(Invalid(name, Preview(node), $"'{Full(name)}' must be a list of strings."));
        }
    }

    /// <summary>A string map from a JSON object or from CloudinaryDotNet's <c>k=v|k2=v2</c> form.</summary>
    public Dictionary<string, string>? Attributes(string name)
    {
        var node = Raw(name);
        Dictionary<string, string>? map;
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                map = obj.ToDictionary(
                    p => p.Key,
                    p => p.Value switch
                    {
                        null => "",
                        JsonValue v when v.TryGetValue(out string? s) => s,
                        var other => other.ToJsonString(),
                    },
                    StringComparer.Ordinal);
                break;
            case JsonValue v when v.TryGetValue(out string? s):
                map = ParsePipeMap(s);
                if (map is null)
                {
                    return Refuse<Dictionary<string, string>>(Invalid(name, null, $"'{Full(name)}' must be an object or a k=v|k2=v2 string."));
                }
                break;
            default:
                return Refuse<Dictionary<string, string>>(Invalid(name, Preview(node), $"'{Full(name)}' must be an object."));
        }
        return map.Any(p => WireText.Problem(p.Key) is not null || WireText.Problem(p.Value) is not null)
            ? Refuse<Dictionary<string, string>>(Invalid(name, null, $"'{Full(name)}' must hold text without NUL characters or unpaired surrogates."))
            : map;
    }

    /// <summary>A date in any of the forms the clients send: yyyy-mm-dd, dd-mm-yyyy, ISO date-time.</summary>
    public DateTimeOffset? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        text = text.Trim();
        string[] formats = ["yyyy-MM-dd", "dd-MM-yyyy", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var exact))
        {
            return new DateTimeOffset(exact, TimeSpan.Zero);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso;
        }
        return Refuse<DateTimeOffset?>(Invalid(name, Shorten(text), $"'{Full(name)}' must be a date such as 2024-01-31."));
    }

    /// <summary>One of <paramref name="allowed"/>'s keys, compared without case; null when not given.</summary>
    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return allowed.TryGetValue(text.Trim().ToLowerInvariant(), out var value)
            ? value
            : Refuse<T?>(Invalid(name, Shorten(text), $"'{Full(name)}' must be one of: {string.Join(", ", allowed.Keys)}."));
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var text = String(name)?.Trim().ToLowerInvariant();
        return text is null || allowed.Contains(text)
            ? text
            : Refuse<string>(Invalid(name, Shorten(text), $"'{Full(name)}' must be one of: {string.Join(", ", allowed)}."));
    }

    /// <summary>One nested object, read as its own values (its refusals are this request's); null when not given.</summary>
    public RequestValues? Object(string name) => Raw(name) switch
    {
        null => null,
        JsonObject obj => Nested(obj, Full(name) + "."),
        var other => Refuse<RequestValues>(Invalid(name, Preview(other), $"'{Full(name)}' must be an object.")),
    };

    /// <summary>A list of at most <paramref name="max"/> objects, each read as its own values named like <c>principals[2].</c>.</summary>
    public IReadOnlyList<RequestValues>? Objects(string name, int max)
    {
        switch (Raw(name))
        {
            case null:
                return null;
            case JsonArray array:
                if (array.Count > max)
                {
                    return Refuse<IReadOnlyList<RequestValues>>(Invalid(name, array.Count, $"'{Full(name)}' takes at most {max} items."));
                }
                var items = new List<RequestValues>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject obj)
                    {
                        return Refuse<IReadOnlyList<RequestValues>>(
                            new InvalidField($"{Full(name)}[{i}]", Preview(array[i]), $"'{Full(name)}' must be a list of objects."));
                    }
                    items.Add(Nested(obj, $"{Full(name)}[{i}]."));
                }
                return items;
            case var other:
                return Refuse<IReadOnlyList<RequestValues>>(Invalid(name, Preview(other), $"'{Full(name)}' must be a list of objects."));
        }
    }

    /// <summary>A refusal of the field <paramref name="name"/> (named with this reader's prefix).</summary>
    public InvalidField Invalid(string name, object? value, string reason) => new(Full(name), value, reason);

    /// <summary>A value short enough to echo in a refusal.</summary>
    public static string Shorten(string value) => value.Length > 100 ? value[..100] + "…" : value;

    private static string? Preview(JsonNode? node) => node is null ? null : Shorten(node.ToJsonString());

    private RequestValues Nested(JsonObject obj, string prefix) => new((JsonObject)obj.DeepClone(), QueryCollection.Empty, _refusal, prefix);

    /// <summary>The body's value, else the query's; empty strings are "not given".</summary>
    private JsonNode? Raw(string name)
    {
        if (_body.TryGetPropertyValue(name, out var fromBody) && fromBody is not null && !IsEmptyString(fromBody))
        {
            return fromBody;
        }
        var values = new List<string>();
        foreach (var key in (ReadOnlySpan<string>)[name, name + "[]"])
        {
            if (_query.TryGetValue(key, out var v))
            {
                values.AddRange(v.Where(s => !string.IsNullOrEmpty(s))!);
            }
        }
        return values.Count switch
        {
            0 => null,
            1 => JsonValue.Create(values[0]),
            _ => new JsonArray(values.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        };
    }

    private static bool IsEmptyString(JsonNode node) => node is JsonValue v && v.TryGetValue(out string? s) && s.Length == 0;

    private static IEnumerable<string> SplitCommas(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, Refusal refusal, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                return FromForm(await request.ReadFormAsync(ct));
            }

            var utf8 = await JsonBody.ReadAsync(request.Body, ct);
            if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                return [];
            }
            var contentType = request.ContentType ?? "";
            if (contentType.Length > 0 && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                refusal.First = new InvalidField("body", null,
                    $"Unsupported Content-Type '{Shorten(contentType)}': send JSON, form-urlencoded or multipart/form-data.");
                return [];
            }
            if (JsonBody.Problem(utf8.Span) is { } problem)
            {
                refusal.First = new InvalidField("body", null, problem);
                return [];
            }
            if (JsonNode.Parse(utf8.Span, documentOptions: JsonBody.Options) is JsonObject body)
            {
                return body;
            }
            refusal.First = new InvalidField("body", null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            refusal.First = new InvalidField("body", null, $"The request body is not valid JSON: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            refusal.First = new InvalidField("body", null, $"The form body could not be read: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            refusal.First = new PipelineStatus(ErrorKind.PayloadTooLarge, "Request body too large");
        }
        catch (IOException e)
        {
            // Note: a malformed multipart body surfaces as an IOException from the form reader.
            refusal.First = new InvalidField("body", null, $"The form body could not be read: {e.Message}");
        }
        return [];
    }

    /// <summary>Folds <c>a[0]=x&amp;a[1]=y</c>, <c>a[]=x</c> and repeated keys into arrays, <c>m[k]=v</c> into objects.</summary>
    private static JsonObject FromForm(IFormCollection form)
    {
        var result = new JsonObject();
        foreach (var (key, values) in form)
        {
            var open = key.IndexOf('[');
            if (open > 0 && key.EndsWith(']'))
            {
                var name = key[..open];
                var inner = key[(open + 1)..^1];
                if (inner.Length == 0 || inner.All(char.IsAsciiDigit))
                {
                    var array = result[name] as JsonArray ?? new JsonArray();
                    result[name] = array;
                    foreach (var v in values)
                    {
                        array.Add(v);
                    }
                    continue;
                }
                var map = result[name] as JsonObject ?? new JsonObject();
                result[name] = map;
                map[inner] = values.ToString();
                continue;
            }
            result[key] = values.Count == 1
                ? JsonValue.Create(values[0])
                : new JsonArray(values.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }
        return result;
    }

    /// <summary>Parses <c>k=v|k2=v2</c> where <c>\|</c>, <c>\=</c> and <c>\\</c> are escapes.</summary>
    private static Dictionary<string, string>? ParsePipeMap(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Trim() is "" or "{}")
        {
            return result;
        }
        var key = new StringBuilder();
        var value = new StringBuilder();
        var current = key;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (c == '=' && current == key)
            {
                current = value;
            }
            else if (c == '|')
            {
                if (current != value) return null;
                result[key.ToString()] = value.ToString();
                key.Clear();
                value.Clear();
                current = key;
            }
            else
            {
                current.Append(c);
            }
        }
        if (current != value) return null;
        result[key.ToString()] = value.ToString();
        return result;
    }

    /// <summary>The one refusal a request and the objects nested in it share.</summary>
    private sealed class Refusal
    {
        public RosterError? First { get; set; }
    }
}
