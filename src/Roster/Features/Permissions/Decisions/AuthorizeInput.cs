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


    private static readonly string[] _resourceTypes =
        ["Account", "ProductEnvironment", "Folder", "Asset", "Collection", "Feature", "UploadPreset", "UploadMapping", "Report", "User", "Group"];

    /// <summary>The request body as JSON, or the refusal naming <c>body</c> when it is empty, malformed or not an object.</summary>
    public static async Task<Outcome<JsonDocument>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var utf8 = await JsonBody.ReadAsync(request.Body, ct);
            if (JsonBody.Problem(utf8.Span) is { } problem)
            {
                return new InvalidField("body", null, problem);
            }
            var document = JsonDocument.Parse(utf8, JsonBody.Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return new InvalidField("body", null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return new InvalidField("body", null, $"The request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new PipelineStatus(ErrorKind.PayloadTooLarge, "Request body too large");
        }
    }

    /// <summary>The <c>requests</c> of a batch: 1 to <see cref="MaxBatch"/> objects.</summary>
    public static Outcome<IReadOnlyList<AuthorizeQuery>> Batch(JsonElement body)
    {
        if (!body.TryGetProperty("requests", out var requests) || requests.ValueKind == JsonValueKind.Null)
        {
            return new MissingFields("requests");
        }
        if (requests.ValueKind != JsonValueKind.Array)
        {
            return new InvalidField("requests", null, "'requests' must be a list of authorization requests.");
        }
        var count = requests.GetArrayLength();
        if (count is 0 or > MaxBatch)
        {
            return new InvalidField("requests", count, $"'requests' takes 1 to {MaxBatch} authorization requests.");
        }
        var queries = new List<AuthorizeQuery>(count);
        var i = 0;
        foreach (var request in requests.EnumerateArray())
        {
            var query = One(request, $"requests[{i++}].");
            if (!query.Succeeded)
            {
                return query.Error;
            }
            queries.Add(query.Value);
        }
        return queries;
    }

    public static Outcome<AuthorizeQuery> One(JsonElement request, string field = "")
    {
        var reader = new Reader();
        var query = reader.One(request, field);
        return reader.Error is { } refused ? refused : query!;
    }

    /// <summary>Reads one request, recording the first refusal; what it answers after a refusal is not to be used.</summary>
    private sealed class Reader
    {
        public RosterError? Error { get; private set; }

        public AuthorizeQuery? One(JsonElement request, string field)
        {
            if (request.ValueKind != JsonValueKind.Object)
            {
                return Invalid<AuthorizeQuery>(field.TrimEnd('.'), null, "An authorization request must be a JSON object.");
            }
            if (Object(request, "principal", field) is not { } principal)
            {
                return Error is null ? Missing<AuthorizeQuery>(field + "principal") : null;
            }
            if (RequiredString(principal, "type", field + "principal.") is not { } typeText)
            {
                return null;
            }
            if (!Wire.PrincipalTypes.TryGetValue(typeText, out var principalType))
            {
                return Invalid<AuthorizeQuery>(field + "principal.type", typeText,
                    $"'{field}principal.type' must be one of: {string.Join(", ", WireEnum<PrincipalType>.Names)}.");
            }
            if (Id(principal, "id", field + "principal.") is not { } principalId)
            {
                return Error is null ? Missing<AuthorizeQuery>(field + "principal.id") : null;
            }

            if (RequiredString(request, "action", field) is not { } action)
            {
                return null;
            }
            var name = action.StartsWith(ActionPrefix, StringComparison.Ordinal) ? Unquote(action[ActionPrefix.Length..]) : action;
            if (name is null || !CloudinaryActions.All.Contains(name))
            {
                return Invalid<AuthorizeQuery>(field + "action", RequestValues.Shorten(action),
                    $"'{field}action' must be one of: {string.Join(", ", CloudinaryActions.All)} (optionally as Cloudinary::Action::\"read\").");
            }

            if (Object(request, "resource", field) is not { } resourceElement)
            {
                return Error is null ? Missing<AuthorizeQuery>(field + "resource") : null;
            }
            if (Resource(resourceElement, field + "resource.") is not { } resource)
            {
                return null;
            }
            var context = RecordValue.Empty;
            if (request.TryGetProperty("context", out var given) && given.ValueKind != JsonValueKind.Null)
            {
                if (given.ValueKind != JsonValueKind.Object)
                {
                    return Invalid<AuthorizeQuery>(field + "context", null, $"'{field}context' must be a JSON object.");
                }
                try
                {
                    context = (RecordValue)CedarJson.ParseValue(given, "context");
                }
                catch (CedarEntityException e)
                {
                    return Invalid<AuthorizeQuery>(field + "context", null, $"'{field}context' is not a Cedar record: {e.Message}");
                }
            }
            return new AuthorizeQuery(principalType, principalId, name, resource, context, field);
        }

        private RequestResource? Resource(JsonElement resource, string field)
        {
            if (RequiredString(resource, "type", field) is not { } typeText)
            {
                return null;
            }
            var type = typeText.StartsWith(TypePrefix, StringComparison.Ordinal) ? typeText[TypePrefix.Length..] : typeText;
            if (!_resourceTypes.Contains(type, StringComparer.Ordinal))
            {
                return Invalid<RequestResource>(field + "type", RequestValues.Shorten(typeText),
                    $"'{field}type' must be one of: {string.Join(", ", _resourceTypes)}.");
            }
            string RequiredId(string name) => Id(resource, name, field) ?? (Error is null ? Missing<string>(field + name) : null) ?? "";
            var productEnvironment = Id(resource, "product_environment_id", field);
            string RequiredProductEnvironment() =>
                productEnvironment ?? (Error is null ? Missing<string>(field + "product_environment_id") : null) ?? "";
            var ancestors = Ids(resource, "ancestor_ids", field) ?? [];
            RequestResource answer = type switch
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
            return Error is null ? answer : null;
        }

        private JsonElement? Object(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.Object ? value : Invalid<JsonElement?>(field + name, null, $"'{field + name}' must be a JSON object.");
        }

        private string? Text(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                return Invalid<string>(field + name, RequestValues.Shorten(value.GetRawText()), $"'{field + name}' must be a string.");
            }
            var text = value.GetString()!;
            return WireText.Problem(text) is { } problem ? Invalid<string>(field + name, null, $"'{field + name}' {problem}.") : text;
        }

        private string? RequiredString(JsonElement parent, string name, string field) =>
            Text(parent, name, field) is { } text && !string.IsNullOrWhiteSpace(text) ? text
            : Error is null ? Missing<string>(field + name) : null;

        private string? Id(JsonElement parent, string name, string field) =>
            Text(parent, name, field) is { } text ? ValidId(field + name, text) : null;

        private List<string>? Ids(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxListItems
                || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                return Invalid<List<string>>(field + name, null, $"'{field + name}' must be a list of at most {MaxListItems} strings.");
            }
            var ids = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                var text = item.GetString()!;
                if (WireText.Problem(text) is { } problem)
                {
                    return Invalid<List<string>>(field + name, null, $"'{field + name}' {problem}.");
                }
                if (ValidId(field + name, text) is not { } id)
                {
                    return null;
                }
                ids.Add(id);
            }
            return ids;
        }

        private string? ValidId(string name, string value) =>
            value.Length is > 0 and <= PermissionIds.MaxLength && !value.Any(char.IsControl)
                ? value
                : Invalid<string>(name, RequestValues.Shorten(value),
                    $"'{name}' must be 1 to {PermissionIds.MaxLength} characters without control characters.");

        private T? Invalid<T>(string name, object? value, string reason)
        {
            Error ??= new InvalidField(name, value, reason);
            return default;
        }

        private T? Missing<T>(string name)
        {
            Error ??= new MissingFields(name);
            return default;
        }
    }

    /// <summary>The id of <c>"read"</c>, Cedar's quoted form; null when it is not one quoted string.</summary>
    private static string? Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' && text.IndexOf('"', 1) == text.Length - 1 ? text[1..^1] : null;
}
