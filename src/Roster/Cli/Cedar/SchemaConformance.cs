using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>
/// What the Cedar command line does with entities and requests when it is given a schema: values are read
/// by their declared types (a string where an <c>ipaddr</c> is declared is that address, <c>{"type", "id"}</c>
/// where an entity is declared is that entity), then every entity and the request must fit the schema, and the
/// schema's actions become entities with their groups as parents.
/// </summary>
internal static class SchemaConformance
{
    /// <summary>The entities' JSON with values rewritten to Cedar's escapes where the schema declares an extension or entity type.</summary>
    public static string ConformEntities(JsonElement entities, CedarSchema schema)
    {
        var array = JsonNode.Parse(entities.GetRawText())!.AsArray();
        foreach (var item in array)
        {
            if (item is not JsonObject entity || TypeOf(entity["uid"]) is not { } type || schema.GetEntityType(type) is not { } definition) continue;
            if (entity["attrs"] is JsonObject attrs)
                foreach (var name in attrs.Select(a => a.Key).ToList())
                    if (definition.Shape.Attributes.TryGetValue(name, out var attribute)) Replace(attrs, name, attribute.Type);
            if (entity["tags"] is JsonObject tags && definition.Tags is { } tagType)
                foreach (var name in tags.Select(t => t.Key).ToList()) Replace(tags, name, tagType);
        }
        return array.ToJsonString();
    }

    /// <summary>The context's JSON read by the declared context type of <paramref name="action"/> (unchanged when the action is not declared).</summary>
    public static string ConformContext(JsonElement context, EntityUid action, CedarSchema schema) =>
        schema.GetAction(action)?.AppliesTo?.Context is { } type
            ? Conform(JsonNode.Parse(context.GetRawText()), type)!.ToJsonString()
            : context.GetRawText();

