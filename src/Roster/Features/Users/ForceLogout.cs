using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.Users;

public static class ForceLogout
{
    public static async Task<Results<Ok<SessionChange>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changed = await RunAsync(accountId, userId, db, actor, time, ct);
        return changed.Succeeded ? TypedResults.Ok(changed.Value) : changed.Error;
    }

    /// <summary>Ends every session of the user.</summary>
    public static async Task<Outcome<SessionChange>> RunAsync(
        string accountId, string userId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await UserSessions.RefusalAsync(db, accountId, userId, RootUserChange.ForceLogout, ct) is { } refused)
        {
            return refused;
        }
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        // Every session carries the stamp it was issued with; a new stamp ends them all, at their next request.
        user.UpdatedAt = time.GetUtcNow();
        await db.EndEverySessionAsync(user, SessionEnd.ForceLogout, time, ct);
        db.Audit(actor, time, accountId, AuditAction.UserForceLogout, "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new SessionChange("The user's sessions have ended.", user.Id);
    }
}
