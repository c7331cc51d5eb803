using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

internal sealed partial class SchemaTextReader
{
    // ---- types ----

    // Set<T>, a record { … }, or a name: Long, String, Bool, ipaddr, __cedar::Long, a common or an entity type.
    private TypeDeclaration ReadType(int depth)
    {
        var start = Current;
        if (depth > MaxNesting) throw Syntax(start, $"this type is nested too deeply (more than {MaxNesting} levels)");
        if (Current.Kind == TokenKind.LeftBrace) return ReadRecord(depth);
        if (Current.Is("Set") && Peek(1).Kind == TokenKind.Less)
        {
            Advance();
            Advance();
            var element = ReadType(depth + 1);
            Expect(TokenKind.Greater, "`>` to close `Set<`");
            return new TypeDeclaration.Set(element, PathOf(start));
        }
        if (Current.Kind != TokenKind.Identifier)
            throw Syntax(Current, $"expected a type (a name, `Set<…>` or a record `{{ … }}`), found {Current.Describe()}");
        // Which of a common type, an entity type or a built-in type a name means is decided on resolution,
        // as Cedar does: its JSON output says `EntityOrCommon` for every name, `Long` and `ipaddr` included.
        return new TypeDeclaration.EntityOrCommon(ReadTypePath(), PathOf(start));
    }

