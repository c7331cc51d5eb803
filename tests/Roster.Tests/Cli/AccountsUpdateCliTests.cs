using System.Text.Json;
using Microsoft.Data.Sqlite;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;
using Roster.Tests.Profile;

namespace Roster.Tests.Cli;

/// <summary><c>accounts update ACCOUNT_ID --seats N | --plan PLAN</c>, the operator's way to change a user limit, run as the real process.</summary>
public sealed class AccountsUpdateCliTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    /// <summary>The fixture's own database as <c>--database</c> takes it: a SQLite file path or a PostgreSQL connection string.</summary>
    private string FixtureDatabase => fixture.Target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(fixture.Target.ConnectionString).DataSource
        : fixture.Target.ConnectionString;

    private Task<ProcessRun> UpdateAsync(params string[] args) => RosterProcess.RunAsync(["accounts", "update", .. args, "--database", FixtureDatabase]);

    private static JsonElement Printed(ProcessRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(Assert.Single(run.StdoutLines));
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Seats_OnAnEnterpriseAccount_RaiseTheLimit_PrintTheAccount_AndAreAuditedAsTheSystem()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 5);

        var printed = Printed(await UpdateAsync(account.Id, "--seats", "50"));

        Assert.Equal((account.Id, "enterprise", 50, 50, 1),
            (printed.GetProperty("id").GetString(), printed.GetProperty("plan").GetString(), printed.GetProperty("user_limit").GetInt32(),
                printed.GetProperty("seats").GetInt32(), printed.GetProperty("users").GetInt32()));
        Assert.Equal(50, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
        var audit = Assert.Single(await account.AuditAsync("account.plan_change"));
        Assert.Equal("system", audit.GetProperty("actor_type").GetString());
        Assert.Equal(5, audit.GetProperty("before").GetProperty("seats").GetInt32());
        Assert.Equal(50, audit.GetProperty("after").GetProperty("seats").GetInt32());
    }

    [Fact]
    public async Task Plan_FromPlusWithSubscriptionsToEnterpriseAndBack_TheLimitFollowsThePlan()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 2 })).Ok();

        var enterprise = Printed(await UpdateAsync(account.Id, "--plan", "enterprise", "--seats", "12"));
        var advanced = Printed(await UpdateAsync(account.Id, "--plan", "advanced"));

        Assert.Equal(("enterprise", 12, 0), (enterprise.GetProperty("plan").GetString(), enterprise.GetProperty("user_limit").GetInt32(),
            enterprise.GetProperty("additional_user_subscriptions").GetInt32()));
        Assert.Equal(("advanced", 5, JsonValueKind.Null), (advanced.GetProperty("plan").GetString(), advanced.GetProperty("user_limit").GetInt32(),
            advanced.GetProperty("seats").ValueKind));
        Assert.Equal(2, (await account.AuditAsync("account.plan_change")).Count);
    }

    [Fact]
    public async Task LoweringBelowTheUsersCounted_IsAllowedWithAWarning_AndThenNoUserCanBeAdded()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 5);
        await account.CreateUserAsync();
        await account.CreateUserAsync();

        var run = await UpdateAsync(account.Id, "--seats", "1");
        var refused = await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "One more", email = Unique.Email() });

        Assert.Equal(1, Printed(run).GetProperty("user_limit").GetInt32());
        Assert.Contains("more than its new limit of 1", run.Stderr);
        Assert.Equal(403, refused.Code);
        Assert.Equal(3, (await account.GetAccountAsync()).GetProperty("users").GetInt32());
    }

    [Theory]
    [InlineData("plus", new[] { "--seats", "10" }, "Seats are set only on enterprise and custom plans")]
    [InlineData("enterprise", new[] { "--seats", "0" }, "Seats must be between 1 and 1000000")]
    [InlineData("enterprise", new string[0], "Give a plan, seats, or both")]
    [InlineData("enterprise", new[] { "--plan", "platinum" }, "platinum")]
    public async Task UnusableChanges_ExitNonZero_SayWhy_AndChangeNothing(string plan, string[] args, string reason)
    {
        Plans.TryParse(plan, out var chosen);
        var account = await fixture.CreateAccountAsync(chosen, chosen.IsContract() ? 7 : null);
        var before = (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32();

        var run = await UpdateAsync([account.Id, .. args]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("user_limit", run.Stdout);
        Assert.Contains(reason, run.Stderr);
        Assert.Equal(before, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
        Assert.Empty(await account.AuditAsync("account.plan_change"));
    }

    [Fact]
    public async Task AnUnknownAccount_ExitsNonZero()
    {
        var run = await UpdateAsync("no-such-account", "--seats", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot find account with id no-such-account", run.Stderr);
    }
}
