using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Microsoft.AspNetCore.Identity;
using Roster.Features.Outbox;
using Roster.Features.Users;
using Roster.Security;
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
    public async Task AccountsCreate_OnFreshSqliteFile_PrintsExactlyOneJsonObject_TheSevenKeysThenTheRootInvitationUrl(string plan)
    {
        var database = Path.Combine(_directory, $"cli-{plan}.db");
        var email = Unique.Email("cli");

        var (exit, stdout, stderr) = await RunAsync("accounts", "create", "--name", "Cli Co", "--root-email", email, "--plan", plan, "--database", database);

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["account_id", "name", "plan", "root_user_id", "provisioning_api_key", "provisioning_api_secret", "account_url", "root_invitation_url"], keys);
        var root = json.RootElement;
        Assert.Equal(plan, root.GetProperty("plan").GetString());
        Assert.Equal("Cli Co", root.GetProperty("name").GetString());
        Assert.Equal(
            $"account://{root.GetProperty("provisioning_api_key").GetString()}:{root.GetProperty("provisioning_api_secret").GetString()}@{root.GetProperty("account_id").GetString()}",
            root.GetProperty("account_url").GetString());
        Assert.StartsWith("http://127.0.0.1:5080/console/invitation?token=", root.GetProperty("root_invitation_url").GetString());
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Users WHERE EmailNormalized = $e AND IsRoot";
        command.Parameters.AddWithValue("$e", email);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("--public-url", "https://roster.example.com/")]
    [InlineData("Roster__PublicUrl", "https://roster.example.com")]
    public async Task AccountsCreate_RootInvitationUrl_UnderThePublicUrl_AndItsTokenAcceptsTheInvitation(string how, string publicUrl)
    {
        var database = Path.Combine(_directory, $"invited-{how.Trim('-')}.db");
        string[] args = ["accounts", "create", "--name", "Invited", "--root-email", Unique.Email("cli"), "--database", database];
        var (exit, stdout, stderr) = how.StartsWith("--", StringComparison.Ordinal)
            ? await RosterProcess.RunAsync([.. args, how, publicUrl])
            : await RosterProcess.RunAsync(args, environment: new Dictionary<string, string> { [how] = publicUrl });
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var url = json.RootElement.GetProperty("root_invitation_url").GetString()!;
        const string Prefix = "https://roster.example.com/console/invitation?token=";
        Assert.StartsWith(Prefix, url);
        var token = Uri.UnescapeDataString(url[Prefix.Length..]);

        var target = DatabaseTarget.Parse(database);
        var services = new ServiceCollection();
        services.AddRosterDb(target);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var accepted = await RedeemToken.RunAsync(TokenPurpose.Invitation, new Redemption(token, Scenarios.Password), db,
            new PasswordHasher<User>(), Actor.System, TimeProvider.System, CancellationToken.None);

        Assert.True(accepted.Succeeded, accepted.Error?.Message);
        var rootId = json.RootElement.GetProperty("root_user_id").GetString();
        Assert.Equal(UserStatus.Active, await db.Users.Where(u => u.Id == rootId).Select(u => u.Status).SingleAsync());
        var expiresAt = await db.UserTokens.Where(t => t.UserId == rootId).Select(t => t.ExpiresAt).SingleAsync();
        var createdAt = await db.UserTokens.Where(t => t.UserId == rootId).Select(t => t.CreatedAt).SingleAsync();
        Assert.Equal(TimeSpan.FromDays(5), expiresAt - createdAt);
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
