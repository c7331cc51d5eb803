using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>The current password, and the new one.</summary>
public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

/// <summary>
/// My Profile → Password. The current password confirms the change; the new one must pass <see cref="PasswordPolicy"/>.
/// Every other session of the user ends (whoever knew the old password may be signed in somewhere) and this browser
/// stays signed in: the user gets a new security stamp, which ends every session issued before it, this one included, so
/// the change starts a fresh session for this browser in the same unit of work, and the caller writes its cookie.
/// </summary>
public static class ChangePassword
{
    public const string CurrentPasswordField = "current_password";
    public const string NewPasswordField = "new_password";
    public const string During = "password_change";

    public static async Task<Outcome<StartedSession>> RunAsync(
        string userId, string currentSessionId, PasswordChange change, RosterDb db, IPasswordHasher<User> hasher, SignInLimits limits,
        SessionLimits sessions, Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        var user = loaded.Value;
        if (await ProfileUser.ConfirmPasswordAsync(user, change.CurrentPassword, CurrentPasswordField, During, db, hasher, limits, actor, time, logger, ct)
            is { } refused)
        {
            return refused;
        }
        var password = change.NewPassword ?? "";
        if (password.Length == 0)
        {
            return new InvalidField(NewPasswordField, null, "Enter the new password.");
        }
        if (password == change.CurrentPassword)
        {
            return new InvalidField(NewPasswordField, null, "The new password must differ from the current one.");
        }
        if (PasswordPolicy.Refusal(password, user.Email) is { } weak)
        {
            return new InvalidField(NewPasswordField, null, weak.Message);
        }
        var current = await db.Sessions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == currentSessionId && s.UserId == user.Id && s.EndedAt == null, ct);
        if (current is null)
        {
            // Note: the session was checked by authentication a moment ago; this is a race with its end elsewhere.
            return new InvalidInput("Your session has ended. Sign in again to change your password.");
        }

        var now = time.GetUtcNow();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.UpdatedAt = now;
        var ended = await db.EndEverySessionAsync(user, SessionEnd.PasswordChange, time, ct, keep: current.Id);
        // The current session's row ends too (the new stamp has ended it already); the one started below takes its place.
        await db.EndAsync(user.Id, current.Id, SessionEnd.Replaced, time, ct);
        // A reset link mailed earlier would set a password over this one: it no longer works.
        await db.InvalidateAsync(user.Id, TokenPurpose.PasswordReset, time, ct);
        var started = db.Start(user, current.Method, SessionStage.SignedIn, actor, sessions, time);
        db.Audit(actor, time, user.AccountId, AuditAction.UserPasswordChange, "user", user.Id,
            after: new { session_id = started.Session.Id, replaces_session_id = current.Id, ended_session_ids = ended });
        await db.SaveChangesAsync(ct);
        return started;
    }
}
