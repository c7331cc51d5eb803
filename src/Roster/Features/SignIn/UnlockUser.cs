using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.SignIn;

/// <summary>An administrator clears a user's sign-in lock and failure count.</summary>
public static class UnlockUser
{
    public static async Task<Results<Ok<SessionChange>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changed = await RunAsync(accountId, userId, db, actor, time, ct);
        return changed.Succeeded ? TypedResults.Ok(changed.Value) : changed.Error;
    }

    public static async Task<Outcome<SessionChange>> RunAsync(
        string accountId, string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.AccountId == accountId, ct);
        if (user is null)
        {
            return UsersApi.Missing(userId);
        }
        var wasLocked = user.LockedUntil > time.GetUtcNow();
        user.LockedUntil = null;
        user.FailedSignIns = 0;
        user.SignInLocks = 0;
        db.Audit(actor, time, accountId, AuditAction.UserUnlock, "user", user.Id, after: new { was_locked = wasLocked });
        await db.SaveChangesAsync(ct);
        return new SessionChange(wasLocked ? "The user's sign-in lock is cleared." : "The user was not locked; the failure count is cleared.", user.Id);
    }
}
