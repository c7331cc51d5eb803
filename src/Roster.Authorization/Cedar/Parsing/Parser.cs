namespace Roster.Authorization.Cedar.Parsing;

/// <summary>
/// A recursive-descent parser for Cedar 4 policy text, following Cedar's grammar (grammar.lalrpop)
/// and its checks when building the syntax tree (cst_to_ast.rs).
/// </summary>
/// <remarks>
/// A syntax error ends the current policy: it is recorded and parsing resumes after the next <c>;</c>.
/// Other problems (a reserved word, a bad escape, a duplicate key, …) are recorded and parsing goes on,
/// so one run reports as much as it can. Nothing is returned when anything was recorded.
/// </remarks>
internal sealed partial class Parser
{
    /// <summary>How deeply expressions may nest in the text (parentheses, brackets, braces, <c>if</c>); guards the stack.</summary>
    public const int MaxNesting = 200;

    /// <summary>How deep an expression's tree may be; long operator chains count too, as later passes walk the tree recursively.</summary>
    public const int MaxTreeDepth = 1000;

    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private readonly List<CedarDiagnostic> _diagnostics;
    private int _pos;
    private int _nesting;
    private int _muted;

    private Parser(SourceText source, List<Token> tokens, List<CedarDiagnostic> diagnostics)
    {
        _source = source;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>Lexes and parses the text with <paramref name="parse"/>; throws <see cref="CedarParseException"/> listing every problem.</summary>
    public static T Run<T>(string text, Func<Parser, T> parse)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SourceText(text);
        var diagnostics = new List<CedarDiagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics);
        var parser = new Parser(source, tokens, diagnostics);
        var result = parse(parser);
        if (diagnostics.Count > 0)
            throw new CedarParseException([.. diagnostics.OrderBy(d => d.Span.Offset)]);
        return result;
    }

    /// <summary>One expression and nothing after it.</summary>
    public Expr ParseSingleExpression()
    {
        try
        {
            var expr = ParseExpr();
            if (Current.Kind != TokenKind.EndOfInput)
                throw Syntax(Current, $"unexpected {Current.Describe()} after the expression");
            CheckTreeDepth(expr);
            return expr;
        }
        catch (SyntaxError e)
        {
            _diagnostics.Add(e.Diagnostic);
            return Placeholder(Current);
        }
    }

    /// <summary><c>Type::"id"</c> and nothing after it.</summary>
    public EntityUid ParseSingleEntityUid()
    {
        try
        {
            var start = _pos;
            if (Current.Kind != TokenKind.Identifier)
                throw Syntax(Current, $"expected an entity reference like `User::\"alice\"`, found {Current.Describe()}");
            var path = ReadPath();
            if (Current.Kind != TokenKind.DoubleColon && path.Count > 1)
                throw Syntax(path[^1], $"expected the entity's id in quotes after `::`, found {path[^1].Describe()}");
            Expect(TokenKind.DoubleColon, "`::` and the entity's id in quotes after the entity type");
            var id = Expect(TokenKind.String, "the entity's id in quotes after `::`");
            Expect(TokenKind.EndOfInput, "end of input after the entity reference");
            return new EntityUid(CheckedName(path, start) ?? "", Unescape(id));
        }
        catch (SyntaxError e)
        {
            _diagnostics.Add(e.Diagnostic);
            return default;
        }
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

    private Token Expect(TokenKind kind, string what) =>
        Current.Kind == kind ? Advance() : throw Syntax(Current, $"expected {what}, found {Current.Describe()}");

    private Token ExpectKeyword(string keyword, string what) =>
        Current.Is(keyword) ? Advance() : throw Syntax(Current, $"expected {what}, found {Current.Describe()}");

    /// <summary>The span from the token at <paramref name="start"/> to the last token consumed.</summary>
    private SourceSpan SpanFrom(int start)
    {
        var first = _tokens[start];
        var last = _pos > start ? _tokens[_pos - 1] : first;
        var end = Math.Max(last.End, first.Offset);
        return _source.Span(first.Offset, end - first.Offset);
    }

    private SourceSpan SpanOf(Token token) => _source.Span(token.Offset, token.Length);

    /// <summary>The source text between two token indexes, for messages.</summary>
    private string TextFrom(int start)
    {
        var span = SpanFrom(start);
        var text = _source.Text.Substring(span.Offset, span.Length);
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    // ---- problems ----

    /// <summary>A syntax error: the policy (or expression) cannot be read further.</summary>
    private sealed class SyntaxError(CedarDiagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public CedarDiagnostic Diagnostic { get; } = diagnostic;
    }

    private SyntaxError Syntax(Token at, string message) => new(new CedarDiagnostic(message, SpanOf(at)));

    /// <summary>Records a problem and lets parsing go on.</summary>
    private void Error(SourceSpan span, string message)
    {
        if (_muted == 0) _diagnostics.Add(new CedarDiagnostic(message, span));
    }

    /// <summary>
    /// Parses something only to skip it, with its own problems left unreported: used where Cedar's grammar
    /// accepts an expression but the place needs something simpler, which the caller reports once.
    /// </summary>
    private T Muted<T>(Func<T> parse)
    {
        _muted++;
        try { return parse(); }
        finally { _muted--; }
    }

    /// <summary>Stands in for an expression that had an error (a diagnostic is always recorded with it).</summary>
    private Expr.Literal Placeholder(Token at) => new(BoolValue.False, SpanOf(at));

    private string Unescape(Token token) =>
        StringLiterals.Unescape(token, (offset, length, message) => Error(_source.Span(offset, length), message));

    // Later passes (evaluator, printer, validator) walk trees recursively; a chain like a || b || … of
    // thousands of terms is built without recursion here but would overflow them.
    private void CheckTreeDepth(Expr expr)
    {
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((expr, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > MaxTreeDepth)
            {
                Error(expr.Span, $"this expression is nested too deeply (more than {MaxTreeDepth} levels); split it into several conditions or policies");
                return;
            }
            foreach (var child in node.Children()) stack.Push((child, depth + 1));
        }
    }
}
