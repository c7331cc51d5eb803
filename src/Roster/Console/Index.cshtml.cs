using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Users;

namespace Roster.ConsolePages;

/// <summary>One line of the home page's recent changes: what happened, to what, by whom.</summary>
public sealed record RecentChange(DateTimeOffset At, string Action, string Target, UserLabel? Actor, string ActorText);

/// <summary>
/// The console's home, where a person lands after signing in: the account at a glance, each figure shown only to those whose
/// roles let them see it, each card linking to its page when they may open it. Every figure is a count over an index (users
/// by status in one grouped query), never a load of rows; the seat chart is read back from the audit trail (<see cref="SeatHistory"/>).
/// </summary>
public sealed class HomeModel(RosterDb db, IOptions<PlanOptions> plans, TimeProvider time) : ConsolePage
{
    public const int ChartDays = 90;
    public const int RecentCount = 10;

    public bool ShowsUsers { get; private set; }

    public bool ShowsSeats { get; private set; }

    public IReadOnlyDictionary<UserStatus, int> UsersByStatus { get; private set; } = new Dictionary<UserStatus, int>();

    public int Seats { get; private set; }

    public int UserLimit { get; private set; }

    public int? ProductEnvironments { get; private set; }

    public int? Groups { get; private set; }

    public IReadOnlyList<RecentChange>? Recent { get; private set; }

    public IReadOnlyList<SeatDay> SeatSeries { get; private set; } = [];

    public int Count(UserStatus status) => UsersByStatus.GetValueOrDefault(status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        ShowsUsers = May(CloudinaryFeatures.UsersView);
        ShowsSeats = ShowsUsers || May(CloudinaryFeatures.AccountView);
        if (ShowsUsers)
        {
            UsersByStatus = (await db.Users.Where(u => u.AccountId == accountId).GroupBy(u => u.Status)
                    .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .ToDictionary(g => g.Key, g => g.Count);
        }
        if (ShowsSeats)
        {
            var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
            Seats = account.LiveUsers;
            UserLimit = account.UserLimit(plans.Value);
            SeatSeries = await SeatHistory.RunAsync(accountId, ChartDays, db, time, ct);
        }
        if (May(CloudinaryFeatures.ProductEnvironmentsView))
        {
            ProductEnvironments = await db.ProductEnvironments.CountAsync(p => p.AccountId == accountId, ct);
        }
        if (May(CloudinaryFeatures.GroupsView))
        {
            Groups = await db.UserGroups.CountAsync(g => g.AccountId == accountId, ct);
        }
        if (May(CloudinaryFeatures.AuditLogView))
        {
            Recent = await RecentAsync(accountId, ct);
        }
    }

    private async Task<IReadOnlyList<RecentChange>> RecentAsync(string accountId, CancellationToken ct)
    {
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId)
            .OrderByDescending(e => e.Id).Take(RecentCount)
            .Select(e => new { e.OccurredAt, e.Action, e.TargetType, e.TargetId, e.ActorType, e.ActorId })
            .ToListAsync(ct);
        var ids = events.Where(e => e.ActorId is not null).Select(e => e.ActorId!).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.Email, u.IsRoot, u.Status })
            .ToDictionaryAsync(u => u.Id, u => new UserLabel(u.Name, u.Email, u.IsRoot, u.Status == UserStatus.Inactive), ct);
        return events.Select(e => new RecentChange(e.OccurredAt, e.Action.Wire(), e.TargetId is null ? e.TargetType : $"{e.TargetType} {e.TargetId}",
                e.ActorId is { } id ? actors.GetValueOrDefault(id) : null, e.ActorType.Wire()))
            .ToList();
    }

    /// <summary>The chart's drawing area, in the SVG's own units.</summary>
    public const int ChartWidth = 640, ChartHeight = 180, ChartLeft = 40, ChartBottom = 150, ChartTop = 12;

    /// <summary>The top of the chart's scale: the highest value, at least 1.</summary>
    public int ChartMax => Math.Max(1, SeatSeries.Count == 0 ? 1 : SeatSeries.Max(d => d.Seats));

    /// <summary>The series as the points of an SVG polyline.</summary>
    public string ChartPoints()
    {
        var text = new StringBuilder();
        for (var i = 0; i < SeatSeries.Count; i++)
        {
            var (x, y) = ChartPoint(i);
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " ")}{x:0.#},{y:0.#}");
        }
        return text.ToString();
    }

    public (double X, double Y) ChartPoint(int i)
    {
        var span = ChartWidth - ChartLeft - 8;
        var x = ChartLeft + (SeatSeries.Count <= 1 ? 0 : span * i / (double)(SeatSeries.Count - 1));
        var y = ChartBottom - (ChartBottom - ChartTop) * SeatSeries[i].Seats / (double)ChartMax;
        return (x, y);
    }

    /// <summary>The chart in one sentence, its text alternative.</summary>
    public string ChartSummary() => SeatSeries.Count == 0
        ? "No seat history."
        : $"From {SeatSeries[0].Seats} to {SeatSeries[^1].Seats} seats in {SeatSeries.Count} days, at most {SeatSeries.Max(d => d.Seats)}; the limit is {UserLimit}.";

    /// <summary>An actor that is no user (the account key, the system), as a sentence starts it.</summary>
    public static string ActorName(string wire) => wire.Length == 0 ? wire : char.ToUpperInvariant(wire[0]) + wire[1..].Replace('_', ' ');

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
