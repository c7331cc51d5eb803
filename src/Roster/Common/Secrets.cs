using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Roster.Common;

/// <summary>Random identifiers and credentials, all from the operating system's CSPRNG.</summary>
public static class Secrets
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>An opaque object id: 32 lower-case hex characters (128 bits).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>An API key in Cloudinary's shape: 15 decimal digits, never starting with 0.</summary>
    public static string NewApiKey()
    {
        Span<char> digits = stackalloc char[15];
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        return new string(digits);
    }

    /// <summary>A secret of <paramref name="length"/> base-62 characters (27 gives ~160 bits).</summary>
    public static string NewSecret(int length = 27) => RandomNumberGenerator.GetString(Base62, length);

    /// <summary>A URL-safe token for links sent by e-mail (256 bits).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    // Note: account secrets and one-time tokens are 160+ bits of CSPRNG output, so a single SHA-256 is
    // a sufficient one-way function (nothing to brute-force, unlike a password); it also keeps Basic
    // authentication cheap on every request. The "v1." prefix versions the format so it can change.
    private const string HashVersion = "v1.";

    public static string HashSecret(string secret) =>
        HashVersion + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool VerifySecret(string secret, string storedHash)
    {
        if (!storedHash.StartsWith(HashVersion, StringComparison.Ordinal))
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[32];
        if (!Convert.TryFromBase64String(storedHash[HashVersion.Length..], expected, out var written) || written != 32)
        {
            return false;
        }
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
