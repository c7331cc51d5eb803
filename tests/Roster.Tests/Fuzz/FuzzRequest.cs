using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Roster.Tests.Fuzz;

/// <summary>A case with the fixture's ids filled in: the bytes that go to the server.</summary>
public sealed record FuzzRequest(string Method, string RawPath, string RawQuery, string? Authorization, byte[]? Body, string? ContentType)
{
    private const string Boundary = "fuzz-boundary-7d3f";

    public static FuzzRequest Build(FuzzCase c, FuzzPool pool)
    {
        var path = c.Op.Template;
        foreach (var (name, value) in c.Path)
        {
            var segment = value switch
            {
                RealId r => FuzzWire.PercentEncode(pool[r.Pool]),
                OtherAccountId o => FuzzWire.PercentEncode(pool[o.Pool]),
                UnknownId u => u.Id,
                GarbageSegment g => g.Raw,
                _ => throw new InvalidOperationException(),
            };
            path = path.Replace("{" + name + "}", segment, StringComparison.Ordinal);
        }

        var fields = (FObj)Resolve(c.Fields, pool);
        var query = new List<string>();
        byte[]? body = null;
        string? contentType = null;
        if (c.Encoding == BodyEncoding.Query)
        {
            foreach (var (key, value) in fields.Props)
            {
                if (c.RawQueryValues.TryGetValue(key, out var raw))
                {
                    query.Add(FuzzWire.PercentEncode(key) + "=" + raw);
                    continue;
                }
                query.AddRange(FuzzWire.QueryPairs(key, value, c.BracketedLists)
                    .Select(p => FuzzWire.PercentEncode(FuzzWire.Wtf8(p.Key)) + "=" + FuzzWire.PercentEncode(p.Value)));
            }
            foreach (var (key, raw) in c.RawQueryValues.Where(r => fields.Get(r.Key) is null))
            {
                query.Add(FuzzWire.PercentEncode(key) + "=" + raw);
            }
        }
        else if (c.Raw is null)
        {
            switch (c.Encoding)
            {
                case BodyEncoding.Json:
                    body = FuzzWire.Json(fields);
                    contentType = "application/json";
                    break;
                case BodyEncoding.Form:
                    body = FuzzWire.FormUrlEncoded(FuzzWire.Flatten(fields));
                    contentType = "application/x-www-form-urlencoded";
                    break;
                case BodyEncoding.Multipart:
                    body = FuzzWire.Multipart(FuzzWire.Flatten(fields), Boundary);
                    contentType = "multipart/form-data; boundary=" + Boundary;
                    break;
            }
        }
        if (c.Raw is not null)
        {
            body = c.Raw.Bytes;
            contentType = c.Raw.ContentType;
        }
        if (c.ContentTypeChosen)
        {
            contentType = c.ContentType;
        }
        query.AddRange(c.QueryGarbage);
        return new FuzzRequest(c.Method, path, string.Join("&", query), AuthorizationOf(c, pool), body, contentType);
    }

    private static string? AuthorizationOf(FuzzCase c, FuzzPool pool)
    {
        var (key, secret, other, otherSecret, wrongKind, wrongKindSecret) = c.Op.Credentials == Credentials.ProductEnvironmentKey
            ? ("key", "keySecret", "otherKey", "otherKeySecret", "apiKey", "apiSecret")
            : ("apiKey", "apiSecret", "otherApiKey", "otherApiSecret", "key", "keySecret");
        var right = c.Auth == AuthChoice.Right && c.Op.Credentials == Credentials.Anonymous ? null : Basic(pool[key], pool[secret]);
        return c.Auth switch
        {
            AuthChoice.Right => right,
            AuthChoice.None => null,
            AuthChoice.WrongSecret => Basic(pool[key], "not-the-secret"),
            AuthChoice.OtherAccount => Basic(pool[other], pool[otherSecret]),
            AuthChoice.WrongKindOfKey => Basic(pool[wrongKind], pool[wrongKindSecret]),
            _ => c.MalformedAuthorization,
        };
    }

    private static string Basic(string key, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));

    /// <summary>The value with every fixture id filled in.</summary>
    public static FuzzValue Resolve(FuzzValue value, FuzzPool pool) => value switch
    {
        FRef r => FuzzValue.Str(pool[r.Name]),
        FArr a => new FArr(a.Items.Select(i => Resolve(i, pool)).ToList()),
        FObj o => new FObj(o.Props.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, pool))).ToList()),
        _ => value,
    };

    /// <summary>The route value a path segment arrives as (what routing matches and handlers read).</summary>
    public static string RouteValue(string rawSegment) => ServerPath("/" + rawSegment).Value![1..];

    /// <summary>
    /// The path as the server gets it: percent-decoded, as the test host does. Note: a path that decodes to a NUL
    /// is refused by the host itself (as Kestrel refuses it with a 400); such a path goes in undecoded.
    /// </summary>
    public static PathString ServerPath(string rawPath)
    {
        try
        {
            return PathString.FromUriComponent(rawPath);
        }
        catch (InvalidOperationException)
        {
            return new PathString(rawPath);
        }
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : FStr.Escape(Encoding.UTF8.GetString(Body), 400);
        return $"{Method} {FuzzValue.Truncate(RawPath, 200)}{(RawQuery.Length > 0 ? "?" + FuzzValue.Truncate(RawQuery, 200) : "")}\n"
            + $"  Content-Type: {ContentType ?? "(none)"}; Authorization: {(Authorization is null ? "(none)" : FuzzValue.Truncate(Authorization, 40))}\n"
            + $"  body ({Body?.Length ?? 0:N0} bytes): {body}";
    }
}

