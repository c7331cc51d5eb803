using System.Text.Json.Nodes;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Generates random but reproducible schemas in Cedar's JSON format from a seed: one to three namespaces
/// (the empty one among them), entity types with parents, shapes, tags and enumerations, common types,
/// actions with groups and appliesTo, annotations, and names that the schema syntax must quote.
/// </summary>
/// <remarks>
/// Every schema is meant to be valid: names and action ids are unique across namespaces (a namespace may not
/// shadow the empty namespace's declarations), action groups and common types refer only to earlier declarations (no
/// cycles). <c>datetime</c> and <c>duration</c> are left out: Roster's schemas do not support them yet.
/// </remarks>
public sealed class SchemaGenerator(int seed)
{
    private static readonly string[] _namespaces = ["", "App", "Acme::Docs", "Media"];
    private static readonly string[] _entityNames = ["User", "Group", "Doc", "Folder", "Team", "Asset", "Tenant", "Device", "entity", "type"];
    private static readonly string[] _commonNames = ["Address", "Ctx", "Label", "Limits"];
    private static readonly string[] _attributeNames = ["name", "age", "owner", "tags", "a b", "if", "in", "é", "quote\"d", "type", "principal", "Set", "_x1"];
    private static readonly string[] _actionIds = ["view", "edit", "delete", "read", "write", "a b", "quote\"d", "ünïcode", "if", ""];
    private static readonly string[] _texts = ["plain", "two\nlines", "a \"quote\"", "back\\slash", "émoji 😀", ""];

    private readonly Random _random = new(seed);

    public IReadOnlyList<JsonObject> Generate(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    public JsonObject Next()
    {
        var namespaces = _namespaces.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)).ToList();
        var entityNames = new Queue<string>(_entityNames.OrderBy(_ => _random.Next()));
        var commonNames = new Queue<string>(_commonNames.OrderBy(_ => _random.Next()));
        var actionIds = new Queue<string>(_actionIds.OrderBy(_ => _random.Next()));
        // What each namespace declares, decided first so that any namespace may refer to any other's.
        var plan = namespaces.ToDictionary(ns => ns, ns => (
            Entities: Take(entityNames, _random.Next(1, 4)),
            Commons: Take(commonNames, _random.Next(0, 2))));
        var declaredActions = new List<(string Ns, string Id)>();