    private TypeDeclaration.Record ReadRecord(int depth)
    {
        var open = Expect(TokenKind.LeftBrace, "`{`");
        var attributes = new List<AttributeDeclaration>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            var annotations = ReadAnnotations();
            var nameToken = Current;
            var name = ReadName("an attribute name (an identifier or a string)");
            var required = Accept(TokenKind.Question) ? false : (bool?)null;
            Expect(TokenKind.Colon, $"`:` and the type after the attribute `{name}`");
            var type = ReadType(depth + 1);
            // Cedar keeps the last of two attributes of the same name, without a word; so does Roster, to read
            // the same schema the same way.
            attributes.RemoveAll(a => a.Name == name);
            attributes.Add(new AttributeDeclaration(name, type, required, annotations));
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightBrace, $"`,` or `}}` to close the record opened at {SpanOf(open)}");
        return new TypeDeclaration.Record(attributes, null, PathOf(open));
    }

    /// <summary><c>A</c> or <c>[A, B]</c> (no trailing comma, as in Cedar).</summary>
    private List<NameReference> ReadTypeNames(bool allowEmpty, string what)
    {
        var names = new List<NameReference>();
        if (Current.Kind != TokenKind.LeftBracket)
        {
            var start = Current;
            if (start.Kind != TokenKind.Identifier) throw Syntax(start, $"expected {what} or `[`, found {start.Describe()}");
            names.Add(new NameReference(ReadTypePath(), PathOf(start)));
            return names;
        }
        var open = Advance();
        if (allowEmpty && Accept(TokenKind.RightBracket)) return names;
        do
        {
            var start = Current;
            if (start.Kind != TokenKind.Identifier) throw Syntax(start, $"expected {what}, found {start.Describe()}");
            names.Add(new NameReference(ReadTypePath(), PathOf(start)));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightBracket, $"`,` or `]` to close the `[` at {SpanOf(open)}");
        return names;
    }

    // ---- names ----

    /// <summary>A name that refers to a type: <c>A</c> or <c>Ns::A</c>, <c>__cedar::Long</c> included.</summary>
    private string ReadTypePath()
    {
        var parts = new List<string> { ReadPathPart(Expect(TokenKind.Identifier, "a type name"), "a type name") };
        while (Current.Kind == TokenKind.DoubleColon && Peek(1).Kind == TokenKind.Identifier)
        {
            Advance();
            parts.Add(ReadPathPart(Advance(), "a type name"));
        }
        return string.Join("::", parts);
    }

    private string ReadPathPart(Token token, string what)
    {
        CheckUnreserved(token, what);
        return token.Text;
    }

    /// <summary>A namespace's name: identifiers separated by <c>::</c>, none of them reserved or <c>__cedar</c>.</summary>
    private string ReadDeclaredPath(string what)
    {
        var parts = new List<string> { ReadDeclaredName(what).Text };
        while (Accept(TokenKind.DoubleColon)) parts.Add(ReadDeclaredName(what).Text);
        return string.Join("::", parts);
    }

    /// <summary>The name a declaration gives: one identifier, not reserved, not <c>__cedar</c>.</summary>
    private Token ReadDeclaredName(string what)
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier) throw Syntax(token, $"expected the {what}'s name, found {token.Describe()}");
        Advance();
        if (Current.Kind == TokenKind.DoubleColon && what != "namespace")
            throw Syntax(Current, $"{Article(what)} {what} is declared with a simple name: put it in `namespace … {{ }}` to qualify it");
        if (token.Text == CedarNames.ReservedNamespace)
            Error(SpanOf(token), $"`{CedarNames.ReservedNamespace}` is reserved and cannot name {Article(what)} {what}");
        else
            CheckUnreserved(token, $"{Article(what)} {what}");
        return token;
    }

    private static string Article(string what) => what[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    /// <summary>An identifier or a string: action names and attribute names.</summary>
    private string ReadName(string what)
    {
        var token = Current;
        if (token.Kind == TokenKind.String) return Unescape(Advance());
        if (token.Kind != TokenKind.Identifier) throw Syntax(token, $"expected {what}, found {token.Describe()}");
        Advance();
        CheckUnreserved(token, what);
        return token.Text;
    }

    private void CheckUnreserved(Token token, string what)
    {
        if (CedarNames.Reserved.Contains(token.Text))
            Error(SpanOf(token), $"`{token.Text}` is a reserved identifier and cannot be {what}; write it in quotes where a string is allowed");
    }

    // ---- annotations ----

    /// <summary><c>@key("value")</c> or <c>@key</c> (the value is then empty), any number; null when there are none.</summary>
    private List<KeyValuePair<string, string>>? ReadAnnotations()
    {
        List<KeyValuePair<string, string>>? annotations = null;
        while (Current.Kind == TokenKind.At)
        {
            Advance();
            // Any identifier may be an annotation key, reserved words included, as in policies.
            var key = Expect(TokenKind.Identifier, "the annotation's name after `@`");
            var value = "";
            if (Accept(TokenKind.LeftParen))
            {
                value = Unescape(Expect(TokenKind.String, "the annotation's value in quotes"));
                Expect(TokenKind.RightParen, "`)` after the annotation's value");
            }
            annotations ??= [];
            if (annotations.Any(a => a.Key == key.Text)) Error(SpanOf(key), $"duplicate annotation `@{key.Text}`");
            else annotations.Add(new(key.Text, value));
        }
        return annotations;
    }

    // ---- tokens ----

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (_pos < _tokens.Count - 1) _pos++;
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string what) =>
        Current.Kind == kind ? Advance() : throw Syntax(Current, $"expected {what}, found {Current.Describe()}");

    private string Unescape(Token token) =>
        StringLiterals.Unescape(token, (offset, length, message) => Error(_source.Span(offset, length), message));

    private SourceSpan SpanOf(Token token) => _source.Span(token.Offset, token.Length);

    /// <summary>A node's path: the <c>line:column</c> where it starts, remembered with its span for later errors.</summary>
    private string PathOf(Token token)
    {
        var span = SpanOf(token);
        var path = span.ToString();
        _spans.TryAdd(path, span);
        return path;
    }

    // ---- problems ----

    /// <summary>A syntax error: the text cannot be read further.</summary>
    private sealed class SyntaxError(CedarSchemaError error) : Exception(error.Message)
    {
        public CedarSchemaError Error { get; } = error;
    }

    private static CedarSchemaError At(SourceSpan span, string message) => new(span.ToString(), message, span);

    private SyntaxError Syntax(Token at, string message) => new(At(SpanOf(at), message));

    private void Error(SourceSpan span, string message) => _errors.Add(At(span, message));
}
