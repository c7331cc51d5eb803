using System.Text.Json;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>One decision asked for: who, what action, on what, in what context.</summary>
/// <param name="Field">How refusals name this request's fields: empty, or <c>requests[2].</c> in a batch.</param>
public sealed record AuthorizeQuery(PrincipalType PrincipalType, string PrincipalId, string Action, RequestResource Resource, RecordValue Context, string Field);

/// <summary>
/// Reads authorization requests from JSON. Every refusal is a 400 naming the field (<c>principal.type</c>,
/// <c>requests[3].resource.ancestor_ids</c>, …) and saying what it must be.
/// </summary>
public static class AuthorizeInput
{
    public const int MaxBatch = 100;
    public const int MaxListItems = 100;

    private const string ActionPrefix = "Cloudinary::Action::";
    private const string TypePrefix = "Cloudinary::";

    private static readonly Dictionary<string, PrincipalType> _principalTypes = new(StringComparer.Ordinal)
    {
        ["user"] = PrincipalType.User, ["group"] = PrincipalType.Group, ["apiKey"] = PrincipalType.ApiKey, ["provisioningKey"] = PrincipalType.ProvisioningKey,
    };

    private static readonly string[] _resourceTypes =
        ["Account", "ProductEnvironment", "Folder", "Asset", "Collection", "Feature", "UploadPreset", "UploadMapping", "Report", "User", "Group"];

