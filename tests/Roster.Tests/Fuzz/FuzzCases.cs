using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace Roster.Tests.Fuzz;

/// <summary>Which credentials a path takes.</summary>
public enum Credentials
{
    Anonymous,

    /// <summary>The account's provisioning key: <c>/v1_1/provisioning/…</c>, <c>/v2/accounts/{account_id}/…</c>, <c>/api/accounts/{account_id}/…</c>.</summary>
    AccountKey,

    /// <summary>An access key of the product environment named in the path: <c>/v1_1/{cloud_name}/…</c>.</summary>
    ProductEnvironmentKey,
}

/// <summary>One operation of the OpenAPI document.</summary>
public sealed partial record Operation(string Method, string Template, string Description, IReadOnlyList<string> QueryParameters)
{
    /// <summary>The statuses the document lists for the operation.</summary>
    public IReadOnlySet<int> Responses { get; init; } = new HashSet<int>();

    public string Key => $"{Method} {Template}";

    public EndpointSpec? Spec => FuzzEndpoints.Known.GetValueOrDefault(Key);

    public IReadOnlyList<string> PathParameters { get; } = [.. Parameter().Matches(Template).Select(m => m.Groups[1].Value)];

    public Credentials Credentials =>
        Template.StartsWith("/v1_1/provisioning/", StringComparison.Ordinal)
        || Template.StartsWith("/v2/accounts/{account_id}", StringComparison.Ordinal)
        || Template.StartsWith("/api/accounts/{account_id}", StringComparison.Ordinal) ? Credentials.AccountKey
        : Template.StartsWith("/v1_1/{cloud_name}", StringComparison.Ordinal) ? Credentials.ProductEnvironmentKey
        : Credentials.Anonymous;

    /// <summary>The error body of the API the path belongs to: the Permissions API's under /v2.</summary>
    public bool SpeaksV2 => Template.StartsWith("/v2/", StringComparison.Ordinal);

    /// <summary>
    /// The fields an endpoint outside the table is fuzzed with: the document's query parameters and the parameter
    /// names its description mentions (snake_case words, and the list after "Body:").
    /// </summary>
    public IReadOnlyList<Field> GuessedFields()
    {
        var names = new List<string>(QueryParameters);
        names.AddRange(SnakeCase().Matches(Description).Select(m => m.Value));
        var body = Regex.Match(Description, @"Body:\s*([^.]*)");
        if (body.Success)
        {
            names.AddRange(Word().Matches(body.Groups[1].Value).Select(m => m.Value));
        }
        return [.. names.Distinct(StringComparer.Ordinal).Select(n => new Field(n, FuzzBase.Free))];
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\b[a-z]+(?:_[a-z]+)+\b")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"\b[a-z][a-z_]*\b")]
    private static partial Regex Word();

    /// <summary>Every operation of an OpenAPI document, in the document's order.</summary>
    public static List<Operation> AllIn(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var description = string.Join(" ", new[] { "summary", "description" }
                    .Select(p => op.Value.TryGetProperty(p, out var t) ? t.GetString() : null).Where(t => t is not null));
                var query = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                var responses = op.Value.TryGetProperty("responses", out var rs)
                    ? rs.EnumerateObject().Select(r => int.TryParse(r.Name, out var code) ? code : 0).ToHashSet()
                    : [];
                operations.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, description, query) { Responses = responses });
            }
        }
        return operations;
    }
}

/// <summary>What a path parameter is filled with.</summary>
public abstract record PathValue;

/// <summary>A real id of account A, from the fixture (<paramref name="Pool"/> names which).</summary>
public sealed record RealId(string Pool) : PathValue;

/// <summary>The id of the same kind of object in account B.</summary>
public sealed record OtherAccountId(string Pool) : PathValue;

public sealed record UnknownId(string Id) : PathValue;

/// <summary>A segment sent as it stands (bad percent-encoding, 100,000 characters, …).</summary>
public sealed record GarbageSegment(string Raw, string Label) : PathValue;

