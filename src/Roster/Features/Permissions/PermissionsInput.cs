using System.Text;
using System.Text.Json.Nodes;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>
/// A Permissions API request's parameters, read with <see cref="RequestValues"/>'s tolerance and refused the v2
/// way: a missing required field is "missing fields" naming it, a bad value "invalid request" naming the field and
/// the value. Like <see cref="RequestValues"/> it never throws: the first refusal is <see cref="Error"/>, shared
/// with the objects nested in the request.
/// </summary>
public sealed class PermissionsInput(RequestValues values)
{
    /// <summary>Ids (roles, folders, collections, principals) are at most this long and have no control characters.</summary>
    public const int MaxIdLength = PermissionIds.MaxLength;

    public RequestValues Values => values;

    /// <summary>The first refusal met while reading; null while all is well.</summary>
    public RosterError? Error => values.Error;

    /// <summary>How refusals name this input's fields when it is nested in another.</summary>
    public string Prefix => values.Prefix;

    /// <summary>Records a refusal of <paramref name="name"/> (named with the prefix) and answers "not given".</summary>
    public T? Invalid<T>(string name, object? value, string reason) => values.Refuse<T>(values.Invalid(name, value, reason));

    public string? String(string name) => values.String(name);

    /// <summary>Refuses the request with every one of <paramref name="names"/> that was not given.</summary>
    public void RequireAll(params string[] names)
    {
        var missing = names.Where(n => !values.Has(n) || values.Node(n) is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s))
            .Select(n => Prefix + n).ToArray();
        if (missing.Length > 0)
        {
            values.Refuse(new MissingFields(missing));
        }
    }

    /// <summary>A display name: trimmed, 1–255 characters, no control characters; "" when refused.</summary>
    public string Name(string name)
    {
        var value = RequiredString(name).Trim();
        if (Error is null && Names.Problem(value) is not null)
        {
            return Invalid<string>(name, RequestValues.Shorten(value),
                $"'{Prefix + name}' must be at most {Names.MaxLength} characters without control characters.") ?? "";
        }
        return value;
    }

    /// <summary>A free text of at most <paramref name="max"/> characters; null when not given.</summary>
    public string? Text(string name, int max)
    {
        var value = values.String(name);
        if (value is not null && (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            return Invalid<string>(name, RequestValues.Shorten(value), $"'{Prefix + name}' must be at most {max} characters without control characters.");
        }
        return value;
    }

    /// <summary>A string that must be given; "" when it is not (the refusal recorded).</summary>
    public string RequiredString(string name) => values.RequiredString(name);

    /// <summary>An id: trimmed, 1–255 characters, no control characters.</summary>
    public string? Id(string name) => values.String(name) is { } s ? ValidId(name, s) : null;

    /// <summary>An id that must be given; "" when refused.</summary>
    public string RequiredId(string name) => values.String(name) is { } s && !string.IsNullOrWhiteSpace(s)
        ? ValidId(name, s) ?? ""
        : values.Refuse<string>(new MissingFields(Prefix + name)) ?? "";

    private string? ValidId(string name, string value)
    {
        var id = value.Trim();
        return id.Length is 0 or > MaxIdLength || id.Any(char.IsControl)
            ? Invalid<string>(name, RequestValues.Shorten(value), $"'{Prefix + name}' must be 1 to {MaxIdLength} characters without control characters.")
            : id;
    }

    /// <summary>One of <paramref name="allowed"/>'s keys, exactly as the v2 API spells it; null when not given or refused.</summary>
    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct =>
        values.String(name) is { } text
            ? allowed.TryGetValue(text.Trim(), out var value)
                ? value
                : Invalid<T?>(name, RequestValues.Shorten(text), $"'{Prefix + name}' must be one of: {string.Join(", ", allowed.Keys)}.")
            : null;

    /// <summary>An enum value that must be given; the type's default (with the refusal recorded) when it is not.</summary>
    public T RequiredEnum<T>(string name, IReadOnlyDictionary<string, T> allowed) where T : struct =>
        Enum(name, allowed) ?? (Error is null ? values.Refuse<T>(new MissingFields(Prefix + name)) : default);

    public ScopeType? ScopeType(string name = "scope_type") => Enum(name, Wire.ScopeTypes);

    public PermissionType? PermissionType(string name = "permission_type") => Enum(name, Wire.PermissionTypes);

    public PrincipalType? PrincipalType(string name = "principal_type") => Enum(name, Wire.PrincipalTypes);

    public bool? Bool(string name) => values.Bool(name);

    /// <summary>A list of ids from a JSON array, repeated keys, or (in a query) a JSON array text like <c>["folder_id"]</c>.</summary>
    public IReadOnlyList<string>? IdList(string name)
    {
        var node = values.Node(name);
        IReadOnlyList<string>? list;
        if (node is JsonValue v && v.TryGetValue(out string? text) && text.TrimStart().StartsWith('['))
        {
            if (ParseJson(text) is not JsonArray array)
            {
                return Invalid<IReadOnlyList<string>>(name, RequestValues.Shorten(text), $"'{Prefix + name}' must be a list of strings.");
            }
            var inner = RequestValues.FromJson(new JsonObject { [name] = array });
            list = inner.List(name);
            if (inner.Error is not null)
            {
                return Invalid<IReadOnlyList<string>>(name, RequestValues.Shorten(text), $"'{Prefix + name}' must be a list of strings.");
            }
        }
        else
        {
            list = values.List(name);
        }
        if (list is null)
        {
            return null;
        }
        var ids = new List<string>(list.Count);
        foreach (var item in list)
        {
            if (ValidId(name, item) is not { } id)
            {
                return null;
            }
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>A JSON object of string values, e.g. policy parameters <c>{"folder_id":"f1"}</c>.</summary>
    public SortedDictionary<string, string>? StringMap(string name)
    {
        var node = values.Node(name);
        if (node is JsonValue text && text.TryGetValue(out string? json) && json.TrimStart().StartsWith('{'))
        {
            node = ParseJson(json);
            if (node is null)
            {
                return Invalid<SortedDictionary<string, string>>(name, RequestValues.Shorten(json), $"'{Prefix + name}' must be an object of strings.");
            }
        }
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    if (value is not JsonValue v || !v.TryGetValue(out string? s) || WireText.Problem(s) is not null || WireText.Problem(key) is not null)
                    {
                        return Invalid<SortedDictionary<string, string>>(name, null, $"'{Prefix + name}.{key}' must be a string.");
                    }
                    if (ValidId($"{name}.{key}", key) is not { } validKey || ValidId($"{name}.{key}", s) is not { } validValue)
                    {
                        return null;
                    }
                    map[validKey] = validValue;
                }
                return map;
            case var other:
                return Invalid<SortedDictionary<string, string>>(name, RequestValues.Shorten(other.ToJsonString()), $"'{Prefix + name}' must be an object of strings.");
        }
    }

    /// <summary>Records that <paramref name="name"/> was not given (unless an earlier refusal stands) and answers <paramref name="placeholder"/>.</summary>
    public T Missing<T>(string name, T placeholder)
    {
        if (Error is null)
        {
            values.Refuse(new MissingFields(Prefix + name));
        }
        return placeholder;
    }

    /// <summary>A list of objects that must be given; empty (with the refusal recorded) when it is not.</summary>
    public IReadOnlyList<PermissionsInput> RequiredObjects(string name, int max) => Objects(name, max) ?? Missing<IReadOnlyList<PermissionsInput>>(name, []);

    /// <summary>A list of objects, each read as its own input; refusals name the element, e.g. <c>principals[2].principal_id</c>.</summary>
    public IReadOnlyList<PermissionsInput>? Objects(string name, int max) =>
        values.Objects(name, max)?.Select(item => new PermissionsInput(item)).ToList();

    /// <summary>One nested object, read as its own input.</summary>
    public PermissionsInput? Object(string name) => values.Object(name) is { } obj ? new PermissionsInput(obj) : null;

    private static JsonNode? ParseJson(string text)
    {
        // Note: JSON inside a string field is held to the rules of a body, so reading it later cannot fail.
        var utf8 = Encoding.UTF8.GetBytes(text);
        return JsonBody.Problem(utf8) is null ? JsonNode.Parse(utf8, documentOptions: JsonBody.Options) : null;
    }
}
