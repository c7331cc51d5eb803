using System.Globalization;
using System.Text;

namespace Roster.Authorization.Cedar.Parsing;

/// <summary>Cedar's string escapes, which are Rust's: <c>\n \r \t \\ \0 \' \"</c>, <c>\x41</c> (up to 7F) and <c>\u{1F600}</c>.</summary>
internal static class StringLiterals
{
    /// <summary>Reports a problem at an offset of the token's text, with a length.</summary>
    public delegate void ErrorSink(int offset, int length, string message);

    /// <summary>The value of a string token (text with its quotes).</summary>
    public static string Unescape(Token token, ErrorSink error)
    {
        var sb = new StringBuilder(token.Length);
        Decode(token, pattern: null, sb, error);
        return sb.ToString();
    }

    /// <summary>The parts of a <c>like</c> pattern: literal text, and null for each unescaped <c>*</c>; <c>\*</c> is a literal star.</summary>
    public static IReadOnlyList<string?> Pattern(Token token, ErrorSink error)
    {
        var parts = new List<string?>();
        var sb = new StringBuilder();
        Decode(token, parts, sb, error);
        if (sb.Length > 0) parts.Add(sb.ToString());
        return parts;
    }

    private static void Decode(Token token, List<string?>? pattern, StringBuilder sb, ErrorSink error)
    {
        var output = new Output(sb, pattern);
        var raw = token.Text;
        var end = raw.Length - 1; // the closing quote
        var i = 1;
        while (i < end)
        {
            var c = raw[i];
            if (c == '\\')
            {
                i = DecodeEscape(token, i, end, output, error);
            }
            else if (c == '\r')
            {
                // Rust (and so Cedar) refuses a bare carriage return inside a string.
                error(token.Offset + i, 1, "a carriage return inside a string must be written `\\r`");
                i++;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
    }

    /// <summary>Where decoded characters go. In a pattern, a `*` is a wildcard even when it came from an escape
    /// such as <c>\u{2a}</c>, as in Cedar; only <c>\*</c> is a literal star.</summary>
    private readonly record struct Output(StringBuilder Text, List<string?>? Pattern)
    {
        public bool InPattern => Pattern is not null;

        public void Append(char decoded)
        {
            if (Pattern is null || decoded != '*')
            {
                Text.Append(decoded);
                return;
            }
            if (Text.Length > 0) { Pattern.Add(Text.ToString()); Text.Clear(); }
            Pattern.Add(null);
        }

        public void Append(string decoded)
        {
            if (decoded.Length == 1) Append(decoded[0]);
            else Text.Append(decoded);
        }

        public void AppendLiteralStar() => Text.Append('*');
    }

    // Decodes the escape at raw[i] == '\\' and returns the index after it.
    private static int DecodeEscape(Token token, int i, int end, Output output, ErrorSink error)
    {
        var raw = token.Text;
        var e = raw[i + 1]; // the lexer guarantees a character after a backslash inside the quotes
        switch (e)
        {
            case 'n': output.Append('\n'); return i + 2;
            case 'r': output.Append('\r'); return i + 2;
            case 't': output.Append('\t'); return i + 2;
            case '\\': output.Append('\\'); return i + 2;
            case '0': output.Append('\0'); return i + 2;
            case '\'': output.Append('\''); return i + 2;
            case '"': output.Append('"'); return i + 2;
            case '*' when output.InPattern: output.AppendLiteralStar(); return i + 2;
            case '\n': return i + 2; // the lexer has reported it
            case 'x': return DecodeHex(token, i, end, output, error);
            case 'u': return DecodeUnicode(token, i, end, output, error);
            default:
                var width = char.IsHighSurrogate(e) && i + 2 < end && char.IsLowSurrogate(raw[i + 2]) ? 2 : 1;
                var shown = raw.Substring(i, 1 + width);
                var hint = e == '*' ? " (`\\*` is only meaningful in a `like` pattern)" : "";
                error(token.Offset + i, 1 + width, $"`{shown}` is not a valid escape{hint}; Cedar strings allow \\n \\r \\t \\\\ \\0 \\' \\\" \\x.. and \\u{{..}}");
                return i + 1 + width;
        }
    }

    private static int DecodeHex(Token token, int i, int end, Output output, ErrorSink error)
    {
        var raw = token.Text;
        if (i + 4 > end)
        {
            error(token.Offset + i, end - i, "`\\x` needs two hexadecimal digits, as in `\\x41`");
            return end;
        }
        if (!char.IsAsciiHexDigit(raw[i + 2]) || !char.IsAsciiHexDigit(raw[i + 3]))
        {
            error(token.Offset + i, 4, $"`{raw.Substring(i, 4)}` is not a valid escape: `\\x` needs two hexadecimal digits");
            return i + 4;
        }
        var value = int.Parse(raw.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (value > 0x7F)
        {
            error(token.Offset + i, 4, $"`{raw.Substring(i, 4)}` is out of range: `\\x` escapes go up to `\\x7F`; use `\\u{{..}}` for other characters");
            return i + 4;
        }
        output.Append((char)value);
        return i + 4;
    }

    private static int DecodeUnicode(Token token, int i, int end, Output output, ErrorSink error)
    {
        var raw = token.Text;
        var j = i + 2;
        if (j >= end || raw[j] != '{')
        {
            error(token.Offset + i, 2, "`\\u` must be followed by hexadecimal digits in braces, as in `\\u{1F600}`");
            return j;
        }
        j++;
        var close = raw.IndexOf('}', j, end - j);
        if (close < 0)
        {
            error(token.Offset + i, end - i, "unclosed `\\u{` escape: the `}` is missing");
            return end;
        }
        var length = close + 1 - i;
        var shown = raw.Substring(i, length);
        var digits = 0;
        var value = 0;
        string? problem = null;
        for (var k = j; k < close && problem is null; k++)
        {
            var c = raw[k];
            if (c == '_')
            {
                if (k == j) problem = "it cannot start with `_`";
            }
            else if (char.IsAsciiHexDigit(c))
            {
                digits++;
                if (digits <= 6) value = value * 16 + Convert.ToInt32(c.ToString(), 16);
            }
            else
            {
                problem = $"`{c}` is not a hexadecimal digit";
            }
        }
        problem ??= digits switch
        {
            0 => "it has no digits",
            > 6 => "it has more than 6 digits",
            _ when value is >= 0xD800 and <= 0xDFFF => "a surrogate is not a character",
            _ when value > 0x10FFFF => "it is beyond the last Unicode character, 10FFFF",
            _ => null,
        };
        if (problem is not null)
        {
            error(token.Offset + i, length, $"`{shown}` is not a valid escape: {problem}");
            return close + 1;
        }
        output.Append(char.ConvertFromUtf32(value));
        return close + 1;
    }
}
