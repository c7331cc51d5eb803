using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Features.Users;

namespace Roster.ConsolePages;

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

    /// <summary>The newest events, read as the audit log reads them; null for those whose roles do not show the log.</summary>
    public AuditEventPage? Recent { get; private set; }

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
            Recent = await ListAuditEvents.RunAsync(accountId, new AuditEventFilter(), RecentCount, db, ct);
        }
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

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
