using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Observability;
using Roster.Security;

namespace Roster.Features.SignIn;

/// <summary>One answer for every failed sign-in, so that nothing tells which part was wrong, or whether the address exists.</summary>
public sealed record SignInFailed()
    : RosterError(ErrorKind.Unauthenticated, "sign_in_failed", "The e-mail address or password is incorrect, or this user cannot sign in.");

/// <summary>Why a sign-in failed, kept server-side only (the audit trail and the log).</summary>
public enum SignInFailure
{
    UnknownEmail, WrongPassword, Locked, Pending, Inactive, Disabled, PasswordReset, NoPassword, AccountCancelled,

    /// <summary>An authentication code that is wrong, or was already used.</summary>
    WrongCode,

    /// <summary>A recovery code that is not one of the user's, or was already used.</summary>
    WrongRecoveryCode,

    /// <summary>An external provider reported no e-mail address, or one it has not verified, for a person it has not linked yet.</summary>
    NoEmail, UnverifiedEmail,

    /// <summary>The user is linked to another account at the same provider: the link, not the address, is the identity.</summary>
    OtherProviderAccount,
}

public sealed record Credentials(string Email, string Password);

/// <summary>A sign-in that got past the password: the new session, and whether the account requires a 2FA enrolment first.</summary>
public sealed record SignedIn(StartedSession Started, string UserId, bool MustEnrolTwoFactor);

/// <summary>How sign-in failures lock a user (<c>Roster:SignIn</c>).</summary>
public sealed class SignInLimits
{
    /// <summary>Failures in a row that lock the user.</summary>
    public int FailuresBeforeLock { get; set; } = 5;