public enum AuthChoice
{
    Right,
    None,
    WrongSecret,
    OtherAccount,
    WrongKindOfKey,
    Malformed,
}

public enum BodyEncoding
{
    None,
    Json,
    Form,
    Multipart,
    Query,
}

/// <summary>One generated request, before the fixture's ids are filled in.</summary>
public sealed class FuzzCase
{
    public required Operation Op { get; init; }

    /// <summary>The generator state this case was drawn from: ROSTER_FUZZ_SEED replays it (and the run after it).</summary>
    public required string Seed { get; init; }

    public required string Method { get; set; }

    public Dictionary<string, PathValue> Path { get; } = [];

    public AuthChoice Auth { get; set; } = AuthChoice.Right;

    /// <summary>The parameters: the body of a non-GET request, the query of a GET (and of a Query-encoded one).</summary>
    public FObj Fields { get; set; } = new([]);

    /// <summary>The parameters before corruption, for the table's self-check.</summary>
    public FObj Base { get; set; } = new([]);

    public BodyEncoding Encoding { get; set; } = BodyEncoding.Json;

    public bool BracketedLists { get; set; }

    public string? ContentType { get; set; }

    public bool ContentTypeChosen { get; set; }

    public RawBody? Raw { get; set; }

    /// <summary>A field's value in the query string, as sent (bad percent-encoding).</summary>
    public Dictionary<string, string> RawQueryValues { get; } = [];

    public List<string> QueryGarbage { get; } = [];

    public bool DuplicateKeys { get; set; }

    public string MalformedAuthorization { get; set; } = "Basic";

    public bool MethodChanged { get; set; }

    /// <summary>What was corrupted, with what class of input (the first one names the case in the report).</summary>
    public List<(string What, string Class)> Corruptions { get; } = [];

    public string InputClass => Corruptions.Count == 0 ? "none" : string.Join(" + ", Corruptions.Select(c => c.Class).Distinct());

    public string Describe() => string.Join("; ", Corruptions.Select(c => $"{c.What} [{c.Class}]"));
}

/// <summary>Draws the cases from CsCheck generators, with one PCG carried from case to case.</summary>
public sealed class FuzzCaseGenerator(IReadOnlyList<Operation> operations, PCG pcg)
{
    private static readonly string[] _methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    private T Draw<T>(Gen<T> gen) => gen.Generate(pcg, null!, out _);

    private int Below(int n) => Draw(Gen.Int[0, n - 1]);

