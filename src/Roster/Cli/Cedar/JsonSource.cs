using System.Text;
using System.Text.Json;

namespace Roster.Cli.Cedar;

/// <summary>
/// A JSON file's text, parsed once, that can say where a value sits (line and column) when something
/// about it is wrong. Positions are looked up only on error: the happy path pays nothing for them.
/// </summary>
internal sealed class JsonSource
{
    private static readonly JsonDocumentOptions _options = new() { MaxDepth = 128 };
    private readonly byte[] _utf8;

    private JsonSource(string file, byte[] utf8, JsonDocument document)
    {
        File = file;
        _utf8 = utf8;
        Document = document;
    }

    /// <summary>The file's name as the user gave it, for messages.</summary>
    public string File { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Reads and parses <paramref name="path"/>; malformed JSON is a <see cref="CedarInputException"/> with its position.</summary>
    public static JsonSource Read(string path, string what) => Parse(path, InputFiles.ReadBytes(path, what));

    /// <summary>Parses JSON text that came from <paramref name="file"/>.</summary>
    public static JsonSource Parse(string file, byte[] utf8)
    {
        try
        {
            return new JsonSource(file, utf8, JsonDocument.Parse(utf8, _options));
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = ColumnOf(utf8, line, (int)(e.BytePositionInLine ?? 0));
            throw new CedarInputException(CedarInputException.At(file, line, column, $"malformed JSON: {FirstSentence(e.Message)}"));
        }
    }

    /// <summary>A problem with the value at <paramref name="path"/> (property names and array indexes from the root).</summary>
    public CedarInputException Error(IReadOnlyList<object> path, string message)
    {
        var (line, column) = Locate(path);
        return new CedarInputException(CedarInputException.At(File, line, column, message));
    }

    /// <summary>The line and column where the value at <paramref name="path"/> starts; the root when it is not found.</summary>
    public (int Line, int Column) Locate(IReadOnlyList<object> path)
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { MaxDepth = 128 });
        var offset = reader.Read() ? FindIn(ref reader, path, 0) : 0;
        return Position(offset);
    }

    // The reader stands on the first token of a value; returns the offset of the value at path[depth..].
    private static int FindIn(ref Utf8JsonReader reader, IReadOnlyList<object> path, int depth)
    {
        var start = (int)reader.TokenStartIndex;
        if (depth == path.Count) return start;
        var step = path[depth];
        if (reader.TokenType == JsonTokenType.StartObject && step is string name)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(name);
                reader.Read();
                if (matches) return FindIn(ref reader, path, depth + 1);
                reader.Skip();
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray && step is int index)
        {
            for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                if (i == index) return FindIn(ref reader, path, depth + 1);
                reader.Skip();
            }
        }
        return start;
    }

    private (int Line, int Column) Position(int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < _utf8.Length; i++)
        {
            if (_utf8[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, Encoding.UTF8.GetCharCount(_utf8, lineStart, offset - lineStart) + 1);
    }

    private static int ColumnOf(byte[] utf8, int line, int bytesInLine)
    {
        var lineStart = 0;
        for (var l = 1; l < line; l++)
        {
            var next = Array.IndexOf(utf8, (byte)'\n', lineStart);
            if (next < 0) break;
            lineStart = next + 1;
        }
        var length = Math.Clamp(bytesInLine, 0, utf8.Length - lineStart);
        return Encoding.UTF8.GetCharCount(utf8, lineStart, length) + 1;
    }

    // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 3." (or just the line) to its messages; the position is printed already.
    private static string FirstSentence(string message)
    {
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd();
    }
}
