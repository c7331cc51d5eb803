using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>Writes a <see cref="SchemaDeclaration"/> back in Cedar's JSON schema format, as it was written (names unresolved, keys in order).</summary>
internal static class SchemaJsonWriter
{
    public static string Write(SchemaDeclaration schema, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            // The schema is served as application/json, never embedded in HTML: keep it readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            foreach (var ns in schema.Namespaces) WriteNamespace(writer, ns);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNamespace(Utf8JsonWriter writer, NamespaceDeclaration ns)
    {
        writer.WriteStartObject(ns.Name);
        if (ns.CommonTypes is { } commonTypes)
        {
            writer.WriteStartObject("commonTypes");
            foreach (var commonType in commonTypes)
            {
                writer.WriteStartObject(commonType.Name);
                WriteTypeFields(writer, commonType.Type);
                WriteAnnotations(writer, commonType.Annotations);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        writer.WriteStartObject("entityTypes");
        foreach (var entityType in ns.EntityTypes) WriteEntityType(writer, entityType);
        writer.WriteEndObject();

        writer.WriteStartObject("actions");
        foreach (var action in ns.Actions) WriteAction(writer, action);
        writer.WriteEndObject();

        WriteAnnotations(writer, ns.Annotations);
        writer.WriteEndObject();
    }

    private static void WriteEntityType(Utf8JsonWriter writer, EntityTypeDeclaration entityType)
    {
        writer.WriteStartObject(entityType.Name);
        if (entityType.Enum is { } ids)
        {
            writer.WriteStartArray("enum");
            foreach (var id in ids) writer.WriteStringValue(id);
            writer.WriteEndArray();
        }
        if (entityType.MemberOfTypes is { } memberOf) WriteNames(writer, "memberOfTypes", memberOf);
        if (entityType.Shape is { } shape) WriteType(writer, "shape", shape);
        if (entityType.Tags is { } tags) WriteType(writer, "tags", tags);
        WriteAnnotations(writer, entityType.Annotations);
        writer.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter writer, ActionDeclaration action)
    {
        writer.WriteStartObject(action.Id);
        if (action.MemberOf is { } memberOf)
        {
            writer.WriteStartArray("memberOf");
            foreach (var reference in memberOf)
            {
                writer.WriteStartObject();
                writer.WriteString("id", reference.Id);
                if (reference.Type is { } type) writer.WriteString("type", type);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (action.AppliesTo is { } appliesTo)
        {
            writer.WriteStartObject("appliesTo");
            WriteNames(writer, "principalTypes", appliesTo.PrincipalTypes);
            WriteNames(writer, "resourceTypes", appliesTo.ResourceTypes);
            if (appliesTo.Context is { } context) WriteType(writer, "context", context);
            writer.WriteEndObject();
        }
        WriteAnnotations(writer, action.Annotations);
        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, string propertyName, TypeDeclaration type)
    {
        writer.WriteStartObject(propertyName);
        WriteTypeFields(writer, type);
        writer.WriteEndObject();
    }

    private static void WriteTypeFields(Utf8JsonWriter writer, TypeDeclaration type)
    {
        switch (type)
        {
            case TypeDeclaration.Primitive p:
                writer.WriteString("type", p.Name);
                break;
            case TypeDeclaration.Set s:
                writer.WriteString("type", "Set");
                WriteType(writer, "element", s.Element);
                break;
            case TypeDeclaration.Record r:
                writer.WriteString("type", "Record");
                writer.WriteStartObject("attributes");
                foreach (var attribute in r.Attributes)
                {
                    writer.WriteStartObject(attribute.Name);
                    WriteTypeFields(writer, attribute.Type);
                    if (attribute.Required is { } required) writer.WriteBoolean("required", required);
                    WriteAnnotations(writer, attribute.Annotations);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                if (r.AdditionalAttributes is { } additional) writer.WriteBoolean("additionalAttributes", additional);
                break;
            case TypeDeclaration.Entity e:
                writer.WriteString("type", "Entity");
                writer.WriteString("name", e.Name);
                break;
            case TypeDeclaration.Extension x:
                writer.WriteString("type", "Extension");
                writer.WriteString("name", x.Name);
                break;
            case TypeDeclaration.EntityOrCommon eoc:
                writer.WriteString("type", "EntityOrCommon");
                writer.WriteString("name", eoc.Name);
                break;
            case TypeDeclaration.CommonReference c:
                writer.WriteString("type", c.Name);
                break;
            default:
                throw new InvalidOperationException($"unexpected type declaration {type.GetType().Name}");
        }
    }

    private static void WriteNames(Utf8JsonWriter writer, string propertyName, IReadOnlyList<NameReference> names)
    {
        writer.WriteStartArray(propertyName);
        foreach (var name in names) writer.WriteStringValue(name.Name);
        writer.WriteEndArray();
    }

    private static void WriteAnnotations(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>>? annotations)
    {
        if (annotations is null) return;
        writer.WriteStartObject("annotations");
        foreach (var (key, value) in annotations) writer.WriteString(key, value);
        writer.WriteEndObject();
    }
}
