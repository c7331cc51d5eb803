using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roster.Common;

/// <summary>
/// The parameters of one request, read the tolerant way the official clients need: a JSON,
/// form-urlencoded or multipart body on any method (indexed keys like <c>ids[0]</c> and <c>ids[]</c>
/// folded into lists), then the query string. Empty values mean "not given"; booleans may be strings;
/// lists may be repeated keys, bracketed keys or comma-separated. A value of the wrong shape is a
/// <see cref="BadHttpRequestException"/> naming the parameter, which becomes a 400.
/// </summary>
public sealed class RequestValues
{
    private readonly JsonObject _body;
    private readonly IQueryCollection _query;

    private RequestValues(JsonObject body, IQueryCollection query)
    {
        _body = body;
        _query = query;
    }

    public static RequestValues Empty { get; } = new([], QueryCollection.Empty);

    public static async ValueTask<RequestValues> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var body = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? []
            : await ReadBodyAsync(request, context.RequestAborted);
        return new RequestValues(body, request.Query);
    }

    public static RequestValues FromJson(JsonObject body) => new(body, QueryCollection.Empty);

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
                return s;
            case JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return v.ToJsonString();
            default:
                throw Bad($"'{name}' must be a string.");
        }
    }

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : throw Bad($"'{name}' is required.");

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
        throw Bad($"'{name}' must be true or false.");
    }

    public int? Int(string name, int min, int max)
    {
        var node = Raw(name);
        if (node is null)
        {
            return null;
        }
        long value;
        if (node is JsonValue v && v.TryGetValue(out long l))
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
            throw Bad($"'{name}' must be a whole number.");
        }
        return value < min || value > max ? throw Bad($"'{name}' must be between {min} and {max}.") : (int)value;
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
                            items.AddRange(SplitCommas(s));
                            break;
                        case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                            items.Add(v.ToJsonString());
                            break;
                        case null:
                            break;
                        default:
                            throw Bad($"'{name}' must be a list of strings.");
                    }
                }
                return items;
            case JsonValue v when v.TryGetValue(out string? one):
                return SplitCommas(one).ToList();
            default:
                throw Bad($"'{name}' must be a list of strings.");
        }
    }

    /// <summary>A string map from a JSON object or from CloudinaryDotNet's <c>k=v|k2=v2</c> form.</summary>
    public Dictionary<string, string>? Attributes(string name)
    {
        switch (Raw(name))
        {
            case null:
                return null;
            case JsonObject obj:
                return obj.ToDictionary(
                    p => p.Key,
                    p => p.Value switch
                    {
                        null => "",
                        JsonValue v when v.TryGetValue(out string? s) => s,
                        var other => other.ToJsonString(),
                    },
                    StringComparer.Ordinal);
            case JsonValue v when v.TryGetValue(out string? s):
                return ParsePipeMap(s) ?? throw Bad($"'{name}' must be an object or a k=v|k2=v2 string.");
            default:
                throw Bad($"'{name}' must be an object.");
        }
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
        throw Bad($"'{name}' must be a date such as 2024-01-31.");
    }

    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return allowed.TryGetValue(text.Trim().ToLowerInvariant(), out var value)
            ? value
            : throw Bad($"'{name}' must be one of: {string.Join(", ", allowed.Keys)}.");
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var text = String(name)?.Trim().ToLowerInvariant();
        return text is null || allowed.Contains(text)
            ? text
            : throw Bad($"'{name}' must be one of: {string.Join(", ", allowed)}.");
    }

    public static BadHttpRequestException Bad(string message) => new(message, StatusCodes.Status400BadRequest);

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

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException e)
            {
                throw Bad($"The form body could not be read: {e.Message}");
            }
            return FromForm(form);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var contentType = request.ContentType ?? "";
        if (contentType.Length > 0 && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad($"Unsupported Content-Type '{contentType}': send JSON, form-urlencoded or multipart/form-data.");
        }
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject
                ?? throw Bad("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw Bad($"The request body is not valid JSON: {e.Message}");
        }
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
}
