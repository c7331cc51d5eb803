using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Features.Profile;

/// <summary>One of the user's open sessions, as My Profile lists it.</summary>
/// <param name="Browser">A short name for the browser (<see cref="BrowserNames"/>).</param>
/// <param name="Stage">A session past the password with the code still to come is listed too: it is someone who knows the password.</param>
public sealed record ActiveSession(
    string Id, string Browser, string? ClientAddress, string Method, SessionStage Stage, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt,
    bool IsCurrent);

/// <summary>My Profile → Active sessions: the sessions of the user that still open a request, the newest use first.</summary>
public static class ListSessions
{
    /// <summary>
    /// The sessions <see cref="Sessions.FindAsync"/> would still take: not ended, within their idle and absolute limits, and
    /// issued under the user's current security stamp (a force logout or a password change ended the others without
    /// marking every row).
    /// </summary>
    public static async Task<IReadOnlyList<ActiveSession>> RunAsync(
        string userId, string currentSessionId, RosterDb db, SessionLimits limits, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var idleSince = now - limits.IdleTimeout;
        var rows = await (
                from s in db.Sessions.AsNoTracking()
                join u in db.Users on s.UserId equals u.Id
                where s.UserId == userId && s.EndedAt == null && s.SecurityStamp == u.SecurityStamp && s.ExpiresAt > now && s.LastSeenAt > idleSince
                orderby s.LastSeenAt descending
                select new { s.Id, s.UserAgent, s.ClientAddress, s.Method, s.Stage, s.CreatedAt, s.LastSeenAt })
            .ToListAsync(ct);
        return rows
            .Select(s => new ActiveSession(s.Id, BrowserNames.Describe(s.UserAgent), s.ClientAddress, s.Method, s.Stage, s.CreatedAt, s.LastSeenAt,
                s.Id == currentSessionId))
            .OrderByDescending(s => s.IsCurrent)
            .ToList();
    }
}
