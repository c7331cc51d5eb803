using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.Users;

public static class ResetPassword
{
    public static async Task<Results<Ok<SessionChange>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changed = await RunAsync(accountId, userId, db, outbox, actor, time, ct);
        return changed.Succeeded ? TypedResults.Ok(changed.Value) : changed.Error;
    }

    /// <summary>Ends the user's sessions, invalidates its password and e-mails a link to set a new one.</summary>
    public static async Task<Outcome<SessionChange>> RunAsync(
        string accountId, string userId, RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await UserSessions.RefusalAsync(db, accountId, userId, RootUserChange.ResetPassword, ct) is { } refused)
        {
            return refused;
        }
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (user.Status == UserStatus.Pending)
        {
            return new InvalidInput("The user has not accepted the invitation yet and has no password to reset.");
        }
        if (await db.ExternalLogins.AnyAsync(l => l.UserId == user.Id, ct) && user.PasswordHash is null)
        {
            return new InvalidInput("The user signs in through an external provider and has no password to reset.");
        }
        user.PasswordHash = null;
        user.PasswordResetAt = time.GetUtcNow();
        user.EndEverySession();
        user.UpdatedAt = time.GetUtcNow();
        await db.EndAllAsync(user.Id, SessionEnd.PasswordReset, time, ct);
        await db.InvalidateAsync(user.Id, TokenPurpose.PasswordReset, time, ct);
        await db.IssueAsync(user, TokenPurpose.PasswordReset, actor, outbox, time, ct);
        db.Audit(actor, time, accountId, AuditAction.UserPasswordReset, "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new SessionChange("Password reset: the user's sessions ended and a reset link was sent.", user.Id);
    }
}
