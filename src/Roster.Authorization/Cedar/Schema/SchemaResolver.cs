namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Turns a <see cref="SchemaDeclaration"/> into resolved definitions: names qualified the way Cedar
/// does it (an unqualified name means the one in the current namespace if declared there, else the
/// one in the empty namespace), common types inlined, hierarchies checked.
/// </summary>
internal sealed class SchemaResolver
{
    private readonly List<CedarSchemaError> _errors = [];
    private readonly Dictionary<string, (NamespaceDeclaration Ns, EntityTypeDeclaration Declaration)> _entityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (NamespaceDeclaration Ns, CommonTypeDeclaration Declaration)> _commonTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityUid, (NamespaceDeclaration Ns, ActionDeclaration Declaration)> _actions = [];
    private readonly HashSet<string> _actionTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CedarType?> _resolvedCommonTypes = new(StringComparer.Ordinal);
    private readonly List<string> _commonTypesInProgress = [];

    public static (Dictionary<string, EntityTypeDefinition> EntityTypes, Dictionary<EntityUid, ActionDefinition> Actions) Resolve(SchemaDeclaration schema)
    {
        var resolver = new SchemaResolver();
        resolver.Register(schema);
        var entityTypes = resolver.ResolveEntityTypes();
        var actions = resolver.ResolveActions();
        foreach (var (name, (_, declaration)) in resolver._commonTypes)
        {
            // Unused common types must be well-formed too.
            _ = resolver.ResolveCommonType(name, declaration.Path);
        }
        if (resolver._errors.Count > 0) throw new CedarSchemaException(resolver._errors);
        return (entityTypes, actions);
    }

    private void Error(string path, string message) => _errors.Add(new CedarSchemaError(path, message));

    private void Register(SchemaDeclaration schema)
    {
        foreach (var ns in schema.Namespaces)
        {
            foreach (var entityType in ns.EntityTypes)
                _entityTypes[SchemaNames.Qualify(ns.Name, entityType.Name)] = (ns, entityType);
            foreach (var commonType in ns.CommonTypes ?? [])
                _commonTypes[SchemaNames.Qualify(ns.Name, commonType.Name)] = (ns, commonType);
            foreach (var action in ns.Actions)
            {
                _actions[new EntityUid(SchemaNames.ActionType(ns.Name), action.Id)] = (ns, action);
                _actionTypes.Add(SchemaNames.ActionType(ns.Name));
            }
        }

        // A namespace may not redeclare what the empty namespace declares: an unqualified reference
        // inside the namespace would silently change meaning.
        foreach (var ns in schema.Namespaces.Where(n => n.Name.Length > 0))
        {
            foreach (var entityType in ns.EntityTypes.Where(e => _entityTypes.ContainsKey(e.Name)))
                Error(entityType.Path, $"entity type `{ns.Name}::{entityType.Name}` shadows the entity type `{entityType.Name}` of the empty namespace");
            foreach (var commonType in (ns.CommonTypes ?? []).Where(c => _commonTypes.ContainsKey(c.Name)))
                Error(commonType.Path, $"common type `{ns.Name}::{commonType.Name}` shadows the common type `{commonType.Name}` of the empty namespace");
            foreach (var action in ns.Actions.Where(a => _actions.ContainsKey(new EntityUid("Action", a.Id))))
                Error(action.Path, $"action `{new EntityUid(SchemaNames.ActionType(ns.Name), action.Id)}` shadows the action `{new EntityUid("Action", action.Id)}` of the empty namespace");
        }
    }

    private Dictionary<string, EntityTypeDefinition> ResolveEntityTypes()
    {
        var result = new Dictionary<string, EntityTypeDefinition>(StringComparer.Ordinal);
        foreach (var (name, (ns, declaration)) in _entityTypes)
        {
            var memberOf = (declaration.MemberOfTypes ?? [])
                .Select(r => ResolveEntityTypeName(r.Name, ns.Name, r.Path, "memberOfTypes"))
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

            var shape = RecordType.Empty;
            if (declaration.Shape is not null)
            {
                switch (ResolveType(declaration.Shape, ns.Name))
                {
                    case RecordType record: shape = record; break;
                    case { } other: Error(declaration.Shape.Path, $"the shape of an entity type must be a record type, not {other}"); break;
                }
            }

            var tags = declaration.Tags is null ? null : ResolveType(declaration.Tags, ns.Name);
            result[name] = new EntityTypeDefinition(name, memberOf, shape, tags, declaration.Enum);
        }
        return result;
    }

