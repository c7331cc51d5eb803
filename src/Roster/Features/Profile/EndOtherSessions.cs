using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>The sessions a "sign out everywhere else" ended; none is no refusal: there was nothing else to end.</summary>
public sealed record OtherSessionsEnded(IReadOnlyList<string> SessionIds);

/// <summary>
/// My Profile → Active sessions → Sign out everywhere else: every session of the user but the current one ends, with no
/// new security stamp (which would end the current one too); the ended rows are refused at their next request.
/// </summary>
public static class EndOtherSessions
{
    public static async Task<Outcome<OtherSessionsEnded>> RunAsync(
        string userId, string currentSessionId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        var ended = await db.EndAllAsync(userId, SessionEnd.EndedByUser, time, ct, keep: currentSessionId);
        if (ended.Count == 0)
        {
            return new OtherSessionsEnded(ended);
        }
        db.Audit(actor, time, loaded.Value.AccountId, AuditAction.UserSessionEnd, "user", userId,
            after: new { session_ids = ended, reason = SessionEnd.EndedByUser, kept_session_id = currentSessionId });
        await db.SaveChangesAsync(ct);
        return new OtherSessionsEnded(ended);
    }
}
