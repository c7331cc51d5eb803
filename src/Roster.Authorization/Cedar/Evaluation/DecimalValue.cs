using System.Globalization;
using System.Text;

namespace Roster.Authorization.Cedar;

/// <summary>
/// Cedar's <c>decimal</c>: a number with up to four fractional digits, kept as a long counting
/// ten-thousandths (so the range is that of a long divided by 10⁴). Equal when the numbers are.
/// </summary>
public sealed class DecimalValue : ExtensionValue
{
    private const long Scale = 10_000;

    private DecimalValue(long units, string text)
    {
        Units = units;
        Text = text;
    }

    /// <summary>The value times 10⁴.</summary>
    public long Units { get; }

    /// <summary>The string the value was made from.</summary>
    public string Text { get; }

    public override string TypeName => "decimal";
    public override bool Equals(Value? other) => other is DecimalValue d && d.Units == Units;
    public override int GetHashCode() => Units.GetHashCode();
    public override string ToString() => $"decimal({CedarString.Quote(Text)})";

    /// <summary>The value in Cedar's canonical form, four fractional digits (<c>1.5000</c>).</summary>
    public string ToCanonicalString()
    {
        var abs = Int128.Abs(Units);
        var sign = Units < 0 ? "-" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / Scale}.{abs % Scale:0000}");
    }

    /// <summary>
    /// Parses as Cedar does: <c>-?digits.digits</c>, digits on both sides, at most four after the point.
    /// On failure, <paramref name="error"/> is Cedar's message.
    /// </summary>
    public static DecimalValue? TryParse(string text, out string? error)
    {
        error = null;
        // Cedar matches ^(-?\d+)\.(\d+)$ where \d is any Unicode decimal digit; digits outside ASCII
        // then fail the integer conversion, which Cedar reports as an overflow.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var integerStart = negative ? 1 : 0;
        if (dot < 0 || !AllDigits(text, integerStart, dot) || !AllDigits(text, dot + 1, text.Length))
        {
            error = $"`{text}` is not a well-formed decimal value";
            return null;
        }
        var integerPart = text[..dot];
        var fraction = text[(dot + 1)..];
        const string overflow = "overflow when converting to decimal";
        if (!IsAscii(integerPart, integerStart) || !long.TryParse(integerPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            error = overflow;
            return null;
        }
        long units;
        try { units = checked(whole * Scale); }
        catch (OverflowException) { error = overflow; return null; }
        if (Encoding.UTF8.GetByteCount(fraction) > 4)
        {
            error = $"too many digits after the decimal in `{text}`";
            return null;
        }
        if (!IsAscii(fraction, 0))
        {
            error = overflow;
            return null;
        }
        var fractionUnits = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        for (var i = fraction.Length; i < 4; i++) fractionUnits *= 10;
        try { units = negative ? checked(units - fractionUnits) : checked(units + fractionUnits); }
        catch (OverflowException) { error = overflow; return null; }
        return new DecimalValue(units, text);
    }

    private static bool AllDigits(string text, int start, int end)
    {
        if (end <= start) return false;
        var span = text.AsSpan(start, end - start);
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var used) != System.Buffers.OperationStatus.Done || !Rune.IsDigit(rune)) return false;
            span = span[used..];
        }
        return true;
    }

    private static bool IsAscii(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
            if (text[i] is < '0' or > '9') return false;
        return true;
    }
}
