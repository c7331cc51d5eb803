using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Security;

public sealed class RateLimitOptions
{
    /// <summary>Requests one account key may make in one window.</summary>
    public int Limit { get; set; } = 5000;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// A fixed window per account key, answering with the X-FeatureRateLimit-* headers the Cloudinary
/// clients read. Note: System.Threading.RateLimiting does not expose, per partition, the permits left
/// or when the window resets, and those are exactly what the headers must say; hence this small counter.
/// On PostgreSQL the count is the database's, one row per key and window (<see cref="RateLimitWindow"/>) raised by an
/// atomic upsert, so every server behind a load balancer counts the same requests; on SQLite (one server) it is this
/// process's.
/// </summary>
public sealed class AccountRateLimiter(RateLimitOptions options, TimeProvider time, DatabaseTarget database, IServiceScopeFactory scopes)
{
    private sealed class Window(long startTicks)
    {
        public readonly long StartTicks = startTicks;
        public int Used;
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _sweptBefore;

    /// <summary>Counts one request of <paramref name="key"/> in the current window: whether it is allowed, what is left, when the window ends.</summary>
    public async Task<(bool Allowed, int Remaining, DateTimeOffset Reset)> TakeAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var windowTicks = options.Window.Ticks;
        var start = now.UtcTicks - (now.UtcTicks % windowTicks);
        int used;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            used = await CountInDatabaseAsync(key, new DateTimeOffset(start, TimeSpan.Zero), ct);
        }
        else
        {
            var window = _windows.AddOrUpdate(key, _ => new Window(start), (_, w) => w.StartTicks == start ? w : new Window(start));
            used = Interlocked.Increment(ref window.Used);
        }
        var reset = new DateTimeOffset(start + windowTicks, TimeSpan.Zero);
        return (used <= options.Limit, Math.Max(0, options.Limit - used), reset);
    }

    private async Task<int> CountInDatabaseAsync(string key, DateTimeOffset start, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var used = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitWindows" ("Key", "WindowStart", "Used") VALUES ({key}, {start}, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Used" = "RateLimitWindows"."Used" + 1
            RETURNING "Used" AS "Value"
            """).ToListAsync(ct)).Single();
        // Note: the windows that ended are deleted by the first request of a new window on each server (a row is 3 values).
        if (Interlocked.Exchange(ref _sweptBefore, start.UtcTicks) < start.UtcTicks)
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "RateLimitWindows" WHERE "WindowStart" < {start}""", ct);
        }
        return used;
    }

    /// <summary>An endpoint filter for the authenticated API groups.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.User.FindFirst(RosterClaims.ApiKey)?.Value;
        if (key is null)
        {
            return await next(context);
        }
        var limiter = http.RequestServices.GetRequiredService<AccountRateLimiter>();
        var (allowed, remaining, reset) = await limiter.TakeAsync(key, http.RequestAborted);
        var retryAfter = Math.Max(1, (int)Math.Ceiling((reset - limiter.Now).TotalSeconds));
        // Written as the response starts, so that 400s rewritten by the exception handler carry them too.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers["X-FeatureRateLimit-Limit"] = limiter.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-FeatureRateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-FeatureRateLimit-Reset"] = reset.ToString("R", CultureInfo.InvariantCulture);
            if (!allowed)
            {
                headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });
        if (!allowed)
        {
            return new RateLimited();
        }
        return await next(context);
    }

    private int Limit => options.Limit;
    private DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>Marks an endpoint as counted by <see cref="AccountRateLimiter"/>, so its OpenAPI entry lists 429.</summary>
public sealed record RateLimitedMetadata;

public static class RateLimiting
{
    /// <summary>Counts the group's requests per account (<see cref="AccountRateLimiter.FilterAsync"/>) and says so in its metadata.</summary>
    public static RouteGroupBuilder WithAccountRateLimit(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(AccountRateLimiter.FilterAsync).WithMetadata(new RateLimitedMetadata());
}

/// <summary>One account key's requests in one window, counted in the database when several servers share it (PostgreSQL).</summary>
public sealed class RateLimitWindow
{
    public required string Key { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public int Used { get; init; }
}
