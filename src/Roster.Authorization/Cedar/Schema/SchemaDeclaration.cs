namespace Roster.Authorization.Cedar.Schema;

// The schema as written: names not yet resolved, keys in document order, optional fields null when
// absent. The reader builds it, the resolver turns it into the model, the writer serves it back.
// Each node keeps its JSON path so that resolution errors can say where they are.

internal sealed record SchemaDeclaration(IReadOnlyList<NamespaceDeclaration> Namespaces);

internal sealed record NamespaceDeclaration(
    string Name,
    string Path,
    IReadOnlyList<EntityTypeDeclaration> EntityTypes,
    IReadOnlyList<ActionDeclaration> Actions,
    IReadOnlyList<CommonTypeDeclaration>? CommonTypes,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations);

internal sealed record EntityTypeDeclaration(
    string Name,
    string Path,
    IReadOnlyList<NameReference>? MemberOfTypes,
    TypeDeclaration? Shape,
    TypeDeclaration? Tags,
    IReadOnlyList<string>? Enum,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations);

internal sealed record CommonTypeDeclaration(
    string Name,
    string Path,
    TypeDeclaration Type,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations);

internal sealed record ActionDeclaration(
    string Id,
    string Path,
    IReadOnlyList<ActionReference>? MemberOf,
    AppliesToDeclaration? AppliesTo,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations);

internal sealed record AppliesToDeclaration(
    string Path,
    IReadOnlyList<NameReference> PrincipalTypes,
    IReadOnlyList<NameReference> ResourceTypes,
    TypeDeclaration? Context);

/// <summary>An entity type name as written, and where.</summary>
internal sealed record NameReference(string Name, string Path);

/// <summary>A <c>memberOf</c> entry: <c>{"id": "…", "type": "…"}</c>; Type null means this namespace's Action.</summary>
internal sealed record ActionReference(string Id, string? Type, string Path);

internal abstract record TypeDeclaration(string Path)
{
    /// <summary><c>String</c>, <c>Long</c>, <c>Boolean</c>.</summary>
    public sealed record Primitive(string Name, string Path) : TypeDeclaration(Path);
    public sealed record Set(TypeDeclaration Element, string Path) : TypeDeclaration(Path);
    public sealed record Record(IReadOnlyList<AttributeDeclaration> Attributes, bool? AdditionalAttributes, string Path) : TypeDeclaration(Path);
    public sealed record Entity(string Name, string Path) : TypeDeclaration(Path);
    public sealed record Extension(string Name, string Path) : TypeDeclaration(Path);
    /// <summary><c>{"type": "EntityOrCommon", "name": …}</c>: a common type if one has the name, else an entity type.</summary>
    public sealed record EntityOrCommon(string Name, string Path) : TypeDeclaration(Path);
    /// <summary><c>{"type": "SomeCommonType"}</c>.</summary>
    public sealed record CommonReference(string Name, string Path) : TypeDeclaration(Path);
}

internal sealed record AttributeDeclaration(
    string Name,
    TypeDeclaration Type,
    bool? Required,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations);
