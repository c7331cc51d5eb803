using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Features.TwoFactor;

/// <summary>
/// One-time recovery codes, for when the authenticator is not at hand: ten per user, shown once when two-factor
/// authentication is turned on, stored as hashes, each good once.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    // Note: Crockford's base32 alphabet, in lower case: no i, l, o or u, so nothing reads as something else when copied
    // from paper. Ten characters are 50 random bits, far beyond guessing at a few attempts per lock; that, with the codes
    // being random and not chosen, is why one SHA-256 (Secrets.HashSecret) is enough to store them, as for tokens.
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int Half = 5;

    /// <summary>Replaces the user's codes with <see cref="Count"/> new ones in the unit of work; returns them, the only time they exist in clear.</summary>
    public static async Task<IReadOnlyList<string>> ReplaceAsync(RosterDb db, string userId, TimeProvider time, CancellationToken ct)
    {
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(r => r.UserId == userId).ToListAsync(ct));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Count)
        {
            codes.Add(NewCode());
        }
        var now = time.GetUtcNow();
        foreach (var code in codes)
        {
            db.RecoveryCodes.Add(new RecoveryCode { Id = Secrets.NewId(), UserId = userId, CodeHash = Secrets.HashSecret(code), CreatedAt = now });
        }
        return [.. codes];
    }

    /// <summary>
    /// Uses <paramref name="code"/> of the user: true when it was one of theirs and unused. The claim is a conditional
    /// UPDATE, so a code used by two requests at once passes once.
    /// </summary>
    public static async Task<bool> UseAsync(RosterDb db, string userId, string? code, TimeProvider time, CancellationToken ct)
    {
        if (Normalize(code) is not { } canonical)
        {
            return false;
        }
        var hash = Secrets.HashSecret(canonical);
        var now = time.GetUtcNow();
        return await db.RecoveryCodes.Where(r => r.UserId == userId && r.CodeHash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct) == 1;
    }

    public static Task<int> RemainingAsync(RosterDb db, string userId, CancellationToken ct) =>
        db.RecoveryCodes.CountAsync(r => r.UserId == userId && r.UsedAt == null, ct);

    /// <summary>
    /// The code as it is stored (<c>xxxxx-xxxxx</c>, lower case), from what a person typed: any case, with or without the
    /// hyphen or spaces, and the letters Crockford's alphabet reads as digits (o as 0, i and l as 1). Null when it is no code.
    /// </summary>
    public static string? Normalize(string? code)
    {
        if (code is null || code.Length > 64)
        {
            return null;
        }
        var chars = code.Where(c => !char.IsWhiteSpace(c) && c != '-')
            .Select(c => char.ToLowerInvariant(c) switch { 'o' => '0', 'i' or 'l' => '1', var other => other })
            .ToArray();
        if (chars.Length != 2 * Half || chars.Any(c => !Alphabet.Contains(c)))
        {
            return null;
        }
        return $"{new string(chars, 0, Half)}-{new string(chars, Half, Half)}";
    }

    private static string NewCode() =>
        $"{RandomNumberGenerator.GetString(Alphabet, Half)}-{RandomNumberGenerator.GetString(Alphabet, Half)}";
}