    private bool Chance(int percent) => Below(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    public FuzzCase Next()
    {
        var seed = pcg.ToString();
        var op = Pick(operations);
        var spec = op.Spec;
        var fields = spec?.Fields ?? op.GuessedFields();
        var c = new FuzzCase { Op = op, Seed = seed, Method = op.Method };
        foreach (var name in op.PathParameters)
        {
            c.Path[name] = new RealId(FuzzFixture.PoolFor(name, Chance(10)));
        }
        var baseBody = (spec?.BaseBody ?? FuzzBase.ObjectOf(fields)).Generate(pcg, null!, out _);
        c.Base = baseBody as FObj ?? new FObj([]);
        c.Fields = c.Base;
        var reader = spec?.Reader ?? Reader.Values;
        c.Encoding = op.Method == "GET" || reader == Reader.None ? BodyEncoding.Query
            : reader == Reader.Json ? BodyEncoding.Json
            : Draw(Gen.Frequency((65, Gen.Const(BodyEncoding.Json)), (15, Gen.Const(BodyEncoding.Form)), (12, Gen.Const(BodyEncoding.Multipart)), (8, Gen.Const(BodyEncoding.Query))));
        c.BracketedLists = Chance(50);
        var corruptions = Chance(80) ? 1 : 2;
        for (var i = 0; i < corruptions; i++)
        {
            Corrupt(c, fields, reader);
        }
        return c;
    }

    private void Corrupt(FuzzCase c, IReadOnlyList<Field> fields, Reader reader)
    {
        var slots = Slots(fields, c.Fields, []).ToList();
        var isGet = c.Op.Method == "GET";
        var readsBody = reader != Reader.None && !isGet;
        var choices = new List<(int, Gen<int>)>();
        void Add(int weight, int action)
        {
            if (weight > 0) choices.Add((weight, Gen.Const(action)));
        }
        Add(slots.Count > 0 ? 45 : 0, 0);
        Add(slots.Any(s => s.Field.Required) ? 5 : 0, 1);
        Add(6, 2);
        Add(c.Encoding == BodyEncoding.Json && c.Fields.Props.Count > 0 ? 3 : 0, 3);
        Add(c.Op.PathParameters.Count > 0 ? 14 : 0, 4);
        Add(5, 5);
        Add(readsBody ? 10 : 2, 6);
        Add(readsBody && c.Encoding == BodyEncoding.Json ? 4 : 0, 7);
        Add(4, 8);
        Add(2, 9);
        Add(isGet && slots.Count > 0 ? 6 : 0, 10);
        switch (Draw(Gen.Frequency([.. choices])))
        {
            case 0:
            {
                var slot = Pick(slots);
                var hostile = slot.Field.Kind is TextKind { Name: "policy_statement" } && Chance(30) ? Draw(FuzzHostile.Statement) : Draw(FuzzHostile.Value);
                c.Fields = (FObj)Set(c.Fields, slot.Path, hostile.Value);
                c.Corruptions.Add(($"{string.Join(".", slot.Path)} = {hostile.Value}", hostile.Class));
                break;
            }
            case 1:
            {
                var slot = Pick(slots.Where(s => s.Field.Required).ToList());
                c.Fields = (FObj)Set(c.Fields, slot.Path, null);
                c.Corruptions.Add(($"{string.Join(".", slot.Path)} removed", "required field missing"));
                break;
            }
            case 2:
            {
                var key = Draw(FuzzHostile.UnknownKey);
                var hostile = Draw(FuzzHostile.Value);
                c.Fields = c.Fields.With(key, hostile.Value);
                c.Corruptions.Add(($"unknown field {FStr.Escape(key)} = {hostile.Value}", "unknown field: " + hostile.Class));
                break;
            }
            case 3:
            {
                var (key, value) = Pick(c.Fields.Props);
                var hostile = Chance(50) ? value : Draw(FuzzHostile.Value).Value;
                c.Fields = new FObj([.. c.Fields.Props, KeyValuePair.Create(key, hostile)]);
                c.DuplicateKeys = true;
                c.Corruptions.Add(($"{key} given twice, then {hostile}", "duplicate JSON key"));
                break;
            }
            case 4:
            {
                var name = Pick(c.Op.PathParameters);
                PathValue value = Below(3) switch
                {
                    0 when FuzzFixture.OtherPool(name) is { } other => new OtherAccountId(other),
                    1 => new UnknownId(Draw(Gen.Int[0, int.MaxValue]).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "00000000deadbeef00000000"),
                    _ => Draw(FuzzHostile.PathSegment.Select(s => new GarbageSegment(s.Raw, s.Label))),
                };
                c.Path[name] = value;
                c.Corruptions.Add(($"path {name} = {Label(value)}", value switch
                {
                    OtherAccountId => "other account's id",
                    UnknownId => "unknown id",
                    GarbageSegment g => "path: " + g.Label,
                    _ => "path",
                }));
                break;
            }
            case 5:
            {
                var garbage = Draw(FuzzHostile.QueryGarbage);
                c.QueryGarbage.Add(garbage);
                c.Corruptions.Add(($"query += {FuzzValue.Truncate(garbage, 60)}", "bad query string"));
                break;
            }
            case 6:
            {
                var body = Draw(FuzzHostile.WholeBody);
                c.Raw = body;
                c.Corruptions.Add(($"body = {body.Label} as {body.ContentType}", body.Class));
                break;
            }
            case 7:
            {
                var type = Draw(Gen.OneOf("text/xml", "application/octet-stream", "image/png", "text/html", "application/x-www-form-urlencoded",
                    "multipart/form-data", "multipart/form-data; boundary=AAA", "garbage", "application/json; charset=utf-16", "text/plain", ""));
                c.ContentType = type;
                c.ContentTypeChosen = true;
                c.Corruptions.Add(($"JSON body sent as {(type.Length == 0 ? "an empty Content-Type" : type)}", FuzzHostile.WrongContentType));
                break;
            }
            case 8:
            {
                c.Auth = Draw(Gen.OneOf(AuthChoice.None, AuthChoice.WrongSecret, AuthChoice.OtherAccount, AuthChoice.WrongKindOfKey, AuthChoice.Malformed));
                c.MalformedAuthorization = Draw(Gen.OneOf("Basic", "Basic %%%", "Basic bm9jb2xvbg==", "Bearer abc", "Basic Og==", "Basic " + new string('A', 20_000),
                    "Basic 7aCA", "Digest x", "Basic  "));
                c.Corruptions.Add(($"credentials: {c.Auth}{(c.Auth == AuthChoice.Malformed ? " " + FuzzValue.Truncate(c.MalformedAuthorization, 30) : "")}", "bad credentials"));
                break;
            }
            case 9:
            {
                var defined = operations.Where(o => o.Template == c.Op.Template).Select(o => o.Method).ToHashSet();
                var others = _methods.Where(m => !defined.Contains(m)).ToList();
                if (others.Count == 0) goto case 5;
                c.Method = Pick(others);
                c.MethodChanged = true;
                c.Corruptions.Add(($"method {c.Method}", "method not allowed"));
                break;
            }
            case 10:
            {
                var slot = Pick(slots.Where(s => s.Path.Count == 1).DefaultIfEmpty(slots[0]).ToList());
                var (raw, cls) = Draw(FuzzHostile.QueryValue);
                c.RawQueryValues[slot.Path[0]] = raw;
                c.Corruptions.Add(($"query {slot.Path[0]}={FuzzValue.Truncate(raw, 40)}", cls));
                break;
            }
        }
    }

    private static string Label(PathValue value) => value switch
    {
        OtherAccountId o => $"account B's {o.Pool}",
        UnknownId u => u.Id,
        GarbageSegment g => g.Label,
        RealId r => r.Pool,
        _ => "?",
    };

    /// <summary>The places a value can be corrupted: every field, and the fields inside given objects and the first object of given lists.</summary>
    private static IEnumerable<(List<string> Path, Field Field)> Slots(IReadOnlyList<Field> fields, FObj values, List<string> prefix)
    {
        foreach (var field in fields)
        {
            var path = new List<string>(prefix) { field.Name };
            yield return (path, field);
            var given = values.Get(field.Name);
            if (field.Kind.Children.Count == 0)
            {
                continue;
            }
            if (field.Kind.IsObjectList && given is FArr { Items.Count: > 0 } list && list.Items[0] is FObj first)
            {
                foreach (var inner in Slots(field.Kind.Children, first, [.. path, "0"]))
                {
                    yield return inner;
                }
            }
            else if (given is FObj obj)
            {
                foreach (var inner in Slots(field.Kind.Children, obj, path))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The value with the one at <paramref name="path"/> replaced (or removed when null).</summary>
    private static FuzzValue Set(FuzzValue root, IReadOnlyList<string> path, FuzzValue? value)
    {
        if (path.Count == 0)
        {
            return value ?? FuzzValue.Null;
        }
        switch (root)
        {
            case FObj o:
                var inner = o.Get(path[0]);
                return o.With(path[0], path.Count == 1 ? value : Set(inner ?? new FObj([]), path.Skip(1).ToList(), value));
            case FArr a when int.TryParse(path[0], out var i) && i < a.Items.Count:
                var items = a.Items.ToList();
                items[i] = path.Count == 1 ? value ?? FuzzValue.Null : Set(items[i], path.Skip(1).ToList(), value);
                return new FArr(items);
            default:
                return root;
        }
    }
}
