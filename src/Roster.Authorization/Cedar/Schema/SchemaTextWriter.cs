using System.Text;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Writes a <see cref="SchemaDeclaration"/> in Cedar's schema syntax, so that <see cref="SchemaTextReader"/>
/// reads it back to the same schema (the same resolved types; the JSON may differ, as every type name in text
/// is <c>EntityOrCommon</c>). Two spaces of indentation, one declaration per paragraph, action ids quoted.
/// </summary>
/// <remarks>
/// The syntax cannot say everything the JSON format can; these are errors at their JSON path: a shape that
/// names a common type, <c>additionalAttributes</c>, and a reference to an entity type whose name is also a
/// common type's (in text, a name means the common type first). An action whose principal or resource types
/// are empty applies to nothing and is written without <c>appliesTo</c>, which means the same.
/// </remarks>
internal sealed class SchemaTextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<CedarSchemaError> _errors = [];
    private readonly HashSet<string> _entityNames;
    private readonly HashSet<string> _commonNames;

    private SchemaTextWriter(SchemaDeclaration schema)
    {
        _entityNames = schema.Namespaces.SelectMany(n => n.EntityTypes.Select(e => e.Name)).ToHashSet(StringComparer.Ordinal);
        _commonNames = schema.Namespaces.SelectMany(n => (n.CommonTypes ?? []).Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schema as text; throws <see cref="CedarSchemaException"/> naming each part the syntax cannot say.</summary>
    public static string Write(SchemaDeclaration schema)
    {
        var writer = new SchemaTextWriter(schema);
        var first = true;
        // The empty namespace's declarations first, outside any block, then each namespace's block.
        foreach (var ns in schema.Namespaces.OrderBy(n => n.Name.Length == 0 ? 0 : 1))
        {
            if (ns.Name.Length == 0)
            {
                if (ns.Annotations is { Count: > 0 })
                    writer.Error(ns.Path, "annotations on the empty namespace cannot be written in the schema syntax");
                writer.WriteDeclarations(ns, "", ref first);
                continue;
            }
            if (!first) writer._text.Append('\n');
            first = false;
            writer.WriteAnnotations(ns.Annotations, "");
            writer._text.Append("namespace ").Append(ns.Name).Append(" {\n");
            var firstInside = true;
            writer.WriteDeclarations(ns, "  ", ref firstInside);
            writer._text.Append("}\n");
        }
        if (writer._errors.Count > 0) throw new CedarSchemaException(writer._errors);
        return writer._text.ToString();
    }

    private void WriteDeclarations(NamespaceDeclaration ns, string indent, ref bool first)
    {
        foreach (var commonType in ns.CommonTypes ?? [])
        {
            Paragraph(ref first);
            WriteAnnotations(commonType.Annotations, indent);
            _text.Append(indent).Append("type ").Append(commonType.Name).Append(" = ");
            WriteType(commonType.Type, indent);
            _text.Append(";\n");
        }
        foreach (var entityType in ns.EntityTypes)
        {
            Paragraph(ref first);
            WriteEntityType(entityType, indent);
        }
        foreach (var action in ns.Actions)
        {
            Paragraph(ref first);
            WriteAction(action, indent);
        }
    }

    private void Paragraph(ref bool first)
    {
        if (!first) _text.Append('\n');
        first = false;
    }

    private void WriteEntityType(EntityTypeDeclaration entityType, string indent)
    {
        WriteAnnotations(entityType.Annotations, indent);
        _text.Append(indent).Append("entity ").Append(entityType.Name);
        if (entityType.Enum is { } ids)
        {
            _text.Append(" enum [").AppendJoin(", ", ids.Select(CedarString.Quote)).Append("];\n");
            return;
        }
        if (entityType.MemberOfTypes is { Count: > 0 } parents)
            _text.Append(" in [").AppendJoin(", ", parents.Select(p => p.Name)).Append(']');
        switch (entityType.Shape)
        {
            case null:
                break;
            case TypeDeclaration.Record record:
                if (record.Attributes.Count > 0 || record.AdditionalAttributes == true)
                {
                    _text.Append(" = ");
                    WriteType(record, indent);
                }
                break;
            case var other:
                Error(other.Path, "a shape that names a common type cannot be written in the schema syntax: write the record in place");
                break;
        }
        if (entityType.Tags is { } tags)
        {
            _text.Append(" tags ");
            WriteType(tags, indent);
        }
        _text.Append(";\n");
    }

    private void WriteAction(ActionDeclaration action, string indent)
    {
        WriteAnnotations(action.Annotations, indent);
        _text.Append(indent).Append("action ").Append(CedarString.Quote(action.Id));
        if (action.MemberOf is { Count: > 0 } groups)
        {
            _text.Append(" in [").AppendJoin(", ", groups.Select(g =>
                g.Type is null ? CedarString.Quote(g.Id) : $"{g.Type}::{CedarString.Quote(g.Id)}")).Append(']');
        }
        if (action.AppliesTo is { PrincipalTypes.Count: > 0, ResourceTypes.Count: > 0 } appliesTo)
        {
            var inner = indent + "  ";
            _text.Append(" appliesTo {\n");
            _text.Append(inner).Append("principal: [").AppendJoin(", ", appliesTo.PrincipalTypes.Select(p => p.Name)).Append(']');
            _text.Append(",\n").Append(inner).Append("resource: [").AppendJoin(", ", appliesTo.ResourceTypes.Select(r => r.Name)).Append(']');
            switch (appliesTo.Context)
            {
                case null:
                case TypeDeclaration.Record { Attributes.Count: 0, AdditionalAttributes: not true }:
                    break;
                case TypeDeclaration.Record record:
                    _text.Append(",\n").Append(inner).Append("context: ");
                    WriteType(record, inner);
                    break;
                case TypeDeclaration.CommonReference or TypeDeclaration.EntityOrCommon:
                    _text.Append(",\n").Append(inner).Append("context: ");
                    WriteType(appliesTo.Context, inner);
                    break;
                case var other:
                    Error(other.Path, "the context must be a record or the name of a common type");
                    break;
            }
            _text.Append('\n').Append(indent).Append('}');
        }
        _text.Append(";\n");
    }

    private void WriteType(TypeDeclaration type, string indent)
    {
        switch (type)
        {
            case TypeDeclaration.Primitive p:
                Builtin(p.Name == "Boolean" ? "Bool" : p.Name);
                break;
            case TypeDeclaration.Extension x:
                Builtin(x.Name);
                break;
            case TypeDeclaration.Set s:
                _text.Append("Set<");
                WriteType(s.Element, indent);
                _text.Append('>');
                break;
            case TypeDeclaration.Record r:
                if (r.AdditionalAttributes == true)
                    Error(r.Path, "a record with additionalAttributes cannot be written in the schema syntax");
                WriteRecord(r, indent);
                break;
            case TypeDeclaration.Entity e:
                if (_commonNames.Contains(LastPart(e.Name)))
                    Error(e.Path, $"the entity type `{e.Name}` cannot be written in the schema syntax: a common type has the same name, and a name in text means the common type first");
                _text.Append(e.Name);
                break;
            case TypeDeclaration.CommonReference c:
                if (_entityNames.Contains(LastPart(c.Name)))
                    Error(c.Path, $"the common type `{c.Name}` cannot be written in the schema syntax: an entity type has the same name");
                _text.Append(c.Name);
                break;
            case TypeDeclaration.EntityOrCommon eoc:
                _text.Append(eoc.Name);
                break;
            default:
                throw new InvalidOperationException($"unexpected type declaration {type.GetType().Name}");
        }
    }

    // A built-in type's bare name, unless the schema declares a type of that name: then its __cedar:: name.
    private void Builtin(string name)
    {
        if (_entityNames.Contains(name) || _commonNames.Contains(name)) _text.Append("__cedar::");
        _text.Append(name);
    }

    private void WriteRecord(TypeDeclaration.Record record, string indent)
    {
        if (record.Attributes.Count == 0)
        {
            _text.Append("{}");
            return;
        }
        var inner = indent + "  ";
        _text.Append("{\n");
        for (var i = 0; i < record.Attributes.Count; i++)
        {
            var attribute = record.Attributes[i];
            WriteAnnotations(attribute.Annotations, inner);
            _text.Append(inner).Append(CedarNames.IsBareAttribute(attribute.Name) ? attribute.Name : CedarString.Quote(attribute.Name));
            if (attribute.Required == false) _text.Append('?');
            _text.Append(": ");
            WriteType(attribute.Type, inner);
            _text.Append(i < record.Attributes.Count - 1 ? ",\n" : "\n");
        }
        _text.Append(indent).Append('}');
    }

    private void WriteAnnotations(IReadOnlyList<KeyValuePair<string, string>>? annotations, string indent)
    {
        foreach (var (key, value) in annotations ?? [])
            _text.Append(indent).Append('@').Append(key).Append('(').Append(CedarString.Quote(value)).Append(")\n");
    }

    private static string LastPart(string name) => name[(name.LastIndexOf(':') + 1)..];

    private void Error(string path, string message) => _errors.Add(new CedarSchemaError(path, message));
}
