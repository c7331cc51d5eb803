namespace Roster.Authorization.Cedar.Parsing;

/// <summary>Turns offsets into 1-based lines and columns.</summary>
/// <remarks>
/// Columns count characters as a reader sees them: a character outside the Basic Multilingual Plane
/// (a surrogate pair in the string) is one column. Offsets and lengths stay in string indexes so that
/// callers can cut the text with them.
/// </remarks>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;
    // Low surrogates before each offset; only built when the text has any, as most policies are ASCII.
    private readonly int[]? _lowSurrogatesBefore;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        var hasSurrogates = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) starts.Add(i + 1);
            hasSurrogates |= char.IsLowSurrogate(c);
        }
        _lineStarts = [.. starts];
        if (hasSurrogates)
        {
            _lowSurrogatesBefore = new int[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
                _lowSurrogatesBefore[i + 1] = _lowSurrogatesBefore[i] + (char.IsLowSurrogate(text[i]) ? 1 : 0);
        }
    }

    public string Text { get; }

    public SourceSpan Span(int offset, int length)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        var lineStart = _lineStarts[line];
        var column = offset - lineStart + 1;
        if (_lowSurrogatesBefore is not null) column -= _lowSurrogatesBefore[offset] - _lowSurrogatesBefore[lineStart];
        return new SourceSpan(line + 1, column, offset, length);
    }
}