    /// <summary>The request body as JSON; an empty or malformed body is refused naming <c>body</c>.</summary>
    public static async Task<JsonDocument> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, ct);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document
                : throw Invalid("body", null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw Invalid("body", null, $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The <c>requests</c> of a batch: 1 to <see cref="MaxBatch"/> objects.</summary>
    public static IReadOnlyList<AuthorizeQuery> Batch(JsonElement body)
    {
        if (!body.TryGetProperty("requests", out var requests) || requests.ValueKind == JsonValueKind.Null)
        {
            throw new RosterErrorException(new MissingFields("requests"));
        }
        if (requests.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("requests", null, "'requests' must be a list of authorization requests.");
        }
        var count = requests.GetArrayLength();
        if (count is 0 or > MaxBatch)
        {
            throw Invalid("requests", count, $"'requests' takes 1 to {MaxBatch} authorization requests.");
        }
        return [.. requests.EnumerateArray().Select((r, i) => One(r, $"requests[{i}]."))];
    }

    public static AuthorizeQuery One(JsonElement request, string field = "")
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(field.TrimEnd('.'), null, "An authorization request must be a JSON object.");
        }
        var principal = Object(request, "principal", field) ?? throw new RosterErrorException(new MissingFields(field + "principal"));
        var typeText = RequiredString(principal, "type", field + "principal.");
        if (!_principalTypes.TryGetValue(typeText, out var principalType))
        {
            throw Invalid(field + "principal.type", typeText, $"'{field}principal.type' must be one of: {string.Join(", ", _principalTypes.Keys)}.");
        }
        var principalId = Id(principal, "id", field + "principal.") ?? throw new RosterErrorException(new MissingFields(field + "principal.id"));

        var action = RequiredString(request, "action", field);
        var name = action.StartsWith(ActionPrefix, StringComparison.Ordinal) ? Unquote(action[ActionPrefix.Length..]) : action;
        if (name is null || !CloudinaryActions.All.Contains(name))
        {
            throw Invalid(field + "action", action, $"'{field}action' must be one of: {string.Join(", ", CloudinaryActions.All)} (optionally as Cloudinary::Action::\"read\").");
        }

        var resource = Resource(Object(request, "resource", field) ?? throw new RosterErrorException(new MissingFields(field + "resource")), field + "resource.");
        var context = RecordValue.Empty;
        if (request.TryGetProperty("context", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(field + "context", null, $"'{field}context' must be a JSON object.");
            }
            try
            {
                context = (RecordValue)CedarJson.ParseValue(given, "context");
            }
            catch (CedarEntityException e)
            {
                throw Invalid(field + "context", null, $"'{field}context' is not a Cedar record: {e.Message}");
            }
        }
        return new AuthorizeQuery(principalType, principalId, name, resource, context, field);
    }

    private static RequestResource Resource(JsonElement resource, string field)
    {
        var typeText = RequiredString(resource, "type", field);
        var type = typeText.StartsWith(TypePrefix, StringComparison.Ordinal) ? typeText[TypePrefix.Length..] : typeText;
        if (!_resourceTypes.Contains(type, StringComparer.Ordinal))
        {
            throw Invalid(field + "type", typeText, $"'{field}type' must be one of: {string.Join(", ", _resourceTypes)}.");
        }
        string RequiredId(string name) => Id(resource, name, field) ?? throw new RosterErrorException(new MissingFields(field + name));
        var productEnvironment = Id(resource, "product_environment_id", field);
        string RequiredProductEnvironment() => productEnvironment ?? throw new RosterErrorException(new MissingFields(field + "product_environment_id"));
        var ancestors = Ids(resource, "ancestor_ids", field) ?? [];
        return type switch
        {
            "Account" => new RequestResource.Account(),
            "ProductEnvironment" => new RequestResource.ProductEnvironment(RequiredId("id"), Text(resource, "cloud_name", field)),
            "Folder" => new RequestResource.Folder(RequiredProductEnvironment(), [.. ancestors, RequiredId("id")], Text(resource, "path", field)),
            "Asset" => new RequestResource.Asset(RequiredProductEnvironment(), RequiredId("id"), ancestors,
                Ids(resource, "collection_ids", field), Text(resource, "access_mode", field), Ids(resource, "tags", field)),
            "Collection" => new RequestResource.Collection(RequiredProductEnvironment(), RequiredId("id")),
            "Feature" => new RequestResource.Feature(RequiredId("id"), productEnvironment),
            "UploadPreset" => new RequestResource.UploadPreset(RequiredProductEnvironment(), RequiredId("id")),
            "UploadMapping" => new RequestResource.UploadMapping(RequiredProductEnvironment(), RequiredId("id")),
            "Report" => new RequestResource.Report(RequiredId("id"), productEnvironment),
            "User" => new RequestResource.User(RequiredId("id"), Ids(resource, "group_ids", field), Text(resource, "email", field)),
            _ => new RequestResource.Group(RequiredId("id"), Text(resource, "name", field)),
        };
    }

    private static JsonElement? Object(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid(field + name, null, $"'{field + name}' must be a JSON object.");
    }

    private static string? Text(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid(field + name, value.GetRawText(), $"'{field + name}' must be a string.");
    }

    private static string RequiredString(JsonElement parent, string name, string field) =>
        Text(parent, name, field) is { } text && !string.IsNullOrWhiteSpace(text) ? text : throw new RosterErrorException(new MissingFields(field + name));

    private static string? Id(JsonElement parent, string name, string field) =>
        Text(parent, name, field) is { } text ? ValidId(field + name, text) : null;

    private static List<string>? Ids(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxListItems
            || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(field + name, null, $"'{field + name}' must be a list of at most {MaxListItems} strings.");
        }
        return [.. value.EnumerateArray().Select(e => ValidId(field + name, e.GetString()!))];
    }

    private static string ValidId(string name, string value) =>
        value.Length is > 0 and <= PermissionIds.MaxLength && !value.Any(char.IsControl)
            ? value
            : throw Invalid(name, value.Length > 100 ? value[..100] + "…" : value,
                $"'{name}' must be 1 to {PermissionIds.MaxLength} characters without control characters.");

    /// <summary>The id of <c>"read"</c>, Cedar's quoted form; null when it is not one quoted string.</summary>
    private static string? Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' && text.IndexOf('"', 1) == text.Length - 1 ? text[1..^1] : null;

    private static RosterErrorException Invalid(string name, object? value, string reason) => new(new InvalidField(name, value, reason));
}
