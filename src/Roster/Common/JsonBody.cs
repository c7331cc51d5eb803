using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Roster.Common;

/// <summary>
/// A request body read as JSON, checked whole before any field of it is read: valid UTF-8, well formed, no object
/// with a key twice, and no string or key that escapes a lone UTF-16 surrogate (<c>"\ud800"</c> is valid JSON
/// that no .NET string can hold, so reading the field later would throw). A body that fails is refused naming
/// <c>body</c>; a body that passes cannot make a field read fail.
/// </summary>
public static class JsonBody
{
    public const int MaxDepth = 32;

    public static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The whole body, without a UTF-8 byte order mark. Note: the server's body size limit bounds it.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
    }

    /// <summary>Why <paramref name="utf8"/> is not a JSON body Roster reads, as a sentence, or null when it is one.</summary>
    public static string? Problem(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return "The request body is not valid UTF-8.";
        }
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && reader.ValueIsEscaped && HasLoneSurrogate(reader.ValueSpan))
                {
                    return "The request body is not valid JSON: a string escapes an unpaired UTF-16 surrogate.";
                }
            }
            // Note: the document parser is the one place that knows every object's keys; it refuses a repeated one.
            using var _ = JsonDocument.Parse(utf8.ToArray(), Options);
            return null;
        }
        catch (JsonException e)
        {
            return $"The request body is not valid JSON: {e.Message}";
        }
    }

    /// <summary>Whether the escaped JSON string text holds a <c>\uXXXX</c> surrogate escape that is not half of a pair.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<byte> escaped)
    {
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                continue;
            }
            if (CodeUnitAt(escaped, i) is not { } unit)
            {
                i++; // a two-character escape such as \n or \"
                continue;
            }
            i += 5;
            if (char.IsLowSurrogate(unit))
            {
                return true;
            }
            if (char.IsHighSurrogate(unit))
            {
                if (CodeUnitAt(escaped, i + 1) is not { } low || !char.IsLowSurrogate(low))
                {
                    return true;
                }
                i += 6;
            }
        }
        return false;
    }

    /// <summary>The UTF-16 code unit of the <c>\uXXXX</c> escape at <paramref name="at"/>, or null when there is none.</summary>
    private static char? CodeUnitAt(ReadOnlySpan<byte> text, int at)
    {
        if (at + 6 > text.Length || text[at] != '\\' || text[at + 1] != 'u')
        {
            return null;
        }
        var value = 0;
        for (var k = at + 2; k < at + 6; k++)
        {
            var digit = HexValue(text[k]);
            if (digit < 0)
            {
                return null;
            }
            value = value * 16 + digit;
        }
        return (char)value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
