using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>Ending the session one is using from its own list: that is signing out.</summary>
public sealed record CurrentSessionNotEnded()
    : RosterError(ErrorKind.InvalidInput, "current_session", "This is the session you are using: sign out to end it.");

/// <summary>
/// My Profile → Active sessions → End: the user ends one of their other sessions (a browser left signed in elsewhere).
/// The row's end is what ends it: the session is refused at its very next request.
/// </summary>
public static class EndSession
{
    public static async Task<Outcome<string>> RunAsync(
        string userId, string sessionId, string currentSessionId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (sessionId == currentSessionId)
        {
            return new CurrentSessionNotEnded();
        }
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        // Note: one answer whether the id is another user's, unknown or over already, so nothing is learnt of others' sessions.
        if (sessionId.Length is 0 or > 64 || !await db.EndAsync(userId, sessionId, SessionEnd.EndedByUser, time, ct))
        {
            return new ObjectNotFound("That session has already ended.");
        }
        db.Audit(actor, time, loaded.Value.AccountId, AuditAction.UserSessionEnd, "user", userId,
            after: new { session_id = sessionId, reason = SessionEnd.EndedByUser });
        await db.SaveChangesAsync(ct);
        return sessionId;
    }
}
