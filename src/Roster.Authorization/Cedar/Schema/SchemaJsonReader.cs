using System.Text.Json;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Reads Cedar's JSON schema format into a <see cref="SchemaDeclaration"/>: shapes, field names and
/// identifiers only; names are resolved later. Collects every problem with its JSON path.
/// </summary>
internal sealed class SchemaJsonReader
{
    private static readonly string[] _typeKeys = ["type", "element", "attributes", "additionalAttributes", "name"];
    private static readonly string[] _attributeKeys = [.. _typeKeys, "required", "annotations"];
    private static readonly string[] _commonTypeKeys = [.. _typeKeys, "annotations"];
    private static readonly string[] _namespaceKeys = ["entityTypes", "actions", "commonTypes", "annotations"];
    private static readonly string[] _entityTypeKeys = ["memberOfTypes", "shape", "tags", "enum", "annotations"];
    private static readonly string[] _actionKeys = ["memberOf", "appliesTo", "attributes", "annotations"];
    private static readonly string[] _appliesToKeys = ["principalTypes", "resourceTypes", "context"];
    private static readonly string[] _actionReferenceKeys = ["id", "type"];

    // Names a common type may not take: they would be read as built-in type keywords.
    private static readonly HashSet<string> _reservedCommonTypeNames =
        ["Bool", "Boolean", "Entity", "EntityOrCommon", "Extension", "Long", "Record", "Set", "String"];

    private readonly List<CedarSchemaError> _errors = [];

