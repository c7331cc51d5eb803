using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// Reads Cedar's human-readable schema syntax (a <c>.cedarschema</c> file) into the same
/// <see cref="SchemaDeclaration"/> the JSON reader builds, so that resolution, validation and
/// <c>ToJson</c> are shared. Follows Cedar 4's schema grammar and its conversion to the JSON format
/// (every type name becomes <c>EntityOrCommon</c>, a named context a common type reference, an empty
/// shape or context is left out, an action without <c>appliesTo</c> applies to nothing).
/// </summary>
/// <remarks>
/// Each node's path is its <c>line:column</c>, so that the resolver's errors say where they are. A syntax
/// error ends the reading; other problems (a reserved name, a duplicate, a bad escape) are collected first.
/// </remarks>
internal sealed partial class SchemaTextReader
{
    /// <summary>How deeply types may nest (<c>Set&lt;…&gt;</c>, records); the JSON reader's depth limit, in the same spirit.</summary>
    public const int MaxNesting = 64;

    // Names a common type may not take (as in Cedar's schema syntax): they are the built-in types' names.
    private static readonly HashSet<string> _reservedCommonTypeNames =
        ["Bool", "Boolean", "Entity", "Extension", "Long", "Record", "Set", "String"];

    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private readonly List<CedarSchemaError> _errors = [];
    private readonly Dictionary<string, SourceSpan> _spans = new(StringComparer.Ordinal);
    private int _pos;

    private SchemaTextReader(SourceText source, List<Token> tokens)
    {
        _source = source;
        _tokens = tokens;
    }

