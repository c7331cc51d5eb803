namespace Roster.Authorization.Cedar.Parsing;

internal enum TokenKind
{
    EndOfInput,
    Identifier,
    Integer,
    String,
    Slot,
    At, Dot, Comma, Semicolon, Colon, DoubleColon,
    LeftParen, RightParen, LeftBrace, RightBrace, LeftBracket, RightBracket,
    EqualEqual, NotEqual, Less, LessEqual, Greater, GreaterEqual, Equal,
    OrOr, AndAnd, Plus, Minus, Star, Slash, Percent, Bang,
    /// <summary><c>?</c>, only in schema text (<c>name?: Type</c>); policy text has no such token.</summary>
    Question,
}

/// <summary>A token; Text is the source text (a string keeps its quotes and escapes).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, int Length)
{
    public int End => Offset + Length;

    public bool Is(string keyword) => Kind == TokenKind.Identifier && Text == keyword;

    /// <summary>How an error message names the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.String => "string literal " + Shorten(Text),
        _ => "`" + Shorten(Text) + "`",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
