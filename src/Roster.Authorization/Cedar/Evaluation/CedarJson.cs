using System.Text.Json;
using Roster.Authorization.Cedar.Evaluation;

namespace Roster.Authorization.Cedar;

/// <summary>
/// Cedar's JSON formats for values, contexts and entities: strings, booleans and integers as
/// themselves, arrays as sets, objects as records, and the escapes
/// <c>{"__entity": {"type", "id"}}</c> and <c>{"__extn": {"fn", "arg"}}</c>. Malformed input is a
/// <see cref="CedarEntityException"/> saying what and where.
/// </summary>
public static class CedarJson
{
    private static readonly JsonDocumentOptions _options = new() { MaxDepth = 128 };

    /// <summary>A request context: a JSON object (an empty or absent text is the empty record).</summary>
    public static RecordValue ParseContext(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return RecordValue.Empty;
        using var document = Parse(json, "context");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new CedarEntityException($"context must be a JSON object, not {Describe(document.RootElement)}");
        return (RecordValue)ParseValue(document.RootElement, "context");
    }

    /// <summary>A Cedar value from its JSON form; <paramref name="where"/> names it in error messages.</summary>
    public static Value ParseValue(JsonElement element, string where = "value")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True: return BoolValue.True;
            case JsonValueKind.False: return BoolValue.False;
            case JsonValueKind.String: return new StringValue(element.GetString()!);
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var number)) return LongValue.Of(number);
                throw new CedarEntityException($"in {where}, `{element.GetRawText()}` is not an integer in the range of a 64-bit signed integer");
            case JsonValueKind.Array:
                var elements = new List<Value>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) elements.Add(ParseValue(item, where));
                return new SetValue(elements);
            case JsonValueKind.Object:
                return ParseObject(element, where);
            case JsonValueKind.Null:
                throw new CedarEntityException($"in {where}, found a `null`; JSON `null`s are not allowed in Cedar");
            default:
                throw new CedarEntityException($"in {where}, unexpected JSON {element.ValueKind}");
        }
    }

    /// <summary>Entities in Cedar's JSON entity format: an array of <c>{"uid", "attrs", "parents", "tags"}</c>.</summary>
    public static IReadOnlyList<Entity> ParseEntities(string json)
    {
        using var document = Parse(json, "entities");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
            throw new CedarEntityException($"entities must be a JSON array, not {Describe(root)}");
        var entities = new List<Entity>(root.GetArrayLength());
        var index = 0;
        foreach (var item in root.EnumerateArray()) entities.Add(ParseEntity(item, index++));
        return entities;
    }

    /// <summary>An entity reference: <c>{"type", "id"}</c> or <c>{"__entity": {"type", "id"}}</c>.</summary>
    public static EntityUid ParseEntityUid(JsonElement element, string where = "entity reference")
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("__entity", out var inner)) element = inner;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            throw new CedarEntityException($"in {where}, expected an entity reference {{\"type\": …, \"id\": …}}, found {Describe(element)}");
        return new EntityUid(CheckTypeName(type.GetString()!, where), id.GetString()!);
    }

    private static Entity ParseEntity(JsonElement item, int index)
    {
        var where = $"entity #{index}";
        if (item.ValueKind != JsonValueKind.Object)
            throw new CedarEntityException($"{where} must be a JSON object, not {Describe(item)}");
        if (!item.TryGetProperty("uid", out var uidElement)) throw new CedarEntityException($"{where}: missing field `uid`");
        var uid = ParseEntityUid(uidElement, $"the uid of {where}");
        where = $"`{uid}`";
        if (!item.TryGetProperty("attrs", out var attrs)) throw new CedarEntityException($"{where}: missing field `attrs`");
        if (!item.TryGetProperty("parents", out var parentsElement)) throw new CedarEntityException($"{where}: missing field `parents`");
        if (parentsElement.ValueKind != JsonValueKind.Array)
            throw new CedarEntityException($"{where}: `parents` must be an array, not {Describe(parentsElement)}");
        var parents = new List<EntityUid>(parentsElement.GetArrayLength());
        foreach (var parent in parentsElement.EnumerateArray()) parents.Add(ParseEntityUid(parent, $"the parents of {where}"));
        var tags = item.TryGetProperty("tags", out var tagsElement) ? ParseMap(tagsElement, "tag", where) : null;
        return new Entity(uid, ParseMap(attrs, "attribute", where), parents, tags);
    }

    private static Dictionary<string, Value> ParseMap(JsonElement element, string kind, string owner)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new CedarEntityException($"{owner}: the {kind}s must be a JSON object, not {Describe(element)}");
        var map = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var where = $"{kind} `{property.Name}` on {owner}";
            if (!map.TryAdd(property.Name, ParseValue(property.Value, where)))
                throw new CedarEntityException($"{owner}: duplicate {kind} `{property.Name}`");
        }
        return map;
    }

    // One-key objects may be escapes, recognised as Cedar recognises them; anything else is a record.
    private static Value ParseObject(JsonElement element, string where)
    {
        using var properties = element.EnumerateObject();
        var first = properties.MoveNext() ? properties.Current : default;
        var single = first.Value.ValueKind != JsonValueKind.Undefined && !properties.MoveNext();
        if (single)
        {
            var inner = first.Value;
            switch (first.Name)
            {
                case "__entity" when inner.ValueKind == JsonValueKind.Object && IsString(inner, "type") && IsString(inner, "id"):
                    return new EntityValue(ParseEntityUid(inner, where));
                case "__extn" when inner.ValueKind == JsonValueKind.Object && IsString(inner, "fn") && (inner.TryGetProperty("arg", out _) || inner.TryGetProperty("args", out _)):
                    return ParseExtension(inner, where);
                case "__expr" when inner.ValueKind == JsonValueKind.String:
                    throw new CedarEntityException($"in {where}, the `__expr` escape is no longer supported");
            }
        }
        var attributes = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!attributes.TryAdd(property.Name, ParseValue(property.Value, where)))
                throw new CedarEntityException($"in {where}, duplicate key `{property.Name}` in a record");
        }
        return new RecordValue(attributes);
    }

    private static Value ParseExtension(JsonElement escape, string where)
    {
        var function = escape.GetProperty("fn").GetString()!;
        var arguments = new List<Value>();
        if (escape.TryGetProperty("arg", out var arg)) arguments.Add(ParseValue(arg, where));
        else if (escape.GetProperty("args") is { ValueKind: JsonValueKind.Array } args)
            foreach (var a in args.EnumerateArray()) arguments.Add(ParseValue(a, where));
        else throw new CedarEntityException($"in {where}, `__extn` needs `arg` or an array `args`");
        try
        {
            var f = ExtensionFunctions.Find(function) ?? throw EvaluationErrors.UnknownFunction(function);
            return f.Call([.. arguments]);
        }
        catch (CedarEvaluationException e)
        {
            throw new CedarEntityException($"failed to evaluate {where}: {e.Message}");
        }
    }

    private static bool IsString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;

    /// <summary>Entity type names are Cedar names: identifiers joined by <c>::</c>, without spaces.</summary>
    private static string CheckTypeName(string name, string where)
    {
        foreach (var part in name.Split("::"))
        {
            var valid = part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_')
                && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                && !_reserved.Contains(part);
            if (!valid) throw new CedarEntityException($"in {where}, `{name}` is not a valid entity type name");
        }
        return name;
    }

    private static readonly HashSet<string> _reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    private static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, _options);
        }
        catch (JsonException e)
        {
            throw new CedarEntityException($"{what}: malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
