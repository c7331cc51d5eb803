using System.Globalization;
using System.Text;

namespace Roster.Authorization.Cedar;

/// <summary>
/// Cedar's <c>ipaddr</c>: an IPv4 or IPv6 address with a prefix length (32 or 128 for a single
/// address). Equal when version, address and prefix are; <c>10.0.0.1/24</c> is not <c>10.0.0.0/24</c>.
/// </summary>
public sealed class IpAddrValue : ExtensionValue
{
    private IpAddrValue(bool isV6, UInt128 address, int prefix, string text)
    {
        IsV6 = isV6;
        Address = address;
        Prefix = prefix;
        Text = text;
    }

    public bool IsV6 { get; }

    /// <summary>The address bits (an IPv4 address in the low 32).</summary>
    public UInt128 Address { get; }

    public int Prefix { get; }

    /// <summary>The string the value was made from.</summary>
    public string Text { get; }

    public override string TypeName => "ipaddr";
    public override bool Equals(Value? other) => other is IpAddrValue ip && ip.IsV6 == IsV6 && ip.Address == Address && ip.Prefix == Prefix;
    public override int GetHashCode() => HashCode.Combine(IsV6, Address, Prefix);
    public override string ToString() => $"ip({CedarString.Quote(Text)})";

    private int Width => IsV6 ? 128 : 32;

    public bool IsLoopback => IsV6
        ? Address == UInt128.One && Prefix >= 128
        : Address >> 24 == 127 && Prefix >= 8;

    public bool IsMulticast => IsV6
        ? (Address >> 120) == 0xff && Prefix >= 8
        : (uint)(Address >> 24) is >= 224 and <= 239 && Prefix >= 4;

    /// <summary>Whether this address or range lies within <paramref name="range"/> (false across versions).</summary>
    public bool IsInRange(IpAddrValue range)
    {
        if (IsV6 != range.IsV6) return false;
        var all = IsV6 ? UInt128.MaxValue : uint.MaxValue;
        UInt128 NetMask(int prefix) => prefix == 0 ? UInt128.Zero : (all << (Width - prefix)) & all;
        UInt128 HostMask(int prefix) => prefix >= Width ? UInt128.Zero : all >> prefix;
        var network = Address & NetMask(Prefix);
        var rangeNetwork = range.Address & NetMask(range.Prefix);
        var broadcast = Address | HostMask(Prefix);
        var rangeBroadcast = range.Address | HostMask(range.Prefix);
        return rangeNetwork <= network && broadcast <= rangeBroadcast;
    }

