using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Cli;

public sealed class CliTests(RosterFixture fixture) : IClassFixture<RosterFixture>, IDisposable
{
    private const string FutureMigration = "29990101000000_FromTheFuture";
    private readonly string _directory = Directory.CreateTempSubdirectory("roster-cli-").FullName;

    private static Task<ProcessRun> RunAsync(params string[] args) => RosterProcess.RunAsync(args);

    [Theory]
    [InlineData("enterprise")]
    [InlineData("free")]
    public async Task AccountsCreate_OnFreshSqliteFile_PrintsExactlyOneJsonObjectWithSevenKeys(string plan)
    {
        var database = Path.Combine(_directory, $"cli-{plan}.db");
        var email = Unique.Email("cli");

        var (exit, stdout, stderr) = await RunAsync("accounts", "create", "--name", "Cli Co", "--root-email", email, "--plan", plan, "--database", database);

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["account_id", "account_url", "name", "plan", "provisioning_api_key", "provisioning_api_secret", "root_user_id"], keys);
        var root = json.RootElement;
        Assert.Equal(plan, root.GetProperty("plan").GetString());
        Assert.Equal("Cli Co", root.GetProperty("name").GetString());
        Assert.Equal(
            $"account://{root.GetProperty("provisioning_api_key").GetString()}:{root.GetProperty("provisioning_api_secret").GetString()}@{root.GetProperty("account_id").GetString()}",
            root.GetProperty("account_url").GetString());
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Users WHERE EmailNormalized = $e AND IsRoot";
        command.Parameters.AddWithValue("$e", email);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task AccountsCreate_RootInvitation_IsProtectedWithTheKeyRingServeReads()
    {
        var database = Path.Combine(_directory, "invitation.db");
        var (exit, stdout, stderr) = await RunAsync("accounts", "create", "--name", "Invited", "--root-email", Unique.Email("cli"), "--database", database);
        Assert.True(exit == 0, stderr);
        var rootUserId = JsonDocument.Parse(stdout).RootElement.GetProperty("root_user_id").GetString()!;

        // The key ring serve uses for this database: the folder beside it, found the same way.
        var target = DatabaseTarget.Parse(database);
        var services = new ServiceCollection();
        services.AddRosterDb(target);
        services.AddKeyRing(new ConfigurationBuilder().Build(), target);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<RosterDb>().OutboxMessages.AsNoTracking().SingleAsync();

        Assert.DoesNotContain(rootUserId, stored.Payload, StringComparison.Ordinal);
        using var payload = JsonDocument.Parse(scope.ServiceProvider.GetRequiredService<OutboxPayloads>().Unprotect(stored.Payload));
        Assert.Equal(rootUserId, payload.RootElement.GetProperty("user_id").GetString());
        Assert.False(string.IsNullOrEmpty(payload.RootElement.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task AccountsCreate_TakenRootEmailOrBadValues_NonZeroExitAndNoStdout()
    {
        var database = Path.Combine(_directory, "taken.db");
        var email = Unique.Email("cli");
        Assert.Equal(0, (await RunAsync("accounts", "create", "--name", "First", "--root-email", email, "--database", database)).ExitCode);

        var taken = await RunAsync("accounts", "create", "--name", "Second", "--root-email", email.ToUpperInvariant(), "--database", database);
        var seats = await RunAsync("accounts", "create", "--name", "Third", "--root-email", Unique.Email(), "--plan", "free", "--seats", "4", "--database", database);
        var badEmail = await RunAsync("accounts", "create", "--name", "Fourth", "--root-email", "nope", "--database", database);

        foreach (var (exit, stdout, stderr) in new[] { taken, seats, badEmail })
        {
            Assert.NotEqual(0, exit);
            Assert.Equal("", stdout.Trim());
            Assert.Contains("Cannot create the account", stderr);
        }
        Assert.Contains("Has already been taken", taken.Stderr);
    }

    [Theory]
    [InlineData("accounts")]
    [InlineData("serve")]
    public async Task Cli_DatabaseWithAMigrationThisBuildDoesNotKnow_RefusesWithClearMessage(string verb)
    {
        var database = Path.Combine(_directory, $"future-{verb}.db");
        Assert.Equal(0, (await RunAsync("accounts", "create", "--name", "Now", "--root-email", Unique.Email(), "--database", database)).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{FutureMigration}', '99.0.0')";
            await insert.ExecuteNonQueryAsync();
        }

        var (exit, stdout, stderr) = verb == "serve"
            ? await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--database", database)
            : await RunAsync("accounts", "create", "--name", "Later", "--root-email", Unique.Email(), "--database", database);

        Assert.NotEqual(0, exit);
        Assert.Contains("newer version of Roster", stderr);
        Assert.Contains(FutureMigration, stderr);
        Assert.DoesNotContain("account_id", stdout);
    }

    [Fact]
    public async Task Migrate_DatabaseWithAMigrationThisBuildDoesNotKnow_ThrowsOnThisEngineToo()
    {
        var target = await fixture.CreateDatabaseAsync();
        await using var provider = DatabaseOnly(target);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        await DatabaseMigrator.MigrateAsync(db, target, CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('{FutureMigration}', '99.0.0')");

        var error = await Assert.ThrowsAsync<DatabaseTooNewException>(() => DatabaseMigrator.MigrateAsync(db, target, CancellationToken.None));

        Assert.Contains(FutureMigration, error.Message);
        Assert.Contains("Refusing to start", error.Message);
    }

    [Fact]
    public async Task Migrate_AlreadyMigrated_IsANoOp()
    {
        var target = await fixture.CreateDatabaseAsync();
        await using var provider = DatabaseOnly(target);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();

        await DatabaseMigrator.MigrateAsync(db, target, CancellationToken.None);
        await DatabaseMigrator.MigrateAsync(db, target, CancellationToken.None);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
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

    /// <summary>The database services alone, as the CLI builds them: no web host.</summary>
    private static ServiceProvider DatabaseOnly(DatabaseTarget target)
    {
        var services = new ServiceCollection();
        services.AddRosterDb(target);
        return services.BuildServiceProvider();
    }
}