    /// <summary>Every entity's type, id, attributes, parents and tags against the schema; all problems at once.</summary>
    public static void CheckEntities(JsonSource source, IReadOnlyList<object> path, IReadOnlyList<Entity> entities, CedarSchema schema)
    {
        var problems = new List<string>();
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            List<object> at = [.. path, i];
            string Problem(string message, params object[] more) => source.Error([.. at, .. more], message).Message;
            if (schema.IsActionType(entity.Uid.Type))
            {
                if (!schema.HasAction(entity.Uid)) problems.Add(Problem($"action `{entity.Uid}` is not declared in the schema", "uid"));
                continue;
            }
            if (schema.GetEntityType(entity.Uid.Type) is not { } definition)
            {
                problems.Add(Problem($"entity type `{entity.Uid.Type}` of `{entity.Uid}` is not declared in the schema", "uid"));
                continue;
            }
            if (definition.EnumIds is { } ids && !ids.Contains(entity.Uid.Id))
                problems.Add(Problem($"`{entity.Uid}` is not one of the ids the schema enumerates for `{definition.Name}`", "uid"));
            foreach (var problem in RecordProblems(entity.Attributes, definition.Shape, $"`{entity.Uid}`"))
                problems.Add(Problem(problem.Message, problem.Attribute is null ? ["attrs"] : ["attrs", problem.Attribute]));
            var parentIndex = 0;
            foreach (var parent in entity.Parents)
            {
                if (!definition.MemberOfTypes.Contains(parent.Type))
                    problems.Add(Problem($"`{entity.Uid}` cannot have a parent of type `{parent.Type}`: the schema allows {List(definition.MemberOfTypes)}", "parents", parentIndex));
                parentIndex++;
            }
            foreach (var (tag, value) in entity.Tags ?? new Dictionary<string, Value>())
            {
                if (definition.Tags is not { } tagType)
                    problems.Add(Problem($"`{entity.Uid}` has tag `{tag}`, but the schema declares no tags for `{definition.Name}`", "tags", tag));
                else if (!Fits(value, tagType))
                    problems.Add(Problem($"tag `{tag}` of `{entity.Uid}` should be {tagType}, not {Describe(value)}", "tags", tag));
            }
        }
        if (problems.Count > 0) throw new CedarInputException(problems);
    }

    /// <summary>The request's action is declared, applies to its principal and resource types, and its context fits.</summary>
    public static void CheckRequest(JsonSource source, IReadOnlyList<object> path, AuthorizationRequest request, CedarSchema schema)
    {
        var problems = new List<string>();
        string Problem(string message, params object[] more) => source.Error([.. path, .. more], message).Message;
        if (schema.GetAction(request.Action) is not { } action)
        {
            throw new CedarInputException(Problem($"action `{request.Action}` is not declared in the schema", "action"));
        }
        if (action.AppliesTo is not { } appliesTo)
        {
            throw new CedarInputException(Problem($"action `{request.Action}` applies to no principal and resource in the schema", "action"));
        }
        CheckScopeType(request.Principal, "principal", appliesTo.PrincipalTypes);
        CheckScopeType(request.Resource, "resource", appliesTo.ResourceTypes);
        foreach (var problem in RecordProblems(request.Context.Attributes, appliesTo.Context, "the context"))
            problems.Add(Problem(problem.Message, problem.Attribute is null ? ["context"] : ["context", problem.Attribute]));
        if (problems.Count > 0) throw new CedarInputException(problems);

        void CheckScopeType(EntityUid uid, string role, IReadOnlyList<string> allowed)
        {
            if (!schema.HasEntityType(uid.Type))
                problems.Add(Problem($"entity type `{uid.Type}` of the {role} is not declared in the schema", role));
            else if (!allowed.Contains(uid.Type))
                problems.Add(Problem($"the {role} `{uid}` is not valid for `{request.Action}`: the schema allows {List(allowed)}", role));
            else if (schema.GetEntityType(uid.Type)?.EnumIds is { } ids && !ids.Contains(uid.Id))
                problems.Add(Problem($"`{uid}` is not one of the ids the schema enumerates for `{uid.Type}`", role));
        }
    }

    /// <summary>The schema's actions that the entities do not list, as entities whose parents are their action groups.</summary>
    public static IEnumerable<Entity> ActionEntities(IReadOnlyList<Entity> entities, CedarSchema schema)
    {
        var listed = entities.Select(e => e.Uid).ToHashSet();
        return schema.Actions.Where(a => !listed.Contains(a.Uid))
            .Select(a => new Entity(a.Uid, new Dictionary<string, Value>(), a.MemberOf));
    }

    private static IEnumerable<(string Message, string? Attribute)> RecordProblems(IReadOnlyDictionary<string, Value> values, RecordType type, string owner)
    {
        foreach (var (name, attribute) in type.Attributes)
        {
            if (attribute.Required && !values.ContainsKey(name))
                yield return ($"{owner} lacks attribute `{name}`, which the schema requires ({attribute.Type})", null);
        }
        foreach (var (name, value) in values)
        {
            if (!type.Attributes.TryGetValue(name, out var attribute))
            {
                if (!type.AdditionalAttributes) yield return ($"{owner} has attribute `{name}`, which the schema does not declare", name);
            }
            else if (!Fits(value, attribute.Type))
            {
                yield return ($"attribute `{name}` of {owner} should be {attribute.Type}, not {Describe(value)}", name);
            }
        }
    }

    private static bool Fits(Value value, CedarType type) => (value, type) switch
    {
        (BoolValue, BooleanType) or (LongValue, LongType) or (StringValue, StringType) => true,
        (EntityValue e, EntityType t) => e.Uid.Type == t.Name,
        (ExtensionValue x, ExtensionType t) => x.TypeName == t.Name,
        (SetValue s, SetType t) => s.Elements.All(e => Fits(e, t.Element)),
        (RecordValue r, RecordType t) => !RecordProblems(r.Attributes, t, "").Any(),
        _ => false,
    };

    private static string Describe(Value value) => value switch
    {
        EntityValue e => $"an entity of type `{e.Uid.Type}`",
        _ => $"a {value.TypeName}",
    };

    private static string List(IReadOnlyList<string> types) =>
        types.Count == 0 ? "none" : string.Join(", ", types.Select(t => $"`{t}`"));

    private static string? TypeOf(JsonNode? uid)
    {
        if (uid is JsonObject o && o["__entity"] is JsonObject inner) o = inner;
        return uid is JsonObject obj && (obj["__entity"] as JsonObject ?? obj)["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    private static void Replace(JsonObject owner, string name, CedarType type)
    {
        var conformed = Conform(owner[name], type);
        if (!ReferenceEquals(conformed, owner[name])) owner[name] = conformed;
    }

    // Cedar's schema-directed reading: only shapes that cannot mean anything else are rewritten.
    private static JsonNode? Conform(JsonNode? node, CedarType type)
    {
        switch (type, node)
        {
            case (ExtensionType extension, JsonValue value) when value.TryGetValue<string>(out var text):
                return new JsonObject { ["__extn"] = new JsonObject { ["fn"] = Constructor(extension.Name), ["arg"] = text } };
            case (EntityType, JsonObject reference) when reference.Count == 2 && reference["type"] is JsonValue && reference["id"] is JsonValue:
                return new JsonObject { ["__entity"] = reference.DeepClone() };
            case (SetType set, JsonArray array):
                return new JsonArray([.. array.Select(e => Conform(e?.DeepClone(), set.Element))]);
            case (RecordType record, JsonObject obj):
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                    copy[key] = record.Attributes.TryGetValue(key, out var attribute) ? Conform(value?.DeepClone(), attribute.Type) : value?.DeepClone();
                return copy;
            default:
                return node;
        }
    }

    private static string Constructor(string extensionType) => extensionType == "ipaddr" ? "ip" : extensionType;
}
