using Microsoft.EntityFrameworkCore;
using OtpNet;
using Roster.Data;

namespace Roster.Features.TwoFactor;

/// <summary>
/// Authentication codes (TOTP, RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, the step before and the step after
/// accepted for clock drift. A code is good once: the step it matched is claimed in the database, and a step at or before
/// the last one claimed is refused.
/// </summary>
public static class AuthenticationCodes
{
    public const string Issuer = "Roster";
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>160 bits, the key length RFC 4226 recommends for HMAC-SHA-1.</summary>
    public const int KeyBytes = 20;

    private static readonly VerificationWindow _drift = new(previous: 1, future: 1);

    public static byte[] NewKey() => KeyGeneration.GenerateRandomKey(KeyBytes);

    /// <summary>The key as authenticator apps take it typed in: base32, no padding (20 bytes are 32 characters).</summary>
    public static string Text(byte[] key) => Base32Encoding.ToString(key);

    /// <summary>
    /// The <c>otpauth://</c> URI a QR code carries. The label is the issuer, then which user of which account this is, so
    /// that a person with users in several accounts tells them apart; the issuer is also given as a parameter, as apps
    /// prefer. No colon inside the account part: it is the label's one separator.
    /// </summary>
    public static string UriFor(byte[] key, string accountName, string email)
    {
        var who = $"{accountName.Replace(':', ' ')} ({email})";
        return $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(who)}?secret={Text(key)}"
            + $"&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }

    /// <summary>The six digits of <paramref name="code"/> with the spaces people type in it removed; null when it is no code.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null || code.Length > 32)
        {
            return null;
        }
        var digits = string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The time step <paramref name="code"/> is right for under <paramref name="key"/>, within the drift allowed; null when none.</summary>
    public static long? StepOf(byte[] key, string? code, TimeProvider time)
    {
        if (Normalize(code) is not { } digits)
        {
            return null;
        }
        var totp = new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, _drift) ? step : null;
    }

    /// <summary>
    /// Claims <paramref name="step"/> for the user: true when it is later than the last step accepted. The condition is in
    /// the UPDATE, so of two requests with the same code only one changes the row.
    /// </summary>
    public static async Task<bool> ClaimAsync(RosterDb db, string userId, long step, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId && u.TwoFactorLastStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorLastStep, step), ct) == 1;
}
