using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.TwoFactor;

/// <summary>One answer for every failed code, whether it was wrong, used before, or the user is locked.</summary>
public sealed record SecondFactorFailed()
    : RosterError(ErrorKind.Unauthenticated, "second_factor_failed", "The code is incorrect or was already used, or this user cannot sign in now.");

/// <summary>The second step of a sign-in: the session past the password, and the code given for it.</summary>
public sealed record SecondFactorAttempt(string UserId, string SessionId, string? Code, bool IsRecoveryCode);

/// <summary>
/// The second step of a sign-in: an authentication code, or one of the recovery codes, for a session past the password.
/// Success ends that session and starts a new one (a new id and cookie for the signed-in session, so nothing learnt of
/// the half-way one is any use); failures count towards the same lock as wrong passwords.
/// </summary>
public static class SecondFactorSignIn
{
    public const string TotpMethod = "totp";
    public const string RecoveryCodeMethod = "recovery_code";

    public static async Task<Outcome<StartedSession>> RunAsync(
        SecondFactorAttempt attempt, RosterDb db, TwoFactorKeys keys, SignInLimits limits, SessionLimits sessions,
        Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == attempt.UserId, ct);
        var halfway = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(
            s => s.Id == attempt.SessionId && s.UserId == attempt.UserId && s.EndedAt == null && s.Stage == SessionStage.SecondFactor, ct);
        if (user is null || halfway is null || user.TwoFactorKey is null)
        {
            // Note: the session was checked by authentication a moment ago; this is a race with its end or a 2FA reset.
            return new SecondFactorFailed();
        }
        if (user.LockedUntil > now)
        {
            await PasswordSignIn.FailAsync(db, user, SignInFailure.Locked, limits, actor, time, logger, ct, method: halfway.Method);
            return new SecondFactorFailed();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var accepted = attempt.IsRecoveryCode
            ? await RecoveryCodes.UseAsync(db, user.Id, attempt.Code, time, ct)
            : keys.Unprotect(user.Id, user.TwoFactorKey) is { } key && AuthenticationCodes.StepOf(key, attempt.Code, time) is { } step
                && await AuthenticationCodes.ClaimAsync(db, user.Id, step, ct);
        if (!accepted)
        {
            await transaction.RollbackAsync(ct);
            await PasswordSignIn.FailAsync(db, user, attempt.IsRecoveryCode ? SignInFailure.WrongRecoveryCode : SignInFailure.WrongCode,
                limits, actor, time, logger, ct, method: halfway.Method);
            return new SecondFactorFailed();
        }

        var userActor = actor with { Type = ActorType.User, Id = user.Id };
        await db.EndAsync(user.Id, halfway.Id, SessionEnd.StepUp, time, ct);
        await PasswordSignIn.CompleteAsync(db, user.Id, now, ct);
        var started = db.Start(user, halfway.Method, SessionStage.SignedIn, userActor, sessions, time);
        var second = attempt.IsRecoveryCode ? RecoveryCodeMethod : TotpMethod;
        if (attempt.IsRecoveryCode)
        {
            var remaining = await RecoveryCodes.RemainingAsync(db, user.Id, ct);
            db.Audit(userActor, time, user.AccountId, AuditAction.UserRecoveryCodeUse, "user", user.Id, after: new { remaining });
        }
        db.Audit(userActor, time, user.AccountId, AuditAction.UserSignIn, "user", user.Id,
            after: new { method = halfway.Method, two_factor = second, session_id = started.Session.Id, replaces_session_id = halfway.Id });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return started;
    }
}
