using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Roster.Features.TwoFactor;

/// <summary>
/// The TOTP keys, protected with Data Protection (the key ring beside the database, not in it): a user's key as stored in
/// <c>Users.TwoFactorKey</c>, and the key being set up, which travels in the enrolment form between showing the QR code
/// and the first code. The pending form is bound to its user and lives ten minutes, so it is no use anywhere else.
/// </summary>
public sealed class TwoFactorKeys(IDataProtectionProvider provider, ILogger<TwoFactorKeys> logger)
{
    public const string Purpose = "Roster.TwoFactor.Key";
    public const string PendingPurpose = "Roster.TwoFactor.PendingKey";

    /// <summary>How long a key shown for setup can be confirmed with a code.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Longer than any pending key this class writes; anything longer is refused unread.</summary>
    private const int MaxPendingLength = 1024;

    private readonly IDataProtector _stored = provider.CreateProtector(Purpose);
    private readonly ITimeLimitedDataProtector _pending = provider.CreateProtector(PendingPurpose).ToTimeLimitedDataProtector();

    public string Protect(byte[] key) => _stored.Protect(Base32Encoding.ToString(key));

    /// <summary>
    /// The user's stored key; null when the key ring cannot read it (the keys folder was lost or replaced), which is logged:
    /// the user's codes then fail, recovery codes still work, and an administrator's two-factor reset lets them enrol again.
    /// </summary>
    public byte[]? Unprotect(string userId, string stored)
    {
        try
        {
            return Base32Encoding.ToBytes(_stored.Unprotect(stored));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            logger.LogError(e, "The two-factor key of user {UserId} cannot be read with this key ring; an administrator's two_factor_reset lets the user enrol again", userId);
            return null;
        }
    }

    /// <summary>The pending key's form for <paramref name="userId"/>, good for <see cref="PendingLifetime"/>.</summary>
    public string ProtectPending(string userId, byte[] key, TimeProvider time) =>
        _pending.CreateProtector(userId).Protect(Base32Encoding.ToString(key), time.GetUtcNow() + PendingLifetime);

    /// <summary>The key <paramref name="pending"/> holds for <paramref name="userId"/>; null when it is not one, not theirs, or expired.</summary>
    public byte[]? UnprotectPending(string userId, string? pending, TimeProvider time)
    {
        if (pending is not { Length: > 0 and <= MaxPendingLength })
        {
            return null;
        }
        try
        {
            var key = _pending.CreateProtector(userId).Unprotect(pending, out var expires);
            // Note: the protector checks the expiry against the system clock; checking it against Roster's clock too keeps
            // the ten minutes exact wherever the time comes from.
            return expires > time.GetUtcNow() ? Base32Encoding.ToBytes(key) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