    /// <summary>
    /// Parses as Cedar does: an address as Rust's standard library reads it (IPv4 octets without
    /// leading zeros, IPv6 with at most one <c>::</c>, no IPv4 embedded in IPv6), optionally
    /// <c>/prefix</c> in decimal without leading zeros. On failure, <paramref name="error"/> is Cedar's message.
    /// </summary>
    public static IpAddrValue? TryParse(string text, out string? error)
    {
        error = null;
        if (Encoding.UTF8.GetByteCount(text) > 43)
        {
            error = $"error parsing IP address from string `{text}`: string length is too large";
            return null;
        }
        if (CountAtLeastTwo(text, ':') && CountAtLeastTwo(text, '.'))
        {
            error = $"error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `{text}`";
            return null;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (!TryParseAddress(text, out var v6, out var address))
            {
                error = $"invalid IP address: {text}";
                return null;
            }
            return new IpAddrValue(v6, address, v6 ? 128 : 32, text);
        }
        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!TryParseAddress(addressText, out var isV6, out var bits))
        {
            error = $"error parsing IP address from the string `{addressText}`: invalid IP address syntax";
            return null;
        }
        var prefix = ParsePrefix(prefixText, isV6 ? 128 : 32, isV6 ? 3 : 2, out error);
        return prefix < 0 ? null : new IpAddrValue(isV6, bits, prefix, text);
    }

    private static int ParsePrefix(string s, int max, int maxLength, out string? error)
    {
        error = null;
        var length = Encoding.UTF8.GetByteCount(s);
        if (length > maxLength) error = $"error parsing prefix: string length {length} is too large";
        else if (s.Any(c => c is < '0' or > '9')) error = $"error parsing prefix `{s}`: encountered non-digit";
        else if (s.StartsWith('0') && s != "0") error = $"error parsing prefix `{s}`: leading zero(s)";
        else if (s.Length == 0) error = "error parsing prefix from the string ``: cannot parse integer from empty string";
        else
        {
            var value = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255) error = $"error parsing prefix from the string `{s}`: number too large to fit in target type";
            else if (value > max) error = $"error parsing prefix: {value} is larger than the limit {max}";
            else return value;
        }
        return -1;
    }

    private static bool CountAtLeastTwo(string s, char c)
    {
        var first = s.IndexOf(c);
        return first >= 0 && s.IndexOf(c, first + 1) >= 0;
    }

    /// <summary>Rust's <c>IpAddr::from_str</c>: IPv4 first, then IPv6, the whole text consumed.</summary>
    internal static bool TryParseAddress(string s, out bool isV6, out UInt128 address)
    {
        isV6 = false;
        var position = 0;
        if (ReadIpv4(s, ref position, out var v4))
        {
            address = v4;
            return position == s.Length;
        }
        position = 0;
        isV6 = true;
        return ReadIpv6(s, ref position, out address) && position == s.Length;
    }

    private static bool ReadIpv4(string s, ref int position, out uint address)
    {
        address = 0;
        var p = position;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                if (p >= s.Length || s[p] != '.') return false;
                p++;
            }
            if (!ReadNumber(s, ref p, 10, 3, allowLeadingZero: false, out var octet) || octet > 255) return false;
            address = (address << 8) | (uint)octet;
        }
        position = p;
        return true;
    }

    // Embedded IPv4 ("::1.2.3.4") needs two colons and three dots, which TryParse has already
    // refused, so only the pure hexadecimal forms are read here.
    private static bool ReadIpv6(string s, ref int position, out UInt128 address)
    {
        address = UInt128.Zero;
        var p = position;
        Span<ushort> head = stackalloc ushort[8];
        var headSize = ReadGroups(s, ref p, head);
        if (headSize == 8)
        {
            address = Combine(head);
            position = p;
            return true;
        }
        if (p + 1 >= s.Length || s[p] != ':' || s[p + 1] != ':') return false;
        p += 2;
        Span<ushort> tail = stackalloc ushort[7];
        var tailSize = ReadGroups(s, ref p, tail[..(8 - (headSize + 1))]);
        tail[..tailSize].CopyTo(head[(8 - tailSize)..]);
        address = Combine(head);
        position = p;
        return true;
    }

    private static int ReadGroups(string s, ref int position, Span<ushort> groups)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var p = position;
            if (i > 0)
            {
                if (p >= s.Length || s[p] != ':') return i;
                p++;
            }
            if (!ReadNumber(s, ref p, 16, 4, allowLeadingZero: true, out var group)) return i;
            groups[i] = (ushort)group;
            position = p;
        }
        return groups.Length;
    }

    private static UInt128 Combine(ReadOnlySpan<ushort> groups)
    {
        var value = UInt128.Zero;
        foreach (var g in groups) value = (value << 16) | g;
        return value;
    }

    /// <summary>Rust's <c>read_number</c>: up to <paramref name="maxDigits"/> digits (more fails), optionally no leading zero.</summary>
    private static bool ReadNumber(string s, ref int position, int radix, int maxDigits, bool allowLeadingZero, out int value)
    {
        value = 0;
        var p = position;
        var count = 0;
        var leadingZero = p < s.Length && s[p] == '0';
        while (p < s.Length && Digit(s[p], radix) is var d && d >= 0)
        {
            value = value * radix + d;
            p++;
            if (++count > maxDigits) return false;
        }
        if (count == 0 || (!allowLeadingZero && leadingZero && count > 1)) return false;
        position = p;
        return true;
    }

    private static int Digit(char c, int radix) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' when radix == 16 => c - 'a' + 10,
        >= 'A' and <= 'F' when radix == 16 => c - 'A' + 10,
        _ => -1,
    };
}