/// <summary>What the endpoint reads from a request: its parameters as the server's own parsers make them, or that the body is unreadable.</summary>
public sealed record ServerView(string? Unreadable, FObj Values)
{
    public static async Task<ServerView> OfAsync(FuzzRequest request, Reader reader, IReadOnlyList<Field> fields)
    {
        if (reader == Reader.None)
        {
            return new(null, new FObj([]));
        }
        if (reader == Reader.Json)
        {
            return await JsonBodyAsync(request.Body ?? []);
        }
        var body = new FObj([]);
        if (request.Method is not ("GET" or "HEAD") && request.Body is { Length: > 0 } bytes)
        {
            var (unreadable, values) = await ValuesBodyAsync(bytes, request.ContentType);
            if (unreadable is not null)
            {
                return new(unreadable, body);
            }
            body = values;
        }
        // The query string, as RequestValues reads it under a field's name and name[]: for fields the body does not give.
        var query = QueryHelpers.ParseQuery(request.RawQuery.Length == 0 ? "" : "?" + request.RawQuery);
        foreach (var field in fields)
        {
            var given = body.Get(field.Name);
            if (given is not null && given is not FNull && given is not FStr { S.Length: 0 })
            {
                continue;
            }
            var values = new[] { field.Name, field.Name + "[]" }
                .SelectMany(k => query.TryGetValue(k, out var v) ? v.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!) : [])
                .ToList();
            if (values.Count > 0)
            {
                body = body.With(field.Name, values.Count == 1 ? FuzzValue.Str(values[0]) : new FArr(values.Select(FuzzValue.Str).ToList()));
            }
        }
        return new(null, body);
    }

    private static async Task<ServerView> JsonBodyAsync(byte[] bytes)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(new MemoryStream(bytes), new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new(null, (FObj)FuzzWire.FromJson(document.RootElement))
                : new("the body is not a JSON object", new FObj([]));
        }
        catch (JsonException e)
        {
            return new("the body is not JSON: " + e.Message, new FObj([]));
        }
    }

    private static async Task<(string? Unreadable, FObj Values)> ValuesBodyAsync(byte[] bytes, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        if (context.Request.HasFormContentType)
        {
            try
            {
                return (null, Fold(await context.Request.ReadFormAsync()));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
            {
                return ($"the form cannot be read ({e.GetType().Name}: {e.Message})", new FObj([]));
            }
        }
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new FObj([]));
        }
        var type = contentType ?? "";
        if (type.Length > 0 && !type.Contains("json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return ($"a body of Content-Type '{type}'", new FObj([]));
        }
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (null, (FObj)FuzzWire.FromJson(document.RootElement))
                : ("the body is not a JSON object", new FObj([]));
        }
        catch (JsonException e)
        {
            return ("the body is not JSON: " + e.Message, new FObj([]));
        }
    }

    /// <summary>A form as RequestValues folds it: <c>a[]=x</c> and <c>a[0]=x</c> into lists, <c>m[k]=v</c> into objects, repeated keys into lists.</summary>
    private static FObj Fold(IFormCollection form)
    {
        var result = new FObj([]);
        foreach (var (key, values) in form)
        {
            var open = key.IndexOf('[', StringComparison.Ordinal);
            if (open > 0 && key.EndsWith(']'))
            {
                var name = key[..open];
                var inner = key[(open + 1)..^1];
                if (inner.Length == 0 || inner.All(char.IsAsciiDigit))
                {
                    var list = result.Get(name) as FArr ?? new FArr([]);
                    result = result.With(name, new FArr([.. list.Items, .. values.Select(v => FuzzValue.Str(v ?? ""))]));
                }
                else
                {
                    var map = result.Get(name) as FObj ?? new FObj([]);
                    result = result.With(name, map.With(inner, FuzzValue.Str(values.ToString())));
                }
                continue;
            }
            result = result.With(key, values.Count == 1 ? FuzzValue.Str(values[0] ?? "") : new FArr(values.Select(v => FuzzValue.Str(v ?? "")).ToList()));
        }
        return result;
    }
}
