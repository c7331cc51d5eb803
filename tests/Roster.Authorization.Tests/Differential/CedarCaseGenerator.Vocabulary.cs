namespace Roster.Authorization.Tests.Differential;

// The values that entities, contexts and policy literals draw from. Policies compare attributes with
// literals from the same small pools, so that conditions are often true.
public sealed partial class CedarCaseGenerator
{
    private static readonly string[] _names = ["alice", "Photo.jpg", "report-2024.pdf", "a*b", "star*", "ünïcode", "", "x\"y", "tab\there"];
    private static readonly string[] _depts = ["eng", "ops", "sales"];
    private static readonly string[] _cities = ["Paris", "Tel Aviv", "Santa Clara"];
    private static readonly string[] _roles = ["admin", "editor", "viewer", "owner"];
    private static readonly string[] _labels = ["red", "green", "blue", "draft"];
    private static readonly string[] _formats = ["jpg", "png", "pdf", "mp4"];
    private static readonly string[] _envs = ["prod", "staging", "dev"];
    private static readonly string[] _sources = ["web", "api", "cli"];
    private static readonly long[] _sizes = [0, 10, 100, 500, 1000];
    private static readonly long[] _bigLongs = [4503599627370496, -4503599627370496, 4503599627370495, 0, 7];

    private static readonly string[] _validIps =
        ["10.0.0.1", "10.1.2.3", "192.168.1.20", "127.0.0.1", "224.0.0.5", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::1", "ff02::1",
         "10.0.0.0/8", "192.168.0.0/16", "127.0.0.0/8", "2001:db8::/32", "0.0.0.0/0", "10.0.0.1/32", "fe80::/10"];
    private static readonly string[] _invalidIps = ["300.1.1.1", "bad", "10.0.0.1/33", "::g", "1.2.3", "", "01.2.3.4", "10.0.0.0/", "1.2.3.4 ", "::1/129", "::ffff:10.0.0.1"];
    private static readonly string[] _validDecimals = ["1.5", "0.0", "-2.25", "3.1415", "100.0", "-0.0001", "922337203685477.5807", "-922337203685477.5808", "7.0"];
    private static readonly string[] _invalidDecimals = ["1.23456", "abc", "1.", "1", ".5", "922337203685477.5808", "1e3", " 1.0", "--1.0", "1.0.0"];

    private static readonly string[] _validDatetimes =
        ["2024-10-15", "2024-10-15T11:35:00Z", "2024-10-15T11:35:00.123Z", "2024-10-15T11:35:00+0100", "2024-10-15T11:35:00.123-0230", "1970-01-01", "2000-02-29", "9999-12-31T23:59:59.999Z"];
    private static readonly string[] _invalidDatetimes = ["2024-13-01", "2024-10-15T25:00:00Z", "2023-02-29", "-1", "2024-10-15T11:35:00", "2024-1-5", "2024-10-15T11:35:00+01", "", "2024-10-15T11:35:00.5-0230"];
    private static readonly string[] _validDurations = ["1h", "1h30m", "-3h", "90ms", "1d2h3m4s5ms", "0ms", "24h", "-1d", "60m"];
    private static readonly string[] _invalidDurations = ["1x", "", "1h1d", "h", "1.5h", "--1h", "1d-2h"];

    // Literals for comparisons with the near-overflow literals of policies.
    private static readonly string[] _extremeLongs = ["9223372036854775807", "-9223372036854775808", "9223372036854775800", "-9223372036854775800", "4611686018427387904"];
}
