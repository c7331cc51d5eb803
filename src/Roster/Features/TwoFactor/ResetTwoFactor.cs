using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.TwoFactor;

/// <summary>
/// An administrator resets a user's two-factor authentication, for a user who lost the authenticator and the recovery
/// codes: the key and the codes are gone, and so is every session (one signed in with the lost device among them). The
/// user signs in with the password alone next time, and sets it up again (at once, when the account requires it).
/// </summary>
public static class ResetTwoFactor
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
        if (await UserSessions.RefusalAsync(db, accountId, userId, RootUserChange.ResetTwoFactor, ct) is { } refused)
        {
            return refused;
        }
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        var had = user.TwoFactorKey is not null;
        var codes = await db.RecoveryCodes.Where(r => r.UserId == user.Id).ToListAsync(ct);
        user.TwoFactorKey = null;
        user.TwoFactorEnabledAt = null;
        user.EndEverySession();
        user.UpdatedAt = time.GetUtcNow();
        db.RecoveryCodes.RemoveRange(codes);
        await db.EndAllAsync(user.Id, SessionEnd.TwoFactorReset, time, ct);
        db.Audit(actor, time, accountId, AuditAction.UserTwoFactorReset, "user", user.Id,
            new { two_factor = had, recovery_codes = codes.Count(c => c.UsedAt is null) }, new { two_factor = false });
        await db.SaveChangesAsync(ct);
        return new SessionChange(
            had ? "Two-factor authentication is reset: the key and recovery codes are gone and the user's sessions have ended."
                : "The user had no two-factor authentication; the user's sessions have ended.",
            user.Id);
    }
}
