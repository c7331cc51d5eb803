using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>A change that asks for the current password, made by a user who has none (one who signs in through an external provider).</summary>
public sealed record NoPasswordToConfirm() : RosterError(ErrorKind.InvalidInput, "no_password",
    "Your user signs in without a password, so there is none to confirm this change with. Ask an administrator of your account to make it.");

/// <summary>What the My Profile use cases share: the signed-in user's own row, and the current password a sensitive change asks for.</summary>
public static class ProfileUser
{
    public const string WrongPassword =
        "The current password is incorrect, or there were too many failed attempts: wait a few minutes and try again.";

    /// <summary>
    /// The user's own row, tracked, with its product environments (the audit snapshot names them); the session named a
    /// live user a moment ago, so a miss is a race with its deletion.
    /// </summary>
    public static async Task<Outcome<User>> LoadAsync(RosterDb db, string userId, CancellationToken ct) =>
        await db.Users.Include(u => u.ProductEnvironments).FirstOrDefaultAsync(u => u.Id == userId && u.Status != UserStatus.Inactive, ct) is { } user
            ? user
            : UsersApi.Missing(userId);

    /// <summary>
    /// Null when <paramref name="password"/> is the user's current password; else the refusal, as an error of the form's
    /// <paramref name="field"/>. A signed-in session alone is not enough for a change that hands the user over (a new
    /// password, a new address that password resets go to), so a session left open or taken cannot make it. A wrong
    /// password counts towards the sign-in lock like a guess at sign-in, and a locked user is refused even with the right
    /// one; <paramref name="during"/> names the change in the audit trail. Call it before changing anything: the failure
    /// is saved at once.
    /// </summary>
    public static async Task<RosterError?> ConfirmPasswordAsync(
        User user, string? password, string field, string during, RosterDb db, IPasswordHasher<User> hasher, SignInLimits limits,
        Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        if (user.PasswordHash is null)
        {
            return new NoPasswordToConfirm();
        }
        if (user.LockedUntil > time.GetUtcNow())
        {
            await PasswordSignIn.FailAsync(db, user, SignInFailure.Locked, limits, actor, time, logger, ct, during);
            return new InvalidField(field, null, WrongPassword);
        }
        var given = password ?? "";
        // Note: no password is longer than the policy allows; refusing a longer one unhashed keeps it from costing PBKDF2 time.
        if (given.Length > PasswordPolicy.MaxLength
            || hasher.VerifyHashedPassword(user, user.PasswordHash, given) == PasswordVerificationResult.Failed)
        {
            await PasswordSignIn.FailAsync(db, user, SignInFailure.WrongPassword, limits, actor, time, logger, ct, during);
            return new InvalidField(field, null, WrongPassword);
        }
        return null;
    }
}
