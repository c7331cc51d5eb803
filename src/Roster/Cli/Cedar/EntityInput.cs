using System.Text.Json;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>
/// Entities in Cedar's JSON entity format, read into a store. A problem is reported at the entity it
/// is about (file, line and column of that entity's object), including duplicates and parent cycles.
/// </summary>
internal static class EntityInput
{
    public static EntityStore ReadFile(string path, CedarSchema? schema)
    {
        var source = JsonSource.Read(path, "entities");
        return Read(source, source.Root, [], schema);
    }

    /// <summary>The entities of <paramref name="element"/>, which sits at <paramref name="path"/> in <paramref name="source"/>.</summary>
    public static EntityStore Read(JsonSource source, JsonElement element, IReadOnlyList<object> path, CedarSchema? schema)
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw source.Error(path, "entities must be a JSON array of {\"uid\", \"attrs\", \"parents\"} objects");
        var json = schema is null ? element.GetRawText() : SchemaConformance.ConformEntities(element, schema);
        IReadOnlyList<Entity> entities;
        try
        {
            entities = CedarJson.ParseEntities(json);
        }
        catch (CedarEntityException e)
        {
            throw source.Error([.. path, FirstBadEntity(element)], e.Message);
        }
        if (schema is not null)
        {
            SchemaConformance.CheckEntities(source, path, entities, schema);
            entities = [.. entities, .. SchemaConformance.ActionEntities(entities, schema)];
        }
        try
        {
            return new EntityStore(entities);
        }
        catch (CedarEntityException e)
        {
            throw source.Error([.. path, EntityNamedIn(e.Message, entities)], e.Message);
        }
    }

    // The whole array failed; parsing the entities one at a time finds the one at fault.
    private static int FirstBadEntity(JsonElement array)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            try
            {
                CedarJson.ParseEntities($"[{item.GetRawText()}]");
            }
            catch (CedarEntityException)
            {
                return index;
            }
            index++;
        }
        return 0;
    }

    // Store errors name one entity in backquotes (`User::"alice"`); a duplicate is reported at its second entry.
    private static int EntityNamedIn(string message, IReadOnlyList<Entity> entities)
    {
        var start = message.IndexOf('`', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.LastIndexOf('`');
        if (end <= start) return 0;
        var named = message[(start + 1)..end];
        var indexes = entities.Select((e, i) => (e, i)).Where(x => x.e.Uid.ToString() == named).Select(x => x.i).ToList();
        if (indexes.Count == 0) return 0;
        return message.StartsWith("duplicate", StringComparison.Ordinal) ? indexes[^1] : indexes[0];
    }
}
