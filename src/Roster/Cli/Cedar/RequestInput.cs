using System.Text.Json;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>
/// A request as the Cedar command line writes it: <c>principal</c>, <c>action</c> and <c>resource</c> as
/// <c>Type::"id"</c> strings (or <c>{"type", "id"}</c> objects), and a <c>context</c> record in Cedar's JSON.
/// </summary>
internal static class RequestInput
{
    public static AuthorizationRequest ReadFile(string path, CedarSchema? schema)
    {
        var source = JsonSource.Read(path, "request");
        return Read(source, source.Root, [], schema);
    }

    /// <summary>The request of <paramref name="element"/>, which sits at <paramref name="path"/> in <paramref name="source"/>.</summary>
    public static AuthorizationRequest Read(JsonSource source, JsonElement element, IReadOnlyList<object> path, CedarSchema? schema)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw source.Error(path, "a request must be a JSON object with \"principal\", \"action\", \"resource\" and \"context\"");
        var principal = Uid(source, element, path, "principal");
        var action = Uid(source, element, path, "action");
        var resource = Uid(source, element, path, "resource");
        var context = RecordValue.Empty;
        if (element.TryGetProperty("context", out var contextElement) && contextElement.ValueKind != JsonValueKind.Null)
        {
            List<object> contextPath = [.. path, "context"];
            if (contextElement.ValueKind != JsonValueKind.Object)
                throw source.Error(contextPath, "the context must be a JSON object (a Cedar record)");
            var json = schema is null ? contextElement.GetRawText() : SchemaConformance.ConformContext(contextElement, action, schema);
            try
            {
                context = CedarJson.ParseContext(json);
            }
            catch (CedarEntityException e)
            {
                throw source.Error(contextPath, e.Message);
            }
        }
        var request = new AuthorizationRequest(principal, action, resource, context);
        if (schema is not null) SchemaConformance.CheckRequest(source, path, request, schema);
        return request;
    }

    private static EntityUid Uid(JsonSource source, JsonElement request, IReadOnlyList<object> path, string name)
    {
        List<object> at = [.. path, name];
        if (!request.TryGetProperty(name, out var value))
            throw source.Error(path, $"the request has no \"{name}\": give it as a string like \"User::\\\"alice\\\"\"");
        try
        {
            return value.ValueKind == JsonValueKind.String
                ? PolicyParser.ParseEntityUid(value.GetString()!)
                : CedarJson.ParseEntityUid(value, $"the {name}");
        }
        catch (CedarParseException e)
        {
            throw source.Error(at, $"the {name} is not an entity reference like User::\"alice\": {e.Diagnostics[0].Message}");
        }
        catch (CedarEntityException e)
        {
            throw source.Error(at, e.Message);
        }
    }
}