        var schema = new JsonObject();
        foreach (var ns in namespaces)
        {
            var (entities, commons) = plan[ns];
            var allEntities = plan.SelectMany(p => p.Value.Entities.Select(e => Refer(p.Key, e, ns))).ToList();
            var namespaceObject = new JsonObject();

            if (commons.Count > 0)
            {
                var commonTypes = new JsonObject();
                foreach (var name in commons) commonTypes[name] = Annotated(Type(allEntities, [], 0, recordOnly: Chance(0.6)));
                namespaceObject["commonTypes"] = commonTypes;
            }
            var records = commons.Where(c => namespaceObject["commonTypes"]![c]!["type"]!.GetValue<string>() == "Record").ToList();

            var entityTypes = new JsonObject();
            foreach (var name in entities)
            {
                var entity = new JsonObject();
                if (Chance(0.1))
                {
                    entity["enum"] = new JsonArray(_texts.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)).Select(t => (JsonNode)t!).ToArray());
                }
                else
                {
                    if (Chance(0.6)) entity["memberOfTypes"] = Names(allEntities, 0);
                    if (Chance(0.6)) entity["shape"] = Record(allEntities, commons, 1);
                    if (Chance(0.2)) entity["tags"] = Type(allEntities, commons, 1, recordOnly: false);
                }
                entityTypes[name] = Annotated(entity);
            }
            namespaceObject["entityTypes"] = entityTypes;

            var actions = new JsonObject();
            foreach (var id in Take(actionIds, _random.Next(0, 4)))
            {
                var action = new JsonObject();
                var groups = declaredActions.Where(_ => Chance(0.3)).ToList();
                if (groups.Count > 0)
                {
                    action["memberOf"] = new JsonArray(groups.Select(g => (JsonNode)(g.Ns == ns && Chance(0.5)
                        ? new JsonObject { ["id"] = g.Id }
                        : new JsonObject { ["id"] = g.Id, ["type"] = g.Ns.Length == 0 ? "Action" : $"{g.Ns}::Action" })).ToArray());
                }
                if (Chance(0.8))
                {
                    var appliesTo = new JsonObject { ["principalTypes"] = Names(allEntities, 1), ["resourceTypes"] = Names(allEntities, 1) };
                    if (records.Count > 0 && Chance(0.25)) appliesTo["context"] = new JsonObject { ["type"] = Pick(records) };
                    else if (Chance(0.6)) appliesTo["context"] = Record(allEntities, commons, 1);
                    action["appliesTo"] = appliesTo;
                }
                actions[id] = Annotated(action);
                declaredActions.Add((ns, id));
            }
            namespaceObject["actions"] = actions;
            if (ns.Length > 0) Annotated(namespaceObject);
            schema[ns] = namespaceObject;
        }
        return schema;
    }

    private static List<string> Take(Queue<string> names, int count) =>
        Enumerable.Range(0, Math.Min(count, names.Count)).Select(_ => names.Dequeue()).ToList();

    // An entity type as a declaration in namespace `from` names it: unqualified in its own namespace or the empty one.
    private string Refer(string ns, string name, string from) =>
        ns.Length == 0 || (ns == from && Chance(0.7)) ? name : $"{ns}::{name}";

    private JsonArray Names(List<string> entities, int atLeast) =>
        new(entities.Where(_ => Chance(0.5)).DefaultIfEmpty(Pick(entities)).Take(atLeast == 0 && Chance(0.2) ? 0 : 4)
            .Select(n => (JsonNode)n!).ToArray());

    private JsonObject Type(List<string> entities, List<string> commons, int depth, bool recordOnly)
    {
        if (recordOnly) return Record(entities, commons, depth);
        var choice = _random.Next(depth > 3 ? 7 : 10);
        return choice switch
        {
            0 or 1 => new JsonObject { ["type"] = "String" },
            2 => new JsonObject { ["type"] = "Long" },
            3 => new JsonObject { ["type"] = "Boolean" },
            4 => new JsonObject { ["type"] = "Entity", ["name"] = Pick(entities) },
            5 => new JsonObject { ["type"] = "Extension", ["name"] = Chance(0.5) ? "ipaddr" : "decimal" },
            6 when commons.Count > 0 => Chance(0.5)
                ? new JsonObject { ["type"] = Pick(commons) }
                : new JsonObject { ["type"] = "EntityOrCommon", ["name"] = Pick(commons) },
            6 => new JsonObject { ["type"] = "EntityOrCommon", ["name"] = Pick(entities) },
            7 or 8 => new JsonObject { ["type"] = "Set", ["element"] = Type(entities, commons, depth + 1, recordOnly: false) },
            _ => Record(entities, commons, depth + 1),
        };
    }

    private JsonObject Record(List<string> entities, List<string> commons, int depth)
    {
        var attributes = new JsonObject();
        foreach (var name in _attributeNames.OrderBy(_ => _random.Next()).Take(_random.Next(0, depth > 2 ? 2 : 5)))
        {
            var attribute = Type(entities, commons, depth + 1, recordOnly: false);
            if (Chance(0.3)) attribute["required"] = false;
            attributes[name] = Annotated(attribute);
        }
        return new JsonObject { ["type"] = "Record", ["attributes"] = attributes };
    }

    private JsonObject Annotated(JsonObject node)
    {
        if (!Chance(0.15)) return node;
        var annotations = new JsonObject { ["doc"] = Pick(_texts) };
        if (Chance(0.3)) annotations["if"] = "";
        node["annotations"] = annotations;
        return node;
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