    /// <summary>The first lock; each further lock lasts twice as long, up to <see cref="MaxLock"/>.</summary>
    public TimeSpan FirstLock { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxLock { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins one client address may make in <see cref="AddressWindow"/> before its attempts are refused.</summary>
    public int FailuresPerAddress { get; set; } = 30;
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Sign-in with an e-mail address and a password. The same work is done whatever is wrong (an unknown address verifies
/// against a dummy hash), the same error comes back, and the reason is kept for the audit trail and the log.
/// </summary>
public static class PasswordSignIn
{
    public const string Method = "password";

    // Note: a hash of a random password, made once with the running hasher's parameters, so that verifying against it
    // costs what verifying a real user's password costs.
    private static string? _dummyHash;

    public static async Task<Outcome<SignedIn>> RunAsync(
        Credentials credentials, RosterDb db, IPasswordHasher<User> hasher, SignInLimits options, SessionLimits sessions,
        Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var normalized = EmailAddress.Normalize(credentials.Email);
        var user = normalized.Length is 0 or > EmailAddress.MaxLength ? null
            : await db.Users.FirstOrDefaultAsync(u => u.EmailNormalized == normalized && u.Status != UserStatus.Inactive, ct);
        var verified = Verify(hasher, user, credentials.Password);

        if (user is null)
        {
            logger.LogInformation("Sign-in failed: {Reason}", SignInFailure.UnknownEmail);
            RosterTelemetry.SignedIn(Method, SignInFailure.UnknownEmail);
            return new SignInFailed();
        }
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == user.AccountId)
            .Select(a => new { a.CancelledAt, a.RequireTwoFactor }).FirstAsync(ct);
        SignInFailure? failure =
            user.LockedUntil > now ? SignInFailure.Locked
            : account.CancelledAt is not null ? SignInFailure.AccountCancelled
            : user.Status == UserStatus.Pending ? SignInFailure.Pending
            : !user.Enabled ? SignInFailure.Disabled
            : user.PasswordResetAt is not null ? SignInFailure.PasswordReset
            : user.PasswordHash is null ? SignInFailure.NoPassword
            : verified == PasswordVerificationResult.Failed ? SignInFailure.WrongPassword
            : null;
        if (failure is { } reason)
        {
            await FailAsync(db, user, reason, options, actor, time, logger, ct);
            RosterTelemetry.SignedIn(Method, reason);
            return new SignInFailed();
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, credentials.Password);
        }
        var stage = user.TwoFactorKey is null ? SessionStage.SignedIn : SessionStage.SecondFactor;
        if (stage == SessionStage.SignedIn)
        {
            // Note: only a sign-in that is complete clears the count. Past the password the code is still to come, and its
            // failures add to the same count: a right password must not wipe the wrong codes guessed before it.
            await CompleteAsync(db, user.Id, now, ct);
        }
        var started = db.Start(user, Method, stage, actor, sessions, time);
        db.Audit(actor with { Type = ActorType.User, Id = user.Id }, time, user.AccountId,
            stage == SessionStage.SignedIn ? AuditAction.UserSignIn : AuditAction.UserSignInPassword, "user", user.Id,
            after: new { method = Method, session_id = started.Session.Id });
        await db.SaveChangesAsync(ct);
        RosterTelemetry.SignedIn(Method, null);
        return new SignedIn(started, user.Id, account.RequireTwoFactor && user.TwoFactorKey is null);
    }

    private static PasswordVerificationResult Verify(IPasswordHasher<User> hasher, User? user, string password)
    {
        var dummy = _dummyHash ??= hasher.HashPassword(_nobody, Secrets.NewSecret());
        if (password.Length > PasswordPolicy.MaxLength)
        {
            // Note: no password is longer than the policy allows; refusing it unhashed keeps a megabyte "password" from
            // costing PBKDF2 time, and takes the same (no) time for every user.
            return PasswordVerificationResult.Failed;
        }
        return hasher.VerifyHashedPassword(user ?? _nobody, user?.PasswordHash ?? dummy, password);
    }

    /// <summary>The user an unknown address is checked as (the hasher takes a user; the default one ignores it).</summary>
    private static readonly User _nobody = new()
    {
        Id = "", AccountId = "", Name = "", Email = "", EmailNormalized = "", NameNormalized = "", Role = LegacyRoles.Default,
    };

    /// <summary>The failures that are guesses, and count towards a lock: a wrong password, a wrong code, a wrong recovery code.</summary>
    public static bool IsGuess(SignInFailure reason) =>
        reason is SignInFailure.WrongPassword or SignInFailure.WrongCode or SignInFailure.WrongRecoveryCode;

    /// <summary>
    /// Records a failure. A guess (<see cref="IsGuess"/>) counts towards a lock; the count is kept by the database (an
    /// increment, and a conditional update that only one concurrent request wins), so parallel guesses cannot slip past the
    /// limit. Passwords and codes share the count, wherever they are asked for; <paramref name="during"/> names the step
    /// for the audit trail when it is not the sign-in itself, <paramref name="method"/> how the person signed in.
    /// </summary>
    public static async Task FailAsync(RosterDb db, User user, SignInFailure reason, SignInLimits options, Actor actor, TimeProvider time,
        ILogger logger, CancellationToken ct, string? during = null, string method = Method)
    {
        var now = time.GetUtcNow();
        logger.LogInformation("Sign-in by {Method} failed for user {UserId}: {Reason}", method, user.Id, reason);
        var userActor = actor with { Type = ActorType.User, Id = user.Id };
        db.Audit(userActor, time, user.AccountId, AuditAction.UserSignInFailed, "user", user.Id,
            after: during is null ? new { reason = reason.ToString(), method } : (object)new { reason = reason.ToString(), method, during });
        if (IsGuess(reason))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
            var state = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new { u.FailedSignIns, u.SignInLocks }).FirstAsync(ct);
            if (state.FailedSignIns >= options.FailuresBeforeLock)
            {
                var length = LockLength(state.SignInLocks, options);
                var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedSignIns >= options.FailuresBeforeLock)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.FailedSignIns, 0)
                        .SetProperty(u => u.SignInLocks, u => u.SignInLocks + 1)
                        .SetProperty(u => u.LockedUntil, now + length), ct);
                if (locked == 1)
                {
                    logger.LogWarning("User {UserId} locked for {Minutes} min after {Failures} failed sign-ins",
                        user.Id, length.TotalMinutes, options.FailuresBeforeLock);
                    db.Audit(userActor, time, user.AccountId, AuditAction.UserLock, "user", user.Id,
                        after: new { locked_until = now + length });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A complete sign-in: the failure count and any lock cleared, the last-login time set. An UPDATE, not the tracked
    /// entity: failures of parallel attempts may have raised the count since it was read, and EF writes only what differs
    /// from what it read.
    /// </summary>
    public static Task CompleteAsync(RosterDb db, string userId, DateTimeOffset now, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedSignIns, 0)
            .SetProperty(u => u.SignInLocks, 0)
            .SetProperty(u => u.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(u => u.LastLoginAt, now), ct);

    /// <summary>The <paramref name="earlierLocks"/>+1st lock's length: the first lock, doubled for each earlier one, capped.</summary>
    public static TimeSpan LockLength(int earlierLocks, SignInLimits options)
    {
        var length = options.FirstLock * Math.Pow(2, Math.Min(earlierLocks, 20));
        return length < options.MaxLock ? length : options.MaxLock;
    }
}
