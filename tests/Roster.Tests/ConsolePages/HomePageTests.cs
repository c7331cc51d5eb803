using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Roster.ConsolePages;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// The console's home through a browser without JavaScript: its figures are the API's figures, a user sees only the figures
/// their roles allow, and recent changes name their actors as everywhere else (Inactive for a deleted one).
/// </summary>
public sealed class HomePageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Counts_MatchTheApi_AfterCreatingAndDeletingUsers()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var (_, activeEmail) = await fixture.ActiveUserAsync(account);
        await account.CreateUserAsync();
        var doomed = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{doomed}")).Ok();
        await account.CreateProductEnvironmentAsync();
        await account.CreateGroupAsync();
        await account.CreateGroupAsync();
        var browser = await fixture.SignedInBrowserAsync(account.RootEmail);

        var home = await browser.GetAsync("/console");
        var api = await account.GetAccountAsync();

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Welcome, Root User", home.Html, StringComparison.Ordinal);
        Assert.NotNull(home.Text("account-name"));
        Assert.Equal("2", home.Text("users-active"));
        Assert.Equal("1", home.Text("users-pending"));
        Assert.Equal("1", home.Text("users-inactive"));
        Assert.Equal("1", home.Text("pending-invitations"));
        Assert.Equal(api.GetProperty("users").GetInt32().ToString(CultureInfo.InvariantCulture), home.Text("seats"));
        Assert.Equal("3", home.Text("seats"));
        Assert.Equal(api.GetProperty("user_limit").GetInt32().ToString(CultureInfo.InvariantCulture), home.Text("seat-limit"));
        Assert.Equal("1", home.Text("product-environments"));
        Assert.Equal("2", home.Text("groups"));
        Assert.Contains("href=\"/console/users\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/audit-log\"", home.Html, StringComparison.Ordinal);
        Assert.NotNull(activeEmail);
    }

    [Fact]
    public async Task RecentChanges_TheLastTenNewestFirst_ADeletedActorLabelledInactive()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        for (var i = 0; i < 4; i++)
        {
            await account.CreateUserAsync();
        }
        var (adminId, adminEmail) = await CreateActiveAsync(account, "admin");
        await fixture.SignedInBrowserAsync(adminEmail);
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{adminId}")).Ok();
        var root = await fixture.SignedInBrowserAsync(account.RootEmail);

        var home = await root.GetAsync("/console");
        var rows = home.All("(?s)<tr data-testid=\"recent-change\">(.*?)</tr>");
        var newest = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?limit=10")).Ok().GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()!).ToList();

        Assert.Equal(10, rows.Count);
        Assert.Equal(newest, rows.Select(r => Regex.Match(r, "<code>([^<]+)</code>").Groups[1].Value).ToList());
        // Each change is named in the audit log's words: the action's name, then its wire name.
        Assert.Equal(newest.Select(wire => $"{AuditLogText.Actions.Single(a => a.Wire == wire).Name} {wire}"), rows.Select(r => Cell(r, "recent-action")));
        var adminSignIn = rows.First(r => r.Contains("user.sign_in<", StringComparison.Ordinal) && r.Contains("inactive-label", StringComparison.Ordinal));
        Assert.EndsWith("Inactive", Cell(adminSignIn, "recent-actor"), StringComparison.Ordinal);
        var deletion = rows.Single(r => r.Contains("user.delete<", StringComparison.Ordinal));
        Assert.Equal("Account key", Cell(deletion, "recent-actor"));
        Assert.StartsWith("User User ", Cell(deletion, "recent-target"), StringComparison.Ordinal);
        Assert.EndsWith("Inactive", Cell(deletion, "recent-target"), StringComparison.Ordinal);
        Assert.DoesNotContain(adminId, Cell(deletion, "recent-target"), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain("_", Cell(r, "recent-target").Split(' ')[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecentChanges_NameTheTargetKindAndTheActorKindInWords()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var environmentId = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var root = await fixture.SignedInBrowserAsync(account.RootEmail);
        await account.CreateGroupAsync();

        var rows = (await root.GetAsync("/console")).All("(?s)<tr data-testid=\"recent-change\">(.*?)</tr>");

        var group = rows.First(r => r.Contains("user_group.create<", StringComparison.Ordinal));
        Assert.StartsWith("Group created", Cell(group, "recent-action"), StringComparison.Ordinal);
        Assert.StartsWith("Group ", Cell(group, "recent-target"), StringComparison.Ordinal);
        Assert.Equal("Account key", Cell(group, "recent-actor"));
        var environment = rows.First(r => r.Contains("product_environment.create<", StringComparison.Ordinal));
        Assert.Equal($"Product environment {environmentId}", Cell(environment, "recent-target"));
        var signIn = rows.First(r => r.Contains("user.sign_in<", StringComparison.Ordinal));
        Assert.StartsWith("Root User", Cell(signIn, "recent-actor"), StringComparison.Ordinal);
        Assert.EndsWith("Root", Cell(signIn, "recent-actor"), StringComparison.Ordinal);
    }

    private static string Cell(string row, string testId) => new FormPage(HttpStatusCode.OK, "", row, new HttpResponseMessage()).Text(testId) ?? "";

    [Fact]
    public async Task AUserWithoutTheRoles_SeesTheWelcome_ButNoFiguresTheyMayNotSee()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var (_, email) = await CreateActiveAsync(account, "media_library_user");
        var browser = await fixture.SignedInBrowserAsync(email);

        var home = await browser.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.NotNull(home.Text("account-name"));
        Assert.Contains("Welcome,", home.Html, StringComparison.Ordinal);
        Assert.Null(home.Text("users-card"));
        Assert.Null(home.Text("seats-card"));
        Assert.Null(home.Text("seat-chart"));
        Assert.Null(home.Text("groups-card"));
        Assert.Null(home.Text("product-environments-card"));
        Assert.Null(home.Text("recent-changes"));
    }

    [Theory]
    [InlineData("POST", "/console?handler=nosuch")]
    [InlineData("POST", "/console")]
    [InlineData("GET", "/console?handler=%ff%00&page=-1")]
    public async Task HostileRequests_NeverFail(string method, string path)
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var browser = await fixture.SignedInBrowserAsync(account.RootEmail);
        await browser.GetAsync("/console");

        var answer = method == "GET" ? await browser.GetAsync(path) : await browser.PostAsync(path, new Dictionary<string, string> { ["x"] = new string('x', 50_000) });

        Assert.True((int)answer.Status < 500, $"{answer.Status}: {answer.Html}");
    }

    private async Task<(string Id, string Email)> CreateActiveAsync(TestAccount account, string role)
    {
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email, role)).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        return (id, email);
    }
}

