using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Audit;

namespace Roster.Features.Accounts;

/// <summary>The seats in use at the end of one day (UTC).</summary>
public sealed record SeatDay(DateOnly Day, int Seats);

/// <summary>
/// The seats in use day by day, read back from the audit trail: the count today is the account's <c>LiveUsers</c>, and each
/// day before it is that count with the day's seat changes undone. A user's creation takes a seat and its deletion frees one
/// (the two writers of <c>LiveUsers</c> besides cancelling, after which nobody signs in to look).
/// </summary>
public static class SeatHistory
{
    /// <summary>The audit action that takes a seat; <see cref="Frees"/> frees one.</summary>
    public const AuditAction Takes = AuditAction.UserCreate;
    public const AuditAction Frees = AuditAction.UserDelete;

    /// <summary>The last <paramref name="days"/> days, oldest first, today last; one query over those days' seat changes.</summary>
    public static async Task<IReadOnlyList<SeatDay>> RunAsync(string accountId, int days, RosterDb db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var since = new DateTimeOffset(today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var current = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.LiveUsers).FirstAsync(ct);
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.OccurredAt >= since && (e.Action == Takes || e.Action == Frees))
            .Select(e => new { e.OccurredAt, e.Action })
            .ToListAsync(ct);
        var net = new int[days];
        foreach (var change in changes)
        {
            var index = DateOnly.FromDateTime(change.OccurredAt.UtcDateTime).DayNumber - today.AddDays(1 - days).DayNumber;
            if (index is >= 0 and var i && i < days)
            {
                net[i] += change.Action == Takes ? 1 : -1;
            }
        }
        var series = new SeatDay[days];
        var seats = current;
        for (var i = days - 1; i >= 0; i--)
        {
            series[i] = new SeatDay(today.AddDays(i - days + 1), Math.Max(0, seats));
            seats -= net[i];
        }
        return series;
    }
}
