using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.TwoFactor;

public sealed record TwoFactorAlreadyOn()
    : RosterError(ErrorKind.Conflict, "two_factor_already_on", "Two-factor authentication is already on.");

/// <summary>The key shown for setup has expired (or the form did not come from Roster): a new one has to be scanned.</summary>
public sealed record TwoFactorSetupExpired()
    : RosterError(ErrorKind.InvalidInput, "two_factor_setup_expired", "The setup took longer than 10 minutes. Scan the new QR code and enter its code.");

/// <summary>Two-factor authentication is on; the recovery codes are in clear here and nowhere else, ever.</summary>
public sealed record TwoFactorEnabled(IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// A user turns on two-factor authentication with the key shown to them and a code from their authenticator, which proves
/// the app holds the key. The user's first recovery codes are issued in the same transaction.
/// </summary>
public static class EnableTwoFactor
{
    public const string WrongCode = "That code is not right. Check that your authenticator app shows Roster's code and enter the current one.";

    /// <param name="pendingKey">The key shown for setup, as it came back protected from the form.</param>
    public static async Task<Outcome<TwoFactorEnabled>> RunAsync(
        string userId, string? pendingKey, string? code, RosterDb db, TwoFactorKeys keys, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.AccountId, On = u.TwoFactorKey != null })
            .FirstAsync(ct);
        if (user.On)
        {
            return new TwoFactorAlreadyOn();
        }
        if (keys.UnprotectPending(userId, pendingKey, time) is not { } key)
        {
            return new TwoFactorSetupExpired();
        }
        if (AuthenticationCodes.StepOf(key, code, time) is not { } step)
        {
            return new InvalidField("code", null, WrongCode);
        }

        var now = time.GetUtcNow();
        var stored = keys.Protect(key);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Note: conditional on the key being unset, so two submissions of one form cannot both turn it on (and leave the
        // first one's recovery codes shown but not stored). The step of the code is claimed with it: no code is good twice.
        var turnedOn = await db.Users.Where(u => u.Id == userId && u.TwoFactorKey == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.TwoFactorKey, stored)
                .SetProperty(u => u.TwoFactorEnabledAt, now)
                .SetProperty(u => u.TwoFactorLastStep, step)
                .SetProperty(u => u.UpdatedAt, now), ct);
        if (turnedOn != 1)
        {
            return new TwoFactorAlreadyOn();
        }
        var codes = await RecoveryCodes.ReplaceAsync(db, userId, time, ct);
        db.Audit(actor with { Type = ActorType.User, Id = userId }, time, user.AccountId, AuditAction.UserTwoFactorEnable, "user", userId,
            new { two_factor = false }, new { two_factor = true, recovery_codes = codes.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TwoFactorEnabled(codes);
    }
}
