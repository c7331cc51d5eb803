using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;

namespace Roster.Tests.Cli;

/// <summary><c>accounts create --permission-system</c> and <c>accounts migrate-permissions</c>, run as the real process.</summary>
public sealed class PermissionsCliTests(RosterFixture fixture) : IClassFixture<RosterFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roster-cli-permissions-").FullName;

    private static Task<ProcessRun> RunAsync(params string[] args) => RosterProcess.RunAsync(args);

    /// <summary>The fixture's own database as <c>--database</c> takes it: a SQLite file path or a PostgreSQL connection string.</summary>
    private string FixtureDatabase => fixture.Target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(fixture.Target.ConnectionString).DataSource
        : fixture.Target.ConnectionString;

    private static async Task<string> PermissionSystemInFileAsync(string database, string accountId)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PermissionSystem FROM Accounts WHERE Id = $id";
        command.Parameters.AddWithValue("$id", accountId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData(null, "roles")]
    [InlineData("roles", "roles")]
    [InlineData("legacy", "legacy")]
    public async Task AccountsCreate_PermissionSystem_StoredOnTheAccount(string? option, string expected)
    {
        var database = Path.Combine(_directory, $"create-{option ?? "default"}.db");
        string[] args = ["accounts", "create", "--name", "Legacy Co", "--root-email", Unique.Email("cli"), "--database", database];

        var (exit, stdout, stderr) = await RunAsync(option is null ? args : [.. args, "--permission-system", option]);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(expected, await PermissionSystemInFileAsync(database, json.RootElement.GetProperty("account_id").GetString()!));
    }

    [Fact]
    public async Task AccountsCreate_UnknownPermissionSystem_NonZeroExitAndNoAccount()
    {
        var database = Path.Combine(_directory, "bad-system.db");

        var (exit, stdout, stderr) = await RunAsync("accounts", "create", "--name", "X", "--root-email", Unique.Email("cli"),
            "--permission-system", "acl", "--database", database);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("account_id", stdout);
        Assert.Contains("acl", stderr);
    }

    [Fact]
    public async Task MigratePermissions_DryRunThenRunThenAgain_PlanMatchesHttpChangesOnlyOnceAndSecondRunRefused()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var admin = await account.CreateUserIdAsync("admin", pe.Id);
        var viewer = await account.CreateUserIdAsync("media_library_user", pe.Id);
        (await fixture.ShareFolderAsync(pe, "f", "user", viewer, [SystemRoleIds.FolderViewer])).Ok();
        var httpPlan = (await account.Client.PostJsonAsync($"{account.V2()}/migration", new { dry_run = true })).Data();
        var state = await fixture.PermissionStateAsync(account.Id);

        var dry = await RunAsync("accounts", "migrate-permissions", account.Id, "--dry-run", "--database", FixtureDatabase);

        Assert.True(dry.ExitCode == 0, dry.Stderr);
        var printed = JsonNode.Parse(Assert.Single(dry.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(httpPlan.GetRawText()), printed), $"CLI: {printed}\nHTTP: {httpPlan}");
        Assert.Equal(state, await fixture.PermissionStateAsync(account.Id));
        Assert.Single(await fixture.AssignmentsAsync(account.Id));

        var run = await RunAsync("accounts", "migrate-permissions", account.Id, "--database", FixtureDatabase);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.False(JsonNode.Parse(run.Stdout)!["dry_run"]!.GetValue<bool>());
        Assert.Equal(PermissionSystem.Roles, (await fixture.PermissionStateAsync(account.Id)).System);
        Assert.Contains((admin, "cld::role::account::admin", (string?)null), await fixture.AssignmentsAsync(account.Id));
        var written = await fixture.AssignmentsAsync(account.Id);

        var again = await RunAsync("accounts", "migrate-permissions", account.Id, "--database", FixtureDatabase);

        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal("", again.Stdout.Trim());
        Assert.Contains("one-way", again.Stderr);
        Assert.Equal(written, await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task MigratePermissions_UnknownAccount_NonZeroExitSayingSo()
    {
        var (exit, stdout, stderr) = await RunAsync("accounts", "migrate-permissions", "no-such-account", "--dry-run", "--database", FixtureDatabase);

        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("no-such-account", stderr);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }
}
