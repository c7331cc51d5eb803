using System.Globalization;
using System.Text.RegularExpressions;
using Roster.Authorization.Cedar.Evaluation;

namespace Roster.Authorization.Cedar;

/// <summary>Cedar's <c>datetime</c>: milliseconds since the Unix epoch (UTC, without leap seconds). Ordered by <c>&lt;</c>.</summary>
public sealed partial class DatetimeValue(long epochMilliseconds) : ExtensionValue, IComparableExtension
{
    internal const long DayMilliseconds = 86_400_000;

    public long EpochMilliseconds { get; } = epochMilliseconds;

    public override string TypeName => "datetime";
    public override bool Equals(Value? other) => other is DatetimeValue d && d.EpochMilliseconds == EpochMilliseconds;
    public override int GetHashCode() => EpochMilliseconds.GetHashCode();
    public override string ToString() => $"datetime(\"1970-01-01\").offset({new DurationValue(EpochMilliseconds)})";

    int IComparableExtension.CompareTo(IComparableExtension other) => EpochMilliseconds.CompareTo(((DatetimeValue)other).EpochMilliseconds);

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^T([0-9]{2}):([0-9]{2}):([0-9]{2})")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(\.([0-9]{3}))?(Z|((\+|-)([0-9]{2})([0-9]{2})))\z")]
    private static partial Regex MillisecondsAndOffsetPattern();

    /// <summary>
    /// Parses as Cedar does: <c>YYYY-MM-DD</c>, optionally followed by <c>THH:MM:SS</c> and then
    /// <c>Z</c>, <c>.SSSZ</c>, <c>±hhmm</c> or <c>.SSS±hhmm</c>. On failure, <paramref name="error"/> is Cedar's message.
    /// </summary>
    public static DatetimeValue? TryParse(string text, out string? error)
    {
        error = null;
        var date = DatePattern().Match(text);
        if (!date.Success) return Fail("invalid date pattern", out error);
        var (year, month, day) = (Number(date, 1), Number(date, 2), Number(date, 3));
        var validDate = month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
        if (date.Length == text.Length)
            return validDate ? new DatetimeValue(DaysFromCivil(year, month, day) * DayMilliseconds) : Fail($"invalid date: {date.Value}", out error);
        var rest = text[date.Length..];
        var time = TimePattern().Match(rest);
        if (!time.Success) return Fail("invalid hour/minute/second pattern", out error);
        rest = rest[time.Length..];
        var tail = MillisecondsAndOffsetPattern().Match(rest);
        if (!tail.Success) return Fail("invalid millisecond and/or offset pattern", out error);
        if (!validDate) return Fail($"invalid date: {date.Value}", out error);
        var (hour, minute, second) = (Number(time, 1), Number(time, 2), Number(time, 3));
        if (hour > 23 || minute > 59 || second > 59) return Fail($"invalid hour/minute/second: {time.Value[1..]}", out error);
        var milliseconds = tail.Groups[1].Success ? Number(tail, 2) : 0;
        long offsetSeconds = 0;
        if (tail.Groups[4].Success)
        {
            var (offsetHours, offsetMinutes) = (Number(tail, 6), Number(tail, 7));
            if (offsetHours >= 24 || offsetMinutes >= 60)
                return Fail(string.Create(CultureInfo.InvariantCulture, $"invalid offset range: {offsetHours}{offsetMinutes}"), out error);
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (tail.Groups[5].Value == "+" ? 1 : -1);
        }
        var epoch = DaysFromCivil(year, month, day) * DayMilliseconds
            + ((hour * 3600L + minute * 60 + second - offsetSeconds) * 1000) + milliseconds;
        return new DatetimeValue(epoch);
    }

    private static DatetimeValue? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Days from 1970-01-01 in the proleptic Gregorian calendar (year 0 included, as in Cedar).
    private static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}

/// <summary>Cedar's <c>duration</c>: a signed number of milliseconds. Ordered by <c>&lt;</c>.</summary>
public sealed partial class DurationValue(long milliseconds) : ExtensionValue, IComparableExtension
{
    public long Milliseconds { get; } = milliseconds;

    public override string TypeName => "duration";
    public override bool Equals(Value? other) => other is DurationValue d && d.Milliseconds == Milliseconds;
    public override int GetHashCode() => Milliseconds.GetHashCode();
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"duration(\"{Milliseconds}ms\")");

    int IComparableExtension.CompareTo(IComparableExtension other) => Milliseconds.CompareTo(((DurationValue)other).Milliseconds);

    [GeneratedRegex(@"^-?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?\z")]
    private static partial Regex Pattern();

    /// <summary>Parses as Cedar does: an optional <c>-</c>, then quantities of <c>d h m s ms</c> in that order.</summary>
    public static DurationValue? TryParse(string text, out string? error)
    {
        error = "invalid duration pattern";
        if (text.Length == 0 || text == "-") return null;
        var match = Pattern().Match(text);
        if (!match.Success) return null;
        error = "Duration overflows internal representation";
        var negative = text.StartsWith('-');
        // Cedar reads each quantity as an unsigned 64-bit number, the milliseconds first; only
        // "-9223372036854775808ms" reaches the most negative duration.
        var quantities = new ulong[5];
        int[] groups = [10, 8, 6, 4, 2];
        for (var i = 0; i < groups.Length; i++)
        {
            var g = match.Groups[groups[i]];
            if (g.Success && !ulong.TryParse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out quantities[i])) return null;
        }
        var signedMilliseconds = negative ? -(Int128)quantities[0] : quantities[0];
        if (signedMilliseconds < long.MinValue || signedMilliseconds > long.MaxValue) return null;
        var total = (long)signedMilliseconds;
        long[] scales = [1000, 60_000, 3_600_000, DatetimeValue.DayMilliseconds];
        for (var i = 0; i < scales.Length; i++)
        {
            if (quantities[i + 1] > long.MaxValue) return null;
            try
            {
                var amount = checked((long)quantities[i + 1] * scales[i]);
                total = negative ? checked(total - amount) : checked(total + amount);
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        error = null;
        return new DurationValue(total);
    }
}
