using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.TwoFactor;

public sealed record TwoFactorOff() : RosterError(ErrorKind.InvalidInput, "two_factor_off", "Two-factor authentication is not on.");

/// <summary>What turning two-factor authentication off takes: the password and a current code.</summary>
public sealed record TwoFactorDisable(string? Password, string? Code);

/// <summary>
/// A user turns off their own two-factor authentication. A signed-in session is not enough: the password and a current
/// code must be given too, so a session left open (or taken) cannot remove the second factor. Wrong ones count towards the
/// sign-in lock, as guesses at sign-in do; the current session stays.
/// </summary>
public static class DisableTwoFactor
{
    public const string During = "two_factor_disable";

    public const string WrongPassword = "The password is incorrect, or there were too many failed attempts: wait a few minutes and try again.";
    public const string WrongCode = "The code is incorrect or was already used. Enter the current code of your authenticator app.";

    public static async Task<Outcome<User>> RunAsync(
        string userId, TwoFactorDisable request, RosterDb db, IPasswordHasher<User> hasher, TwoFactorKeys keys, SignInLimits limits,
        Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (user.TwoFactorKey is null)
        {
            return new TwoFactorOff();
        }
        var password = request.Password ?? "";
        if (user.LockedUntil > now)
        {
            await PasswordSignIn.FailAsync(db, user, SignInFailure.Locked, limits, actor, time, logger, ct, During);
            return new InvalidField("password", null, WrongPassword);
        }
        if (user.PasswordHash is null || password.Length > PasswordPolicy.MaxLength
            || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await PasswordSignIn.FailAsync(db, user, SignInFailure.WrongPassword, limits, actor, time, logger, ct, During);
            return new InvalidField("password", null, WrongPassword);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (keys.Unprotect(user.Id, user.TwoFactorKey) is not { } key || AuthenticationCodes.StepOf(key, request.Code, time) is not { } step
            || !await AuthenticationCodes.ClaimAsync(db, user.Id, step, ct))
        {
            await transaction.RollbackAsync(ct);
            await PasswordSignIn.FailAsync(db, user, SignInFailure.WrongCode, limits, actor, time, logger, ct, During);
            return new InvalidField("code", null, WrongCode);
        }
        var enabledAt = user.TwoFactorEnabledAt;
        user.TwoFactorKey = null;
        user.TwoFactorEnabledAt = null;
        user.UpdatedAt = now;
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(r => r.UserId == user.Id).ToListAsync(ct));
        db.Audit(actor with { Type = ActorType.User, Id = user.Id }, time, user.AccountId, AuditAction.UserTwoFactorDisable, "user", user.Id,
            new { two_factor = true, enabled_at = enabledAt }, new { two_factor = false });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}
