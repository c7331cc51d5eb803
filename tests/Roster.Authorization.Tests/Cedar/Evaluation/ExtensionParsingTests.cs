using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Evaluation;

// Rows checked against the reference implementation: which strings Cedar accepts as addresses and
// decimals, and the message it gives for those it refuses.
public class IpAddrParsingTests
{
    [Theory]
    [InlineData("127.0.0.1", false, 32)]
    [InlineData("0.0.0.0", false, 32)]
    [InlineData("255.255.255.255", false, 32)]
    [InlineData("1.2.3.4/0", false, 0)]
    [InlineData("10.0.0.0/8", false, 8)]
    [InlineData("::1", true, 128)]
    [InlineData("::", true, 128)]
    [InlineData("1::", true, 128)]
    [InlineData("1:2:3:4:5:6:7:8", true, 128)]
    [InlineData("1:2:3:4:5:6:7::", true, 128)]
    [InlineData("::1:2:3:4:5:6:7", true, 128)]
    [InlineData("0001::", true, 128)]
    [InlineData("ABCD:ef01::", true, 128)]
    [InlineData("::/128", true, 128)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", true, 128)]
    public void TryParse_WellFormed_GivesVersionAndPrefix(string text, bool isV6, int prefix)
    {
        var ip = IpAddrValue.TryParse(text, out var error);
        Assert.Null(error);
        Assert.NotNull(ip);
        Assert.Equal(isV6, ip.IsV6);
        Assert.Equal(prefix, ip.Prefix);
    }

    [Theory]
    [InlineData("127.0.0.01", "invalid IP address: 127.0.0.01")]
    [InlineData("256.0.0.1", "invalid IP address: 256.0.0.1")]
    [InlineData("1.2.3", "invalid IP address: 1.2.3")]
    [InlineData("1.2.3.4.5", "invalid IP address: 1.2.3.4.5")]
    [InlineData(" 1.2.3.4", "invalid IP address:  1.2.3.4")]
    [InlineData("", "invalid IP address: ")]
    [InlineData("1.2.3.4/33", "error parsing prefix: 33 is larger than the limit 32")]
    [InlineData("1.2.3.4/08", "error parsing prefix `08`: leading zero(s)")]
    [InlineData("1.2.3.4/", "error parsing prefix from the string ``: cannot parse integer from empty string")]
    [InlineData("1.2.3.4/100", "error parsing prefix: string length 3 is too large")]
    [InlineData("1.2.3.4/+8", "error parsing prefix `+8`: encountered non-digit")]
    [InlineData("1.2.3.4/8/8", "error parsing prefix: string length 3 is too large")]
    [InlineData("1.2.3.4x/8", "error parsing IP address from the string `1.2.3.4x`: invalid IP address syntax")]
    [InlineData("1:2:3:4:5:6:7::8", "invalid IP address: 1:2:3:4:5:6:7::8")]
    [InlineData("::1:2:3:4:5:6:7:8", "invalid IP address: ::1:2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6:7:8:9", "invalid IP address: 1:2:3:4:5:6:7:8:9")]
    [InlineData("12345::", "invalid IP address: 12345::")]
    [InlineData("00001::", "invalid IP address: 00001::")]
    [InlineData("1:::2", "invalid IP address: 1:::2")]
    [InlineData(":1::2", "invalid IP address: :1::2")]
    [InlineData("::1.2", "invalid IP address: ::1.2")]
    [InlineData("::ffff:1.2.3.4", "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `::ffff:1.2.3.4`")]
    [InlineData("::/129", "error parsing prefix: 129 is larger than the limit 128")]
    [InlineData("::/256", "error parsing prefix from the string `256`: number too large to fit in target type")]
    [InlineData("::/0128", "error parsing prefix: string length 4 is too large")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1288", "error parsing IP address from string `ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1288`: string length is too large")]
    public void TryParse_Malformed_GivesCedarsMessage(string text, string message)
    {
        Assert.Null(IpAddrValue.TryParse(text, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("127.0.0.1", true, false)]
    [InlineData("127.0.0.0/8", true, false)]
    [InlineData("127.0.0.0/7", false, false)]
    [InlineData("::1", true, false)]
    [InlineData("::1/127", false, false)]
    [InlineData("224.0.0.1", false, true)]
    [InlineData("239.255.255.255/4", false, true)]
    [InlineData("224.0.0.0/3", false, false)]
    [InlineData("ff02::1", false, true)]
    [InlineData("ff00::/7", false, false)]
    public void LoopbackAndMulticast_ByAddressAndPrefix(string text, bool loopback, bool multicast)
    {
        var ip = IpAddrValue.TryParse(text, out _)!;
        Assert.Equal(loopback, ip.IsLoopback);
        Assert.Equal(multicast, ip.IsMulticast);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("10.1.2.3/8", "10.0.0.0/16", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", true)]
    [InlineData("11.0.0.1", "10.0.0.0/8", false)]
    [InlineData("1.2.3.4", "0.0.0.0/0", true)]
    [InlineData("::1", "::/0", true)]
    [InlineData("::1", "0.0.0.0/0", false)]
    [InlineData("2001:db8::5", "2001:db8::/32", true)]
    [InlineData("2001:db9::5", "2001:db8::/32", false)]
    public void IsInRange_ComparesNetworkAndBroadcast(string address, string range, bool expected) =>
        Assert.Equal(expected, IpAddrValue.TryParse(address, out _)!.IsInRange(IpAddrValue.TryParse(range, out _)!));

    [Theory]
    [InlineData("10.0.0.1/24", "10.0.0.0/24", false)]
    [InlineData("10.0.0.1", "10.0.0.1/32", true)]
    [InlineData("::1", "0:0::1", true)]
    [InlineData("::1", "::1/64", false)]
    public void Equals_ByVersionAddressAndPrefix(string a, string b, bool expected) =>
        Assert.Equal(expected, IpAddrValue.TryParse(a, out _)!.Equals(IpAddrValue.TryParse(b, out _)));
}

public class DecimalParsingTests
{
    [Theory]
    [InlineData("1.0", 10_000)]
    [InlineData("1.0000", 10_000)]
    [InlineData("-0.5", -5_000)]
    [InlineData("-0.0", 0)]
    [InlineData("00012.3400", 123_400)]
    [InlineData("922337203685477.5807", long.MaxValue)]
    [InlineData("-922337203685477.5808", long.MinValue)]
    public void TryParse_WellFormed_CountsTenThousandths(string text, long units)
    {
        var value = DecimalValue.TryParse(text, out var error);
        Assert.Null(error);
        Assert.Equal(units, value!.Units);
    }

    [Theory]
    [InlineData("1", "`1` is not a well-formed decimal value")]
    [InlineData("1.", "`1.` is not a well-formed decimal value")]
    [InlineData(".5", "`.5` is not a well-formed decimal value")]
    [InlineData("+1.0", "`+1.0` is not a well-formed decimal value")]
    [InlineData("1.0 ", "`1.0 ` is not a well-formed decimal value")]
    [InlineData("1.23456", "too many digits after the decimal in `1.23456`")]
    [InlineData("922337203685477.5808", "overflow when converting to decimal")]
    [InlineData("-922337203685477.5809", "overflow when converting to decimal")]
    [InlineData("922337203685478.0", "overflow when converting to decimal")]
    [InlineData("99999999999999999999.0", "overflow when converting to decimal")]
    [InlineData("1.\u0663", "overflow when converting to decimal")]
    [InlineData("1.\u0663\u0663\u0663", "too many digits after the decimal in `1.\u0663\u0663\u0663`")]
    [InlineData("\u0663.0", "overflow when converting to decimal")]
    public void TryParse_Malformed_GivesCedarsMessage(string text, string message)
    {
        Assert.Null(DecimalValue.TryParse(text, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("1.5", "1.5000")]
    [InlineData("-0.0001", "-0.0001")]
    [InlineData("-922337203685477.5808", "-922337203685477.5808")]
    public void ToCanonicalString_FourFractionalDigits(string text, string expected) =>
        Assert.Equal(expected, DecimalValue.TryParse(text, out _)!.ToCanonicalString());
}