    public static SchemaDeclaration Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new CedarSchemaException([new CedarSchemaError("$", MalformedJson(e))]);
        }

        using (document)
        {
            var reader = new SchemaJsonReader();
            // JSON may escape half a surrogate pair (\ud800), which .NET cannot turn into a string.
            if (!reader.AllStringsReadable(document.RootElement, "$")) throw new CedarSchemaException(reader._errors);
            var schema = reader.ReadSchema(document.RootElement);
            if (reader._errors.Count > 0) throw new CedarSchemaException(reader._errors);
            return schema;
        }
    }

    private static string MalformedJson(JsonException e)
    {
        // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 5." (0-based); say it once, 1-based.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        return e.LineNumber is { } line
            ? $"malformed JSON at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {message}"
            : $"malformed JSON: {message}";
    }

    private bool AllStringsReadable(JsonElement element, string path)
    {
        const string unpaired = "invalid string: it holds an unpaired UTF-16 surrogate";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException)
                    {
                        Error(path, $"{unpaired} in a key");
                        return false;
                    }
                    if (!AllStringsReadable(property.Value, SchemaNames.Child(path, name))) return false;
                }
                return true;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (!AllStringsReadable(item, SchemaNames.Index(path, index++))) return false;
                }
                return true;
            case JsonValueKind.String:
                try { _ = element.GetString(); }
                catch (InvalidOperationException)
                {
                    Error(path, unpaired);
                    return false;
                }
                return true;
            default:
                return true;
        }
    }

    private void Error(string path, string message) => _errors.Add(new CedarSchemaError(path, message));

    private SchemaDeclaration ReadSchema(JsonElement root)
    {
        var namespaces = new List<NamespaceDeclaration>();
        var properties = ReadObject(root, "$", null, "a schema");
        if (properties is null) return new SchemaDeclaration(namespaces);
        foreach (var (name, value) in properties)
        {
            var path = SchemaNames.Child("$", name);
            if (name.Length > 0 && !IsNamespaceName(name))
            {
                Error(path, $"invalid namespace name `{name}`: expected identifiers separated by `::`, none of them reserved");
                continue;
            }
            if (ReadNamespace(name, value, path) is { } ns) namespaces.Add(ns);
        }
        return new SchemaDeclaration(namespaces);
    }

    private static bool IsNamespaceName(string name) => name.Split("::").All(SchemaNames.IsUnreservedIdentifier);

    private NamespaceDeclaration? ReadNamespace(string name, JsonElement element, string path)
    {
        var properties = ReadObject(element, path, _namespaceKeys, "a namespace");
        if (properties is null) return null;
        var fields = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        var entityTypes = new List<EntityTypeDeclaration>();
        if (fields.TryGetValue("entityTypes", out var entityTypesElement))
        {
            var entityTypesPath = SchemaNames.Child(path, "entityTypes");
            foreach (var (typeName, value) in ReadObject(entityTypesElement, entityTypesPath, null, "an object of entity types") ?? [])
            {
                var typePath = SchemaNames.Child(entityTypesPath, typeName);
                if (!SchemaNames.IsUnreservedIdentifier(typeName))
                    Error(typePath, $"invalid entity type name `{typeName}`: expected an identifier");
                else if (ReadEntityType(typeName, value, typePath) is { } entityType)
                    entityTypes.Add(entityType);
            }
        }
        else Error(path, "missing field `entityTypes`");

        var actions = new List<ActionDeclaration>();
        if (fields.TryGetValue("actions", out var actionsElement))
        {
            var actionsPath = SchemaNames.Child(path, "actions");
            foreach (var (id, value) in ReadObject(actionsElement, actionsPath, null, "an object of actions") ?? [])
            {
                if (ReadAction(id, value, SchemaNames.Child(actionsPath, id)) is { } action) actions.Add(action);
            }
        }
        else Error(path, "missing field `actions`");

        List<CommonTypeDeclaration>? commonTypes = null;
        if (fields.TryGetValue("commonTypes", out var commonTypesElement))
        {
            commonTypes = [];
            var commonTypesPath = SchemaNames.Child(path, "commonTypes");
            foreach (var (typeName, value) in ReadObject(commonTypesElement, commonTypesPath, null, "an object of common types") ?? [])
            {
                var typePath = SchemaNames.Child(commonTypesPath, typeName);
                if (!SchemaNames.IsUnreservedIdentifier(typeName))
                {
                    Error(typePath, $"invalid common type name `{typeName}`: expected an identifier");
                    continue;
                }
                if (_reservedCommonTypeNames.Contains(typeName))
                {
                    Error(typePath, $"`{typeName}` cannot name a common type: it is a built-in type name");
                    continue;
                }
                var typeFields = ReadObject(value, typePath, _commonTypeKeys, "a type");
                if (typeFields is null) continue;
                var type = ReadTypeFields(typeFields, typePath);
                var annotations = ReadAnnotations(typeFields, typePath);
                if (type is not null) commonTypes.Add(new CommonTypeDeclaration(typeName, typePath, type, annotations));
            }
        }

        return new NamespaceDeclaration(name, path, entityTypes, actions, commonTypes, ReadAnnotations(properties, path));
    }

    private EntityTypeDeclaration? ReadEntityType(string name, JsonElement element, string path)
    {
        var properties = ReadObject(element, path, _entityTypeKeys, "an entity type");
        if (properties is null) return null;
        var fields = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        List<string>? enumIds = null;
        if (fields.TryGetValue("enum", out var enumElement))
        {
            var enumPath = SchemaNames.Child(path, "enum");
            enumIds = ReadStringArray(enumElement, enumPath) ?? [];
            if (enumIds.Count == 0) Error(enumPath, "an enumerated entity type needs at least one entity id");
            // A repeated id is kept as written, as the reference does: it names the same entity twice.
            foreach (var key in new[] { "memberOfTypes", "shape", "tags" }.Where(fields.ContainsKey))
                Error(SchemaNames.Child(path, key), $"unexpected field `{key}`: an enumerated entity type has no parents, attributes or tags");
        }

        List<NameReference>? memberOfTypes = null;
        if (fields.TryGetValue("memberOfTypes", out var memberOfElement))
            memberOfTypes = ReadNameArray(memberOfElement, SchemaNames.Child(path, "memberOfTypes"), "entity type");

        TypeDeclaration? shape = null;
        if (fields.TryGetValue("shape", out var shapeElement))
        {
            var shapePath = SchemaNames.Child(path, "shape");
            if (ReadObject(shapeElement, shapePath, _typeKeys, "a type") is { } shapeFields)
                shape = ReadTypeFields(shapeFields, shapePath);
        }

        TypeDeclaration? tags = null;
        if (fields.TryGetValue("tags", out var tagsElement))
        {
            var tagsPath = SchemaNames.Child(path, "tags");
            if (ReadObject(tagsElement, tagsPath, _typeKeys, "a type") is { } tagFields)
                tags = ReadTypeFields(tagFields, tagsPath);
        }

        return new EntityTypeDeclaration(name, path, memberOfTypes, shape, tags, enumIds, ReadAnnotations(properties, path));
    }

    private ActionDeclaration? ReadAction(string id, JsonElement element, string path)
    {
        var properties = ReadObject(element, path, _actionKeys, "an action");
        if (properties is null) return null;
        var fields = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        if (fields.ContainsKey("attributes"))
            Error(SchemaNames.Child(path, "attributes"), "actions cannot have attributes");

        List<ActionReference>? memberOf = null;
        if (fields.TryGetValue("memberOf", out var memberOfElement))
        {
            memberOf = [];
            var memberOfPath = SchemaNames.Child(path, "memberOf");
            foreach (var (item, itemPath) in ReadArray(memberOfElement, memberOfPath))
            {
                var refFields = ReadObject(item, itemPath, _actionReferenceKeys, "an action reference {\"id\": …}");
                if (refFields is null) continue;
                var refDict = refFields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                var refId = refDict.TryGetValue("id", out var idElement) ? ReadString(idElement, SchemaNames.Child(itemPath, "id")) : null;
                if (!refDict.ContainsKey("id")) Error(itemPath, "missing field `id`");
                string? refType = null;
                if (refDict.TryGetValue("type", out var typeElement))
                {
                    refType = ReadString(typeElement, SchemaNames.Child(itemPath, "type"));
                    if (refType is not null && !SchemaNames.IsName(refType))
                    {
                        Error(SchemaNames.Child(itemPath, "type"), $"invalid action type `{refType}`");
                        refType = null;
                    }
                }
                if (refId is not null) memberOf.Add(new ActionReference(refId, refType, itemPath));
            }
        }

        AppliesToDeclaration? appliesTo = null;
        if (fields.TryGetValue("appliesTo", out var appliesToElement))
            appliesTo = ReadAppliesTo(appliesToElement, SchemaNames.Child(path, "appliesTo"));

        return new ActionDeclaration(id, path, memberOf, appliesTo, ReadAnnotations(properties, path));
    }

    private AppliesToDeclaration? ReadAppliesTo(JsonElement element, string path)
    {
        var properties = ReadObject(element, path, _appliesToKeys, "an appliesTo object");
        if (properties is null) return null;
        var fields = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        List<NameReference> ReadTypes(string key)
        {
            if (fields.TryGetValue(key, out var list)) return ReadNameArray(list, SchemaNames.Child(path, key), "entity type");
            Error(path, $"missing field `{key}` (use [] for an action that applies to none)");
            return [];
        }

        var principals = ReadTypes("principalTypes");
        var resources = ReadTypes("resourceTypes");
        TypeDeclaration? context = null;
        if (fields.TryGetValue("context", out var contextElement))
        {
            var contextPath = SchemaNames.Child(path, "context");
            if (ReadObject(contextElement, contextPath, _typeKeys, "a type") is { } contextFields)
                context = ReadTypeFields(contextFields, contextPath);
        }
        return new AppliesToDeclaration(path, principals, resources, context);
    }

    /// <summary>A type from the fields of its object (which may also hold <c>required</c> or <c>annotations</c>).</summary>
    private TypeDeclaration? ReadTypeFields(IReadOnlyList<KeyValuePair<string, JsonElement>> properties, string path)
    {
        var fields = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!fields.TryGetValue("type", out var typeElement))
        {
            Error(path, "missing field `type`");
            return null;
        }
        var typeName = ReadString(typeElement, SchemaNames.Child(path, "type"));
        if (typeName is null) return null;

        bool Only(params string[] allowed)
        {
            var ok = true;
            foreach (var key in new[] { "element", "attributes", "additionalAttributes", "name" })
            {
                if (fields.ContainsKey(key) && !allowed.Contains(key))
                {
                    Error(SchemaNames.Child(path, key), $"unexpected field `{key}` for a type `{typeName}`");
                    ok = false;
                }
            }
            return ok;
        }

        string? RequiredName()
        {
            if (fields.TryGetValue("name", out var nameElement)) return ReadString(nameElement, SchemaNames.Child(path, "name"));
            Error(path, $"missing field `name` for a type `{typeName}`");
            return null;
        }

        switch (typeName)
        {
            case "String" or "Long" or "Boolean":
                return Only() ? new TypeDeclaration.Primitive(typeName, path) : null;

            case "Set":
                if (!Only("element")) return null;
                if (!fields.TryGetValue("element", out var elementElement))
                {
                    Error(path, "missing field `element` for a type `Set`");
                    return null;
                }
                var elementPath = SchemaNames.Child(path, "element");
                var elementFields = ReadObject(elementElement, elementPath, _typeKeys, "a type");
                return elementFields is not null && ReadTypeFields(elementFields, elementPath) is { } element
                    ? new TypeDeclaration.Set(element, path)
                    : null;

            case "Record":
                if (!Only("attributes", "additionalAttributes")) return null;
                if (!fields.TryGetValue("attributes", out var attributesElement))
                {
                    Error(path, "missing field `attributes` for a type `Record`");
                    return null;
                }
                bool? additional = null;
                if (fields.TryGetValue("additionalAttributes", out var additionalElement))
                {
                    if (additionalElement.ValueKind is JsonValueKind.True or JsonValueKind.False) additional = additionalElement.GetBoolean();
                    else Error(SchemaNames.Child(path, "additionalAttributes"), $"expected a boolean, found {Describe(additionalElement)}");
                }
                var attributes = ReadAttributes(attributesElement, SchemaNames.Child(path, "attributes"));
                return attributes is null ? null : new TypeDeclaration.Record(attributes, additional, path);

            case "Entity" or "EntityOrCommon":
                if (!Only("name")) return null;
                var entityName = RequiredName();
                if (entityName is null) return null;
                if (!SchemaNames.IsName(entityName))
                {
                    Error(SchemaNames.Child(path, "name"), $"invalid type name `{entityName}`");
                    return null;
                }
                return typeName == "Entity"
                    ? new TypeDeclaration.Entity(entityName, path)
                    : new TypeDeclaration.EntityOrCommon(entityName, path);

            case "Extension":
                if (!Only("name")) return null;
                var extensionName = RequiredName();
                if (extensionName is null) return null;
                if (extensionName is not ("ipaddr" or "decimal"))
                {
                    Error(SchemaNames.Child(path, "name"), $"unknown extension type `{extensionName}`: expected `ipaddr` or `decimal`");
                    return null;
                }
                return new TypeDeclaration.Extension(extensionName, path);

            default:
                if (!Only()) return null;
                if (!SchemaNames.IsName(typeName))
                {
                    Error(SchemaNames.Child(path, "type"), $"invalid type `{typeName}`: expected a built-in type or the name of a common type");
                    return null;
                }
                return new TypeDeclaration.CommonReference(typeName, path);
        }
    }

    private List<AttributeDeclaration>? ReadAttributes(JsonElement element, string path)
    {
        var properties = ReadObject(element, path, null, "an object of attributes");
        if (properties is null) return null;
        var attributes = new List<AttributeDeclaration>();
        foreach (var (name, value) in properties)
        {
            var attributePath = SchemaNames.Child(path, name);
            var fields = ReadObject(value, attributePath, _attributeKeys, "an attribute type");
            if (fields is null) continue;
            var type = ReadTypeFields(fields, attributePath);
            bool? required = null;
            if (fields.FirstOrDefault(f => f.Key == "required") is { Key: not null } requiredField)
            {
                if (requiredField.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) required = requiredField.Value.GetBoolean();
                else Error(SchemaNames.Child(attributePath, "required"), $"expected a boolean, found {Describe(requiredField.Value)}");
            }
            if (type is not null) attributes.Add(new AttributeDeclaration(name, type, required, ReadAnnotations(fields, attributePath)));
        }
        return attributes;
    }

    private List<KeyValuePair<string, string>>? ReadAnnotations(IReadOnlyList<KeyValuePair<string, JsonElement>> fields, string path)
    {
        var field = fields.FirstOrDefault(f => f.Key == "annotations");
        if (field.Key is null) return null;
        var annotationsPath = SchemaNames.Child(path, "annotations");
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in ReadObject(field.Value, annotationsPath, null, "an object of annotations") ?? [])
        {
            var keyPath = SchemaNames.Child(annotationsPath, key);
            if (!SchemaNames.IsIdentifier(key)) Error(keyPath, $"invalid annotation key `{key}`: expected an identifier");
            else if (ReadString(value, keyPath) is { } text) result.Add(new(key, text));
        }
        return result;
    }

    private List<NameReference> ReadNameArray(JsonElement element, string path, string what)
    {
        var names = new List<NameReference>();
        foreach (var (item, itemPath) in ReadArray(element, path))
        {
            var name = ReadString(item, itemPath);
            if (name is null) continue;
            if (!SchemaNames.IsName(name)) Error(itemPath, $"invalid {what} name `{name}`");
            else names.Add(new NameReference(name, itemPath));
        }
        return names;
    }

    private List<string>? ReadStringArray(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array, found {Describe(element)}");
            return null;
        }
        return [.. ReadArray(element, path).Select(i => ReadString(i.Item, i.Path)).OfType<string>()];
    }

    private IEnumerable<(JsonElement Item, string Path)> ReadArray(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array, found {Describe(element)}");
            return [];
        }
        return element.EnumerateArray().Select((item, i) => (item, SchemaNames.Index(path, i))).ToList();
    }

    private string? ReadString(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String) return element.GetString();
        Error(path, $"expected a string, found {Describe(element)}");
        return null;
    }

    /// <summary>
    /// The properties of an object in document order; reports a non-object, a duplicate key (JSON
    /// readers differ on which one wins, so Cedar refuses them) and, when <paramref name="allowed"/>
    /// is given, an unknown key.
    /// </summary>
    private List<KeyValuePair<string, JsonElement>>? ReadObject(JsonElement element, string path, string[]? allowed, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected {what} (a JSON object), found {Describe(element)}");
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = SchemaNames.Child(path, property.Name);
            if (!seen.Add(property.Name))
            {
                Error(propertyPath, $"duplicate key `{property.Name}`");
                continue;
            }
            if (allowed is not null && !allowed.Contains(property.Name))
            {
                Error(propertyPath, $"unknown field `{property.Name}`, expected one of {string.Join(", ", allowed.Select(a => $"`{a}`"))}");
                continue;
            }
            result.Add(new(property.Name, property.Value));
        }
        return result;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