    /// <summary>
    /// Reads schema text; throws <see cref="CedarSchemaException"/> listing the problems, each with its span.
    /// Also returns the span of every path it handed out, so that later errors can be given positions.
    /// </summary>
    public static (SchemaDeclaration Schema, IReadOnlyDictionary<string, SourceSpan> Spans) Read(string text)
    {
        var source = new SourceText(text);
        var diagnostics = new List<CedarDiagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics, questionMark: true);
        var reader = new SchemaTextReader(source, tokens);
        foreach (var diagnostic in diagnostics) reader.Error(diagnostic.Span, diagnostic.Message);
        SchemaDeclaration? schema = null;
        if (diagnostics.Count == 0)
        {
            try
            {
                schema = reader.ReadSchema();
            }
            catch (SyntaxError e)
            {
                reader._errors.Add(e.Error);
            }
        }
        if (reader._errors.Count > 0 || schema is null)
            throw new CedarSchemaException([.. reader._errors.OrderBy(e => e.Span?.Offset ?? 0)]);
        return (schema, reader._spans);
    }

    private SchemaDeclaration ReadSchema()
    {
        var root = new Declarations();
        var namespaces = new List<NamespaceDeclaration>();
        var namespaceNames = new HashSet<string>(StringComparer.Ordinal);
        string? rootPath = null;
        while (Current.Kind != TokenKind.EndOfInput)
        {
            var annotations = ReadAnnotations();
            if (Current.Is("namespace"))
            {
                var keyword = Advance();
                var nameStart = Current;
                var name = ReadDeclaredPath("namespace");
                var path = PathOf(keyword);
                if (!namespaceNames.Add(name)) Error(SpanOf(nameStart), $"namespace `{name}` is declared twice");
                Expect(TokenKind.LeftBrace, "`{` after the namespace's name");
                var declarations = new Declarations();
                while (Current.Kind != TokenKind.RightBrace)
                {
                    if (Current.Kind == TokenKind.EndOfInput) throw Syntax(Current, $"expected `}}` to close namespace `{name}`, found end of input");
                    ReadDeclaration(ReadAnnotations(), declarations, inNamespace: true);
                }
                Advance();
                namespaces.Add(declarations.ToNamespace(name, path, annotations));
            }
            else
            {
                rootPath ??= PathOf(Current);
                ReadDeclaration(annotations, root, inNamespace: false);
            }
        }
        // Declarations outside any namespace form the empty namespace, which exists only when they do.
        if (rootPath is not null) namespaces.Insert(0, root.ToNamespace("", rootPath, null));
        return new SchemaDeclaration(namespaces);
    }

    /// <summary>What one namespace declares, in order; a name declared twice is reported once, at its second place.</summary>
    private sealed class Declarations
    {
        public List<EntityTypeDeclaration> EntityTypes { get; } = [];
        public List<ActionDeclaration> Actions { get; } = [];
        public List<CommonTypeDeclaration> CommonTypes { get; } = [];

        public NamespaceDeclaration ToNamespace(string name, string path, IReadOnlyList<KeyValuePair<string, string>>? annotations) =>
            new(name, path, EntityTypes, Actions, CommonTypes.Count > 0 ? CommonTypes : null, annotations);
    }

    private void ReadDeclaration(List<KeyValuePair<string, string>>? annotations, Declarations into, bool inNamespace)
    {
        if (Current.Is("entity")) ReadEntityTypes(annotations, into);
        else if (Current.Is("action")) ReadActions(annotations, into);
        else if (Current.Is("type")) ReadCommonType(annotations, into);
        else if (Current.Is("namespace") && inNamespace) throw Syntax(Current, "namespaces cannot be nested: close this one with `}` first");
        else
        {
            var expected = inNamespace ? "`entity`, `action`, `type` or `}`" : "`entity`, `action`, `type` or `namespace`";
            throw Syntax(Current, $"expected {expected}, found {Current.Describe()}");
        }
    }

    // entity A, B in [C, D] = { … } tags T;   entity E enum ["a", "b"];
    private void ReadEntityTypes(List<KeyValuePair<string, string>>? annotations, Declarations into)
    {
        Advance();
        var names = new List<Token>();
        do names.Add(ReadDeclaredName("entity type")); while (Accept(TokenKind.Comma));

        List<string>? enumIds = null;
        List<NameReference>? memberOf = null;
        TypeDeclaration? shape = null;
        TypeDeclaration? tags = null;
        if (Current.Is("enum"))
        {
            Advance();
            var open = Expect(TokenKind.LeftBracket, "`[` and the entity ids after `enum`");
            enumIds = [];
            do
            {
                // A repeated id is kept as written, as in the JSON format and the reference.
                enumIds.Add(Unescape(Expect(TokenKind.String, "an entity id in quotes")));
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightBracket, $"`,` or `]` to close the `[` at {SpanOf(open)}");
        }
        else
        {
            if (Current.Is("in"))
            {
                Advance();
                memberOf = ReadTypeNames(allowEmpty: true, "a parent entity type");
                if (memberOf.Count == 0) memberOf = null;
            }
            var hasEquals = Accept(TokenKind.Equal);
            if (hasEquals || Current.Kind == TokenKind.LeftBrace)
            {
                if (Current.Kind != TokenKind.LeftBrace)
                    throw Syntax(Current, $"expected the entity type's attributes in `{{ … }}`, found {Current.Describe()}");
                var record = ReadRecord(1);
                // An entity without attributes has no shape in Cedar's JSON output.
                shape = record.Attributes.Count > 0 ? record : null;
            }
            if (Current.Is("tags"))
            {
                Advance();
                tags = ReadType(1);
            }
        }
        Expect(TokenKind.Semicolon, "`;` at the end of the entity declaration");

        foreach (var name in names)
        {
            var path = PathOf(name);
            if (into.EntityTypes.Any(e => e.Name == name.Text))
                Error(SpanOf(name), $"entity type `{name.Text}` is declared twice");
            else
                into.EntityTypes.Add(new EntityTypeDeclaration(name.Text, path, memberOf, shape, tags, enumIds, annotations));
        }
    }

    // action "a", b in [c, Other::Action::"d"] appliesTo { principal: [A, B], resource: C, context: { … } };
    private void ReadActions(List<KeyValuePair<string, string>>? annotations, Declarations into)
    {
        var keyword = Advance();
        var names = new List<(string Id, Token Token)>();
        do
        {
            var token = Current;
            names.Add((ReadName("an action name (an identifier or a string)"), token));
        }
        while (Accept(TokenKind.Comma));

        List<ActionReference>? memberOf = null;
        if (Current.Is("in"))
        {
            Advance();
            memberOf = [];
            if (Current.Kind == TokenKind.LeftBracket)
            {
                var open = Advance();
                do memberOf.Add(ReadActionReference()); while (Accept(TokenKind.Comma));
                Expect(TokenKind.RightBracket, $"`,` or `]` to close the `[` at {SpanOf(open)}");
            }
            else
            {
                memberOf.Add(ReadActionReference());
            }
        }

        // Without appliesTo, Cedar's JSON output gives the action empty principal and resource lists.
        var appliesTo = Current.Is("appliesTo")
            ? ReadAppliesTo(names[0].Id)
            : new AppliesToDeclaration(PathOf(keyword), [], [], null);
        Expect(TokenKind.Semicolon, "`;` at the end of the action declaration");

        foreach (var (id, token) in names)
        {
            if (into.Actions.Any(a => a.Id == id))
                Error(SpanOf(token), $"action \"{id}\" is declared twice");
            else
                into.Actions.Add(new ActionDeclaration(id, PathOf(token), memberOf, appliesTo, annotations));
        }
    }

    // b, "b", Action::"b" or Ns::Action::"b"
    private ActionReference ReadActionReference()
    {
        var start = Current;
        if (Current.Kind == TokenKind.String) return new ActionReference(Unescape(Advance()), null, PathOf(start));
        if (Current.Kind != TokenKind.Identifier)
            throw Syntax(Current, $"expected an action (`name`, `\"name\"` or `Action::\"name\"`), found {Current.Describe()}");
        var parts = new List<Token> { Advance() };
        while (Current.Kind == TokenKind.DoubleColon && Peek(1).Kind == TokenKind.Identifier)
        {
            Advance();
            parts.Add(Advance());
        }
        if (Current.Kind == TokenKind.DoubleColon)
        {
            Advance();
            var id = Expect(TokenKind.String, "the action's id in quotes after `::`");
            return new ActionReference(Unescape(id), string.Join("::", parts.Select(p => p.Text)), PathOf(start));
        }
        if (parts.Count > 1)
            throw Syntax(Current, $"expected `::` and the action's id in quotes after `{string.Join("::", parts.Select(p => p.Text))}`, found {Current.Describe()}");
        CheckUnreserved(parts[0], "an action name");
        return new ActionReference(parts[0].Text, null, PathOf(start));
    }

    private AppliesToDeclaration ReadAppliesTo(string action)
    {
        var keyword = Advance();
        Expect(TokenKind.LeftBrace, "`{` after `appliesTo`");
        List<NameReference>? principals = null;
        List<NameReference>? resources = null;
        TypeDeclaration? context = null;
        Token? contextKey = null;
        do
        {
            if (Current.Kind == TokenKind.RightBrace) break;
            var key = Current;
            if (!(key.Is("principal") || key.Is("resource") || key.Is("context")))
                throw Syntax(key, $"expected `principal`, `resource` or `context`, found {key.Describe()}");
            Advance();
            Expect(TokenKind.Colon, $"`:` after `{key.Text}`");
            if (key.Is("context"))
            {
                if (contextKey is not null) Error(SpanOf(key), $"`context` is declared twice for action \"{action}\"");
                contextKey = key;
                context = ReadContext();
                continue;
            }
            var names = ReadTypeNames(allowEmpty: true, $"a {key.Text} entity type");
            if (names.Count == 0) Error(SpanOf(key), $"`{key.Text}` of action \"{action}\" is `[]`: list at least one entity type");
            if (key.Is("principal"))
            {
                if (principals is not null) Error(SpanOf(key), $"`principal` is declared twice for action \"{action}\"");
                principals = names;
            }
            else
            {
                if (resources is not null) Error(SpanOf(key), $"`resource` is declared twice for action \"{action}\"");
                resources = names;
            }
        }
        while (Accept(TokenKind.Comma));
        var close = Expect(TokenKind.RightBrace, "`,` or `}` to close `appliesTo`");
        if (principals is null && resources is null && contextKey is null)
            throw Syntax(close, "expected `principal`, `resource` or `context` in `appliesTo`, found `}`");
        // Cedar 4 needs both: an action that applies to nothing is written without appliesTo.
        if (principals is null) Error(SpanOf(keyword), $"`appliesTo` of action \"{action}\" has no `principal`: every action with appliesTo names its principal and resource types");
        if (resources is null) Error(SpanOf(keyword), $"`appliesTo` of action \"{action}\" has no `resource`: every action with appliesTo names its principal and resource types");
        return new AppliesToDeclaration(PathOf(keyword), principals ?? [], resources ?? [], context);
    }

    // A context is a record, or the name of a common type (then Cedar's JSON output refers to it as one).
    private TypeDeclaration? ReadContext()
    {
        var start = Current;
        if (Current.Kind == TokenKind.LeftBrace)
        {
            var record = ReadRecord(1);
            return record.Attributes.Count > 0 ? record : null;
        }
        if (Current.Kind == TokenKind.Identifier)
            return new TypeDeclaration.CommonReference(ReadTypePath(), PathOf(start));
        throw Syntax(Current, $"expected the context: a record `{{ … }}` or the name of a common type, found {Current.Describe()}");
    }

    // type T = …;
    private void ReadCommonType(List<KeyValuePair<string, string>>? annotations, Declarations into)
    {
        Advance();
        var name = ReadDeclaredName("common type");
        if (_reservedCommonTypeNames.Contains(name.Text))
            Error(SpanOf(name), $"`{name.Text}` cannot name a common type: it is a built-in type name");
        Expect(TokenKind.Equal, "`=` and the type after the common type's name");
        var type = ReadType(1);
        Expect(TokenKind.Semicolon, "`;` at the end of the type declaration");
        if (into.CommonTypes.Any(c => c.Name == name.Text))
            Error(SpanOf(name), $"common type `{name.Text}` is declared twice");
        else
            into.CommonTypes.Add(new CommonTypeDeclaration(name.Text, PathOf(name), type, annotations));
    }
}
