namespace Roster.Authorization.Cedar.Parsing;

/// <summary>Splits Cedar text into tokens, as Cedar's grammar does; the list always ends with EndOfInput.</summary>
/// <remarks>
/// A character Cedar has no token for is reported and skipped, so that the parser can still report
/// the problems that follow it.
/// </remarks>
internal static class Lexer
{
    /// <param name="questionMark">True for schema text, where a lone <c>?</c> marks an optional attribute.</param>
    public static List<Token> Tokenize(SourceText source, List<CedarDiagnostic> diagnostics, bool questionMark = false)
    {
        var text = source.Text;
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] is not ('\n' or '\r')) i++;
                continue;
            }

            var start = i;
            if (CedarNames.IsIdentifierStart(c))
            {
                while (i < text.Length && CedarNames.IsIdentifierPart(text[i])) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start, i - start));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                tokens.Add(new Token(TokenKind.Integer, text[start..i], start, i - start));
                continue;
            }
            if (c == '"')
            {
                if (!ScanString(source, ref i, diagnostics)) break;
                tokens.Add(new Token(TokenKind.String, text[start..i], start, i - start));
                continue;
            }
            if (c == '?' && i + 1 < text.Length && CedarNames.IsIdentifierStart(text[i + 1]))
            {
                i++;
                while (i < text.Length && CedarNames.IsIdentifierPart(text[i])) i++;
                tokens.Add(new Token(TokenKind.Slot, text[start..i], start, i - start));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var (kind, length) = (c, next) switch
            {
                (':', ':') => (TokenKind.DoubleColon, 2),
                ('=', '=') => (TokenKind.EqualEqual, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('<', '=') => (TokenKind.LessEqual, 2),
                ('>', '=') => (TokenKind.GreaterEqual, 2),
                ('|', '|') => (TokenKind.OrOr, 2),
                ('&', '&') => (TokenKind.AndAnd, 2),
                ('@', _) => (TokenKind.At, 1),
                ('.', _) => (TokenKind.Dot, 1),
                (',', _) => (TokenKind.Comma, 1),
                (';', _) => (TokenKind.Semicolon, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('(', _) => (TokenKind.LeftParen, 1),
                (')', _) => (TokenKind.RightParen, 1),
                ('{', _) => (TokenKind.LeftBrace, 1),
                ('}', _) => (TokenKind.RightBrace, 1),
                ('[', _) => (TokenKind.LeftBracket, 1),
                (']', _) => (TokenKind.RightBracket, 1),
                ('<', _) => (TokenKind.Less, 1),
                ('>', _) => (TokenKind.Greater, 1),
                ('=', _) => (TokenKind.Equal, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('%', _) => (TokenKind.Percent, 1),
                ('!', _) => (TokenKind.Bang, 1),
                ('?', _) when questionMark => (TokenKind.Question, 1),
                _ => (TokenKind.EndOfInput, 0),
            };
            if (length == 0)
            {
                var width = char.IsHighSurrogate(c) && char.IsLowSurrogate(next) ? 2 : 1;
                var shown = text.Substring(i, width);
                var hint = c switch
                {
                    '|' => "; did you mean `||`?",
                    '&' => "; did you mean `&&`?",
                    '\'' => "; Cedar strings use double quotes",
                    _ => "",
                };
                diagnostics.Add(new CedarDiagnostic($"unexpected character `{shown}`{hint}", source.Span(i, width)));
                i += width;
                continue;
            }
            tokens.Add(new Token(kind, text.Substring(i, length), i, length));
            i += length;
        }
        tokens.Add(new Token(TokenKind.EndOfInput, "", text.Length, 0));
        return tokens;
    }

    // Cedar's string token is "(\\.|[^"\\])*" where `.` excludes a line feed: a backslash may escape
    // any character but a line feed. Escapes are checked later, when the string is used.
    private static bool ScanString(SourceText source, ref int i, List<CedarDiagnostic> diagnostics)
    {
        var text = source.Text;
        var start = i;
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') { i++; return true; }
            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == '\n')
                    diagnostics.Add(new CedarDiagnostic("a line break cannot be escaped with `\\` in a string", source.Span(i, 2)));
                i += 2;
                continue;
            }
            i++;
        }
        diagnostics.Add(new CedarDiagnostic("unterminated string literal: the closing `\"` is missing", source.Span(start, 1)));
        return false;
    }
}