    private Dictionary<EntityUid, ActionDefinition> ResolveActions()
    {
        var result = new Dictionary<EntityUid, ActionDefinition>();
        foreach (var (uid, (ns, declaration)) in _actions)
        {
            var memberOf = new List<EntityUid>();
            foreach (var reference in declaration.MemberOf ?? [])
            {
                var parent = new EntityUid(ResolveActionType(reference.Type, reference.Id, ns.Name), reference.Id);
                if (!_actions.ContainsKey(parent))
                    Error(reference.Path, $"undeclared action {parent} in memberOf");
                else if (!memberOf.Contains(parent))
                    memberOf.Add(parent);
            }

            ActionAppliesTo? appliesTo = null;
            if (declaration.AppliesTo is { } applies)
            {
                var principals = applies.PrincipalTypes.Select(r => ResolveEntityTypeName(r.Name, ns.Name, r.Path, "principalTypes")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                var resources = applies.ResourceTypes.Select(r => ResolveEntityTypeName(r.Name, ns.Name, r.Path, "resourceTypes")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                var context = RecordType.Empty;
                if (applies.Context is not null)
                {
                    switch (ResolveType(applies.Context, ns.Name))
                    {
                        case RecordType record: context = record; break;
                        case { } other: Error(applies.Context.Path, $"the context of an action must be a record type, not {other}"); break;
                    }
                }
                appliesTo = new ActionAppliesTo(principals, resources, context);
            }
            result[uid] = new ActionDefinition(uid, memberOf, appliesTo);
        }

        foreach (var uid in FindActionCycles(result))
            Error(_actions[uid].Declaration.Path, $"action {uid} is a member of itself through memberOf");
        return result;
    }

    private static IEnumerable<EntityUid> FindActionCycles(Dictionary<EntityUid, ActionDefinition> actions)
    {
        foreach (var (uid, action) in actions)
        {
            var seen = new HashSet<EntityUid>();
            var stack = new Stack<EntityUid>(action.MemberOf);
            while (stack.TryPop(out var next))
            {
                if (next == uid) { yield return uid; break; }
                if (!seen.Add(next) || !actions.TryGetValue(next, out var parent)) continue;
                foreach (var p in parent.MemberOf) stack.Push(p);
            }
        }
    }

    // An unqualified type such as `Action` means this namespace's when it declares the action, else the empty
    // namespace's, as for entity type names: `Action::"x"` in namespace N is N::Action::"x" only if N declares "x".
    private string ResolveActionType(string? written, string id, string ns)
    {
        if (written is null) return SchemaNames.ActionType(ns);
        if (SchemaNames.IsQualified(written)) return written;
        var local = SchemaNames.Qualify(ns, written);
        return _actions.ContainsKey(new EntityUid(local, id)) || !_actions.ContainsKey(new EntityUid(written, id)) && _actionTypes.Contains(local)
            ? local
            : written;
    }

    private string? ResolveEntityTypeName(string written, string ns, string path, string where)
    {
        foreach (var candidate in Candidates(written, ns))
        {
            if (_entityTypes.ContainsKey(candidate)) return candidate;
        }
        Error(path, $"undeclared entity type `{written}` in {where}{Suggest(written, _entityTypes.Keys)}");
        return null;
    }

    /// <summary>The fully qualified names an unqualified name may mean, in priority order.</summary>
    private static IEnumerable<string> Candidates(string written, string ns)
    {
        if (SchemaNames.IsQualified(written) || ns.Length == 0) return [written];
        return [SchemaNames.Qualify(ns, written), written];
    }

    private CedarType? ResolveType(TypeDeclaration declaration, string ns)
    {
        switch (declaration)
        {
            case TypeDeclaration.Primitive p:
                return p.Name switch { "String" => CedarType.String, "Long" => CedarType.Long, _ => CedarType.Bool };
            case TypeDeclaration.Set s:
                return ResolveType(s.Element, ns) is { } element ? new SetType(element) : null;
            case TypeDeclaration.Record r:
                var attributes = new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal);
                var ok = true;
                foreach (var attribute in r.Attributes)
                {
                    if (ResolveType(attribute.Type, ns) is { } type) attributes[attribute.Name] = new AttributeDefinition(type, attribute.Required ?? true);
                    else ok = false;
                }
                return ok ? new RecordType(attributes, r.AdditionalAttributes ?? false) : null;
            case TypeDeclaration.Entity e:
                return ResolveEntityTypeName(e.Name, ns, e.Path, "an Entity type") is { } entityName ? new EntityType(entityName) : null;
            case TypeDeclaration.Extension x:
                return new ExtensionType(x.Name);
            case TypeDeclaration.EntityOrCommon eoc:
                foreach (var candidate in Candidates(eoc.Name, ns))
                {
                    if (_commonTypes.ContainsKey(candidate)) return ResolveCommonType(candidate, eoc.Path);
                    if (_entityTypes.ContainsKey(candidate)) return new EntityType(candidate);
                }
                if (BuiltIn(eoc.Name) is { } builtIn) return builtIn;
                if (UnsupportedExtension(eoc.Name) is { } unsupported)
                {
                    Error(eoc.Path, $"the extension type `{unsupported}` is not supported by Roster's schemas yet (only `ipaddr` and `decimal` are)");
                    return null;
                }
                Error(eoc.Path, $"undeclared type `{eoc.Name}`: neither a common type nor an entity type of the schema{Suggest(eoc.Name, _commonTypes.Keys.Concat(_entityTypes.Keys))}");
                return null;
            case TypeDeclaration.CommonReference c:
                foreach (var candidate in Candidates(c.Name, ns))
                {
                    if (_commonTypes.ContainsKey(candidate)) return ResolveCommonType(candidate, c.Path);
                }
                if (BuiltIn(c.Name) is { } builtInType) return builtInType;
                var hint = Candidates(c.Name, ns).Any(_entityTypes.ContainsKey)
                    ? $" (`{c.Name}` is an entity type: write {{\"type\": \"Entity\", \"name\": \"{c.Name}\"}})"
                    : Suggest(c.Name, _commonTypes.Keys.Concat(["String", "Long", "Boolean"]));
                Error(c.Path, $"undeclared common type `{c.Name}`{hint}");
                return null;
            default:
                throw new InvalidOperationException($"unexpected type declaration {declaration.GetType().Name}");
        }
    }

    /// <summary>Cedar's built-in type names, usable as common type names (also under <c>__cedar::</c>).</summary>
    private static CedarType? BuiltIn(string name) =>
        (name.StartsWith("__cedar::", StringComparison.Ordinal) ? name["__cedar::".Length..] : name) switch
        {
            "String" => CedarType.String,
            "Long" => CedarType.Long,
            "Bool" or "Boolean" => CedarType.Bool,
            "ipaddr" => new ExtensionType("ipaddr"),
            "decimal" => new ExtensionType("decimal"),
            _ => null,
        };

    /// <summary>Cedar's <c>datetime</c> and <c>duration</c>, which Roster's validator does not type yet.</summary>
    private static string? UnsupportedExtension(string name)
    {
        var bare = name.StartsWith("__cedar::", StringComparison.Ordinal) ? name["__cedar::".Length..] : name;
        return bare is "datetime" or "duration" ? bare : null;
    }

    private CedarType? ResolveCommonType(string qualifiedName, string referencePath)
    {
        if (_resolvedCommonTypes.TryGetValue(qualifiedName, out var done)) return done;
        var (ns, declaration) = _commonTypes[qualifiedName];
        if (_commonTypesInProgress.Contains(qualifiedName))
        {
            var cycle = _commonTypesInProgress.SkipWhile(n => n != qualifiedName).Append(qualifiedName);
            Error(referencePath, $"common types refer to each other in a cycle: {string.Join(" -> ", cycle)}");
            _resolvedCommonTypes[qualifiedName] = null;
            return null;
        }
        _commonTypesInProgress.Add(qualifiedName);
        var resolved = ResolveType(declaration.Type, ns.Name);
        _commonTypesInProgress.RemoveAt(_commonTypesInProgress.Count - 1);
        // A cycle found below already stored null for this name; keep it.
        if (!_resolvedCommonTypes.ContainsKey(qualifiedName)) _resolvedCommonTypes[qualifiedName] = resolved;
        return _resolvedCommonTypes[qualifiedName];
    }

    private static string Suggest(string written, IEnumerable<string> known)
    {
        var best = Suggestions.Closest(written, known);
        return best is null ? "" : $" (did you mean `{best}`?)";
    }
}
