namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// A Cedar schema: entity types, actions and their <c>appliesTo</c>, read from Cedar's JSON schema
/// format or from its human-readable schema syntax. Immutable and thread-safe. Every name it hands out
/// is fully qualified.
/// </summary>
public sealed class CedarSchema
{
    private readonly SchemaDeclaration _declaration;
    private readonly Dictionary<string, EntityTypeDefinition> _entityTypes;
    private readonly Dictionary<EntityUid, ActionDefinition> _actions;
    private readonly HashSet<string> _actionTypes;
    // For each entity type, the types whose entities may be in it, itself included (memberOfTypes, transitively).
    private readonly Dictionary<string, HashSet<string>> _typesIn;
    // For each action, the actions in it, itself included (memberOf, transitively).
    private readonly Dictionary<EntityUid, HashSet<EntityUid>> _actionsIn;

    private CedarSchema(SchemaDeclaration declaration, Dictionary<string, EntityTypeDefinition> entityTypes, Dictionary<EntityUid, ActionDefinition> actions)
    {
        _declaration = declaration;
        _entityTypes = entityTypes;
        _actions = actions;
        _actionTypes = actions.Keys.Select(a => a.Type).ToHashSet(StringComparer.Ordinal);
        _typesIn = Descendants(entityTypes.Keys, t => entityTypes[t].MemberOfTypes, StringComparer.Ordinal);
        _actionsIn = Descendants(actions.Keys, a => actions[a].MemberOf, EqualityComparer<EntityUid>.Default);
    }

    /// <summary>Reads a schema in Cedar's JSON format; throws <see cref="CedarSchemaException"/> listing every problem with its JSON path.</summary>
    public static CedarSchema FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var declaration = SchemaJsonReader.Read(json);
        var (entityTypes, actions) = SchemaResolver.Resolve(declaration);
        return new CedarSchema(declaration, entityTypes, actions);
    }

    /// <summary>
    /// Reads a schema in Cedar's human-readable schema syntax (a <c>.cedarschema</c> file: <c>namespace</c>,
    /// <c>entity</c>, <c>action</c> and <c>type</c> declarations); throws <see cref="CedarSchemaException"/>
    /// listing every problem, each with its <see cref="CedarSchemaError.Span"/> (<c>line:column</c>).
    /// </summary>
    /// <remarks>
    /// The schema is the one Cedar's own conversion to JSON gives: <see cref="ToJson"/> then writes what the
    /// reference's <c>schemaToJson</c> writes (type names as <c>EntityOrCommon</c>, empty shapes left out).
    /// </remarks>
    public static CedarSchema FromCedar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (declaration, spans) = SchemaTextReader.Read(text);
        try
        {
            var (entityTypes, actions) = SchemaResolver.Resolve(declaration);
            return new CedarSchema(declaration, entityTypes, actions);
        }
        catch (CedarSchemaException e)
        {
            // The resolver knows nodes by their paths, which in text are positions: give the errors their spans.
            throw new CedarSchemaException([.. e.Errors
                .Select(error => spans.TryGetValue(error.Path, out var span) ? error with { Span = span } : error)
                .OrderBy(error => error.Span?.Offset ?? 0)]);
        }
    }

    /// <summary>The schema in Cedar's JSON format, as it was written (namespaces, common types and annotations kept).</summary>
    public string ToJson(bool indented = true) => SchemaJsonWriter.Write(_declaration, indented);

    /// <summary>
    /// The schema in Cedar's schema syntax, which <see cref="FromCedar"/> reads back to the same schema. Throws
    /// <see cref="CedarSchemaException"/> naming, by path, each part the syntax cannot say: a shape that names a
    /// common type, <c>additionalAttributes</c>, an entity type reference whose name a common type also has.
    /// </summary>
    public string ToCedar() => SchemaTextWriter.Write(_declaration);

    public IReadOnlyCollection<EntityTypeDefinition> EntityTypes => _entityTypes.Values;

    public IReadOnlyCollection<ActionDefinition> Actions => _actions.Values;

    /// <summary>True when the schema declares the entity type (fully qualified name; action types are not entity types here).</summary>
    public bool HasEntityType(string name) => _entityTypes.ContainsKey(name);

    public EntityTypeDefinition? GetEntityType(string name) => _entityTypes.GetValueOrDefault(name);

    /// <summary>The declared attribute of an entity type, or null when the type or the attribute is not declared.</summary>
    public AttributeDefinition? GetAttribute(string entityType, string attribute) =>
        _entityTypes.TryGetValue(entityType, out var definition) ? definition.Shape.Attributes.GetValueOrDefault(attribute) : null;

    /// <summary>True for the type of some declared action (<c>Action</c>, <c>Ns::Action</c>).</summary>
    public bool IsActionType(string name) => _actionTypes.Contains(name);

    public bool HasAction(EntityUid action) => _actions.ContainsKey(action);

    public ActionDefinition? GetAction(EntityUid action) => _actions.GetValueOrDefault(action);

    /// <summary>True when an entity of type <paramref name="type"/> may be <c>in</c> one of <paramref name="ancestorType"/>: the same type, or a parent type through memberOfTypes.</summary>
    public bool CanBeIn(string type, string ancestorType) =>
        type == ancestorType || (_typesIn.TryGetValue(ancestorType, out var types) && types.Contains(type));

    /// <summary>The action and every action in it through memberOf; empty for an undeclared action.</summary>
    public IReadOnlySet<EntityUid> ActionsIn(EntityUid action) =>
        _actionsIn.TryGetValue(action, out var actions) ? actions : new HashSet<EntityUid>();

    private static Dictionary<T, HashSet<T>> Descendants<T>(IEnumerable<T> nodes, Func<T, IEnumerable<T>> parents, IEqualityComparer<T> comparer)
        where T : notnull
    {
        var all = nodes.ToList();
        var children = all.ToDictionary(n => n, _ => new List<T>(), comparer);
        foreach (var node in all)
        {
            foreach (var parent in parents(node))
            {
                if (children.TryGetValue(parent, out var list)) list.Add(node);
            }
        }

        var result = new Dictionary<T, HashSet<T>>(comparer);
        foreach (var node in all)
        {
            var reached = new HashSet<T>(comparer) { node };
            var stack = new Stack<T>(children[node]);
            while (stack.TryPop(out var next))
            {
                if (!reached.Add(next)) continue;
                foreach (var child in children[next]) stack.Push(child);
            }
            result[node] = reached;
        }
        return result;
    }
}