/// <summary>The home page's seat chart on a fake clock: its series is the seats in use at the end of each of the last 90 days.</summary>
public sealed class HomePageChartTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    [Fact]
    public async Task SeatChart_FollowsCreatesAndDeletes_DayByDay()
    {
        var start = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        await account.CreateUserAsync();
        var doomed = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        fixture.Clock.Advance(TimeSpan.FromDays(5));
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{doomed}")).Ok();
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var browser = await fixture.SignedInBrowserAsync(account.RootEmail);

        var home = await browser.GetAsync("/console");
        var table = Regex.Match(home.Html, "(?s)data-testid=\"seat-series\">(.*?)</table>").Groups[1].Value;
        var series = Regex.Matches(table, "<td data-label=\"Day\">([0-9-]+)</td><td data-label=\"Seats\">(\\d+)</td>")
            .ToDictionary(m => DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        var today = start.AddDays(18);
        Assert.Equal(90, series.Count);
        Assert.Equal(today, series.Keys.Max());
        Assert.Equal(today.AddDays(-89), series.Keys.Min());
        foreach (var (day, seats) in series)
        {
            var expected = day < start ? 0 : day < start.AddDays(10) ? 1 : day < start.AddDays(15) ? 3 : 2;
            Assert.True(expected == seats, $"{day}: expected {expected} seats, the chart says {seats}");
        }
        Assert.Equal((await account.GetAccountAsync()).GetProperty("users").GetInt32(), series[today]);
        Assert.StartsWith("From 0 to 2 seats in 90 days", home.Text("chart-summary"), StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title\">", home.Html, StringComparison.Ordinal);
        Assert.Matches("<polyline class=\"series\" points=\"[0-9., ]+\"", home.Html);
    }
}
