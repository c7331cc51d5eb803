using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>
/// A Permissions API request's parameters, read with <see cref="RequestValues"/>'s tolerance and refused in
/// the v2 shape: a missing required field is "missing fields" naming it, a bad value "invalid request" naming
/// the field and the value. Refusals are thrown as <see cref="RosterErrorException"/>.
/// </summary>
public sealed class PermissionsInput(RequestValues values)
{
    /// <summary>Ids (roles, folders, collections, principals) are at most this long and have no control characters.</summary>
    public const int MaxIdLength = PermissionIds.MaxLength;

    public RequestValues Values => values;

    public static RosterErrorException Missing(string name) => new(new MissingFields(name));

    public static RosterErrorException Invalid(string name, object? value, string reason) => new(new InvalidField(name, value, reason));

    public string? String(string name) => values.String(name);

    /// <summary>Refuses the request with every one of <paramref name="names"/> that was not given.</summary>
    public void RequireAll(params string[] names)
    {
        var missing = names.Where(n => values.String(n) is not { } s || string.IsNullOrWhiteSpace(s)).Select(n => Prefix + n).ToArray();
        if (missing.Length > 0)
        {
            throw new RosterErrorException(new MissingFields(missing));
        }
    }

    /// <summary>A display name: trimmed, 1–255 characters, no control characters.</summary>
    public string Name(string name)
    {
        var value = RequiredString(name).Trim();
        if (value.Length > Names.MaxLength || value.Any(char.IsControl))
        {
            throw Invalid(Prefix + name, value, $"'{Prefix + name}' must be at most {Names.MaxLength} characters without control characters.");
        }
        return value;
    }

    /// <summary>A free text of at most <paramref name="max"/> characters; null when not given.</summary>
    public string? Text(string name, int max)
    {
        var value = values.String(name);
        if (value is not null && (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            throw Invalid(Prefix + name, value.Length > 100 ? value[..100] + "…" : value,
                $"'{Prefix + name}' must be at most {max} characters without control characters.");
        }
        return value;
    }

    public string RequiredString(string name) =>
        values.String(name) is { } s && !string.IsNullOrWhiteSpace(s) ? s : throw Missing(Prefix + name);

    /// <summary>An id: trimmed, 1–255 characters, no control characters.</summary>
    public string? Id(string name) => values.String(name) is { } s ? ValidId(Prefix + name, s) : null;

    public string RequiredId(string name) => ValidId(Prefix + name, RequiredString(name));

    public static string ValidId(string name, string value)
    {
        var id = value.Trim();
        if (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl))
        {
            throw Invalid(name, value, $"'{name}' must be 1 to {MaxIdLength} characters without control characters.");
        }
        return id;
    }

    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct =>
        values.String(name) is { } text
            ? allowed.TryGetValue(text.Trim(), out var value)
                ? value
                : throw Invalid(Prefix + name, text, $"'{Prefix + name}' must be one of: {string.Join(", ", allowed.Keys)}.")
            : null;

    public T RequiredEnum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct =>
        Enum(name, allowed) ?? throw Missing(Prefix + name);

    public ScopeType? ScopeType(string name = "scope_type") => Enum(name, Wire.ScopeTypes);

    public PermissionType? PermissionType(string name = "permission_type") => Enum(name, Wire.PermissionTypes);

    public PrincipalType? PrincipalType(string name = "principal_type") => Enum(name, Wire.PrincipalTypes);

    public bool? Bool(string name) => values.Bool(name);

    /// <summary>A list of ids from a JSON array, repeated keys, or (in a query) a JSON array text like <c>["folder_id"]</c>.</summary>
    public IReadOnlyList<string>? IdList(string name)
    {
        var full = Prefix + name;
        var node = values.Node(name);
        if (node is JsonValue v && v.TryGetValue(out string? text) && text.TrimStart().StartsWith('['))
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw Invalid(full, text, $"'{full}' must be a list of strings.");
            }
            if (node is not JsonArray)
            {
                throw Invalid(full, text, $"'{full}' must be a list of strings.");
            }
            return RequestValues.FromJson(new JsonObject { [name] = node }).List(name)?.Select(s => ValidId(full, s)).ToList();
        }
        return values.List(name)?.Select(s => ValidId(full, s)).ToList();
    }

    /// <summary>A JSON object of string values, e.g. policy parameters <c>{"folder_id":"f1"}</c>.</summary>
    public SortedDictionary<string, string>? StringMap(string name)
    {
        var full = Prefix + name;
        switch (values.Node(name))
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    if (value is not JsonValue v || !v.TryGetValue(out string? s))
                    {
                        throw Invalid(full, obj.ToJsonString(), $"'{full}.{key}' must be a string.");
                    }
                    map[ValidId($"{full}.{key}", key)] = ValidId($"{full}.{key}", s);
                }
                return map;
            case JsonValue v when v.TryGetValue(out string? text) && text.TrimStart().StartsWith('{'):
                try
                {
                    return new PermissionsInput(RequestValues.FromJson(new JsonObject { [name] = JsonNode.Parse(text) })) { Prefix = Prefix }
                        .StringMap(name);
                }
                catch (JsonException)
                {
                    throw Invalid(full, text, $"'{full}' must be an object of strings.");
                }
            case var other:
                throw Invalid(full, other.ToJsonString(), $"'{full}' must be an object of strings.");
        }
    }

    /// <summary>A list of objects, each read as its own input; refusals name the element, e.g. <c>principals[2].principal_id</c>.</summary>
    public IReadOnlyList<PermissionsInput>? Objects(string name, int max)
    {
        var full = Prefix + name;
        switch (values.Node(name))
        {
            case null:
                return null;
            case JsonArray array:
                if (array.Count > max)
                {
                    throw Invalid(full, array.Count, $"'{full}' takes at most {max} items.");
                }
                return array.Select((item, i) => item is JsonObject obj
                    ? new PermissionsInput(RequestValues.FromJson((JsonObject)obj.DeepClone())) { Prefix = $"{full}[{i}]." }
                    : throw Invalid($"{full}[{i}]", item?.ToJsonString(), $"'{full}' must be a list of objects.")).ToList();
            case var other:
                throw Invalid(full, other.ToJsonString(), $"'{full}' must be a list of objects.");
        }
    }

    /// <summary>One nested object, read as its own input.</summary>
    public PermissionsInput? Object(string name) => values.Node(name) switch
    {
        null => null,
        JsonObject obj => new PermissionsInput(RequestValues.FromJson((JsonObject)obj.DeepClone())) { Prefix = Prefix + name + "." },
        var other => throw Invalid(Prefix + name, other.ToJsonString(), $"'{Prefix + name}' must be an object."),
    };

    /// <summary>How refusals name this input's fields when it is nested in another.</summary>
    public string Prefix { get; private init; } = "";
}
