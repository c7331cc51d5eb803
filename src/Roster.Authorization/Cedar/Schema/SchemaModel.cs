namespace Roster.Authorization.Cedar.Schema;

// The resolved schema: every name fully qualified, common types inlined. This is what the validator
// and the rest of the engine read; the declared form (as written) is kept only for ToJson.

/// <summary>A type in a Cedar schema, with every entity type name fully qualified and common types inlined.</summary>
public abstract record CedarType
{
    private protected CedarType() { }

    public static readonly CedarType Bool = new BooleanType();
    public static readonly CedarType Long = new LongType();
    public static readonly CedarType String = new StringType();
}

public sealed record BooleanType : CedarType
{
    public override string ToString() => "Bool";
}

public sealed record LongType : CedarType
{
    public override string ToString() => "Long";
}

public sealed record StringType : CedarType
{
    public override string ToString() => "String";
}

public sealed record SetType(CedarType Element) : CedarType
{
    public override string ToString() => $"Set<{Element}>";
}

/// <summary>A record type; <paramref name="AdditionalAttributes"/> allows attributes beyond the declared ones.</summary>
public sealed record RecordType(IReadOnlyDictionary<string, AttributeDefinition> Attributes, bool AdditionalAttributes = false) : CedarType
{
    public static readonly RecordType Empty = new(new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal));

    public override string ToString() =>
        "{" + string.Join(", ", Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}{(a.Value.Required ? "" : "?")}: {a.Value.Type}")) + "}";
}

/// <summary>A reference to entities of one type (fully qualified name).</summary>
public sealed record EntityType(string Name) : CedarType
{
    public override string ToString() => Name;
}

/// <summary>An extension type: <c>ipaddr</c> or <c>decimal</c>.</summary>
public sealed record ExtensionType(string Name) : CedarType
{
    public override string ToString() => Name;
}

/// <summary>An attribute of a record or entity type.</summary>
public sealed record AttributeDefinition(CedarType Type, bool Required);

/// <summary>An entity type of the schema.</summary>
/// <param name="Name">Fully qualified, e.g. <c>PhotoFlash::User</c>.</param>
/// <param name="MemberOfTypes">Fully qualified types of the entity's possible direct parents.</param>
/// <param name="Shape">The entity's attributes.</param>
/// <param name="Tags">The type of the entity's tags; null when it may have none.</param>
/// <param name="EnumIds">For an enumerated entity type, its only valid entity ids; null otherwise.</param>
public sealed record EntityTypeDefinition(
    string Name,
    IReadOnlyList<string> MemberOfTypes,
    RecordType Shape,
    CedarType? Tags,
    IReadOnlyList<string>? EnumIds);

/// <summary>The principals, resources and context an action is used with.</summary>
public sealed record ActionAppliesTo(IReadOnlyList<string> PrincipalTypes, IReadOnlyList<string> ResourceTypes, RecordType Context);

/// <summary>An action of the schema, e.g. <c>PhotoFlash::Action::"viewPhoto"</c>.</summary>
/// <param name="MemberOf">The action groups it is directly in.</param>
/// <param name="AppliesTo">Null when the schema gives no <c>appliesTo</c>: then the action applies to no request.</param>
public sealed record ActionDefinition(EntityUid Uid, IReadOnlyList<EntityUid> MemberOf, ActionAppliesTo? AppliesTo);

/// <summary>
/// One problem in a schema document: where and what. In a JSON schema, <paramref name="Path"/> is a JSON path
/// such as <c>$.Ns.entityTypes.User</c> and <paramref name="Span"/> is null; in schema text, the path is the
/// <c>line:column</c> of <paramref name="Span"/>.
/// </summary>
public sealed record CedarSchemaError(string Path, string Message, SourceSpan? Span = null)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when a schema document cannot be used; lists every problem found, each with its JSON path or its position in the text.</summary>
public sealed class CedarSchemaException(IReadOnlyList<CedarSchemaError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<CedarSchemaError> Errors { get; } = errors;
}
