using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.SignIn;

/// <summary>How long sessions last (<c>Roster:Sessions</c>).</summary>
public sealed class SessionLimits
{
    /// <summary>A session not used for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long the second step of a sign-in (the authentication code) may take.</summary>
    public TimeSpan SecondFactorTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A session just started: the row, and the cookie's secret, which exists nowhere else.</summary>
public sealed record StartedSession(UserSession Session, string Token);

/// <summary>What a valid session says about its request.</summary>
public sealed record SessionFacts(string SessionId, string UserId, string AccountId, SessionStage Stage, string Method);

/// <summary>
/// Server-side sessions. The cookie carries a random token; the database keeps its hash and the user's security stamp at
/// the session's start. A session is good while it has not ended, is within its idle and absolute limits, and the user's
/// stamp is unchanged: force logout, a password reset or change, and a 2FA reset change the stamp, so every session of
/// the user ends at its very next request, on every server that shares the database.
/// </summary>
public static class Sessions
{
    public const string CookieName = "roster_session";

    /// <summary>Last-seen times are written at most this often, so a busy session costs one read per request, not a write.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Adds a new session for <paramref name="user"/> to the unit of work.</summary>
    public static StartedSession Start(this RosterDb db, User user, string method, SessionStage stage, Actor actor, SessionLimits options,
        TimeProvider time)
    {
        var now = time.GetUtcNow();
        var token = Secrets.NewToken();
        var session = new UserSession
        {
            Id = Secrets.NewId(),
            TokenHash = Secrets.HashSecret(token),
            UserId = user.Id,
            AccountId = user.AccountId,
            Method = method,
            Stage = stage,
            SecurityStamp = user.SecurityStamp,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (stage == SessionStage.SignedIn ? options.AbsoluteTimeout : options.SecondFactorTimeout),
            ClientAddress = actor.ClientAddress,
            UserAgent = actor.UserAgent,
        };
        db.Sessions.Add(session);
        return new StartedSession(session, token);
    }

    /// <summary>The session <paramref name="token"/> opens, or null when it opens none (unknown, ended, timed out, or its user's stamp changed).</summary>
    public static async Task<SessionFacts?> FindAsync(RosterDb db, string token, SessionLimits options, TimeProvider time, CancellationToken ct)
    {
        if (token.Length is 0 or > 64)
        {
            return null;
        }
        var hash = Secrets.HashSecret(token);
        var now = time.GetUtcNow();
        var found = await (
                from s in db.Sessions.AsNoTracking()
                join u in db.Users on s.UserId equals u.Id
                join a in db.Accounts on u.AccountId equals a.Id
                where s.TokenHash == hash && s.EndedAt == null
                select new
                {
                    s.Id, s.UserId, s.AccountId, s.Stage, s.Method, s.LastSeenAt, s.ExpiresAt,
                    Current = s.SecurityStamp == u.SecurityStamp && u.Enabled && u.Status == UserStatus.Active && a.CancelledAt == null,
                })
            .FirstOrDefaultAsync(ct);
        if (found is null || !found.Current || found.ExpiresAt <= now || now - found.LastSeenAt >= options.IdleTimeout)
        {
            return null;
        }
        if (now - found.LastSeenAt >= TouchInterval)
        {
            await db.Sessions.Where(s => s.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }
        return new SessionFacts(found.Id, found.UserId, found.AccountId, found.Stage, found.Method);
    }

    /// <summary>
    /// Ends every session of <paramref name="user"/> (force logout, a password reset, a 2FA reset, a password change): a new
    /// security stamp, which every session issued before it fails at its next request, and the open rows (all but
    /// <paramref name="keep"/>) marked ended with <paramref name="reason"/> for My Profile's list, all in the unit of work.
    /// Returns the ids of the rows it marked.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EndEverySessionAsync(this RosterDb db, User user, string reason, TimeProvider time,
        CancellationToken ct, string? keep = null)
    {
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        return await db.EndAllAsync(user.Id, reason, time, ct, keep);
    }

    /// <summary>Marks the user's open sessions ended in the unit of work (all but <paramref name="keep"/>) and returns their ids.</summary>
    /// <remarks>
    /// Once saved, the rows alone end those sessions (a session is good only while its row is open), which is how "sign out
    /// everywhere else" works without a new stamp; to end them all, stamp included, <see cref="EndEverySessionAsync"/>.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> EndAllAsync(this RosterDb db, string userId, string reason, TimeProvider time, CancellationToken ct,
        string? keep = null)
    {
        var now = time.GetUtcNow();
        var open = await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep).ToListAsync(ct);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
        return open.Select(s => s.Id).ToList();
    }

    /// <summary>Ends one session of <paramref name="userId"/> in the unit of work; false when it is not theirs or already over.</summary>
    public static async Task<bool> EndAsync(this RosterDb db, string userId, string sessionId, string reason, TimeProvider time, CancellationToken ct)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
        if (session is null)
        {
            return false;
        }
        session.EndedAt = time.GetUtcNow();
        session.EndReason = reason;
        return true;
    }
}
