using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roster.Data;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Cli;

/// <summary>
/// Several <c>roster serve</c> processes on one database, each in a working directory of its own as on machines of
/// their own: on PostgreSQL they share the key ring through the database; on SQLite through the folder beside the file.
/// </summary>
public sealed class ManyServersServeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roster-many-").FullName;

    [Fact]
    public async Task TwoServers_WithCertificate_ASecretProtectedByOneIsReadByTheOther_KeysEncryptedWhereTheyLive()
    {
        var target = await RosterFixture.FreshDatabaseAsync(_directory);
        var certificate = TestCertificates.Write(_directory, "keys.pfx", "Roster shared keys", "pfx-password");
        var environment = new Dictionary<string, string>
        {
            ["Roster__DataProtection__Certificate"] = certificate,
            ["Roster__DataProtection__CertificatePassword"] = "pfx-password",
            ["Roster__Logging__Format"] = "plain",
        };
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", ServeProcess.DatabaseArgument(target)];
        var keysFolder = Path.Combine(_directory, "keys");
        var where = target.Provider == DatabaseProvider.Postgres ? $"the DataProtectionKeys table of the database ({target.Description})" : keysFolder;

        await using var first = RosterProcess.Start(serve, environment, Machine("one"));
        var firstUrl = await ServeProcess.ListeningUrlAsync(first);
        var demo = DemoBanner.Read(first.StdoutLines);
        await first.WaitForLineAsync(l => l.EndsWith($"Data Protection keys: {where}, encrypted with the certificate CN=Roster shared keys "
            + $"({System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, "pfx-password").Thumbprint})",
            StringComparison.Ordinal));
        using var onFirst = ServeProcess.Client(firstUrl, demo);
        var created = (await onFirst.PostJsonAsync($"/v1_1/provisioning/accounts/{demo.AccountId}/sub_accounts", new { name = "Shared" })).Ok();
        var secret = created.GetProperty("api_access_keys")[0].GetProperty("secret").GetString()!;

        await using var second = RosterProcess.Start(serve, environment, Machine("two"));
        using var onSecond = ServeProcess.Client(await ServeProcess.ListeningUrlAsync(second), demo);
        var read = (await onSecond.GetJsonAsync($"/v1_1/provisioning/accounts/{demo.AccountId}/sub_accounts/{created.GetProperty("id").GetString()}")).Ok();

        Assert.Equal(secret, read.GetProperty("api_access_keys")[0].GetProperty("secret").GetString());
        Assert.False(DemoBanner.IsIn(second.StdoutLines), second.ToString());
        var stored = target.Provider == DatabaseProvider.Postgres
            ? await KeyRowsAsync(target)
            : [.. Directory.GetFiles(keysFolder, "*.xml").Select(File.ReadAllText)];
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("<EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
        Assert.False(Directory.Exists(Path.Combine(Machine("one"), "data", "keys")));
        Assert.False(Directory.Exists(Path.Combine(Machine("two"), "data", "keys")));
    }

    [Fact]
    public async Task TwoServersStartingTogether_OnADatabaseNotYetCreated_BothComeUp_MigrationsAppliedOnce_OneDemoAccount()
    {
        var target = RosterFixture.UnusedDatabase(_directory);
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", ServeProcess.DatabaseArgument(target)];
        var plain = new Dictionary<string, string> { ["Roster__Logging__Format"] = "plain" };

        await using var one = RosterProcess.Start(serve, plain, Machine("one"));
        await using var two = RosterProcess.Start(serve, plain, Machine("two"));
        var urls = new[] { await ServeProcess.ListeningUrlAsync(one, 120), await ServeProcess.ListeningUrlAsync(two, 120) };

        var migrations = MigrationsOf(target);
        var servers = new[] { one, two };
        var migrated = servers.Where(s => s.StdoutLines.Any(l => l.Contains($"Applied {migrations.Count} migrations to {target.Description}: ",
            StringComparison.Ordinal))).ToList();
        Assert.True(migrated.Count == 1, string.Join("\n----\n", servers.Select(s => s.ToString())));
        Assert.All(servers, s => Assert.DoesNotContain(s.StdoutLines, l => l.Contains("Applied ", StringComparison.Ordinal) && s != migrated[0]));
        Assert.Single(servers, s => DemoBanner.IsIn(s.StdoutLines));
        Assert.All(servers, s =>
        {
            Assert.DoesNotContain(s.StdoutLines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
            Assert.Equal("", s.Stderr);
        });
        Assert.Equal(migrations, await QueryAsync(target, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", r => r.GetString(0)));
        Assert.Equal([1L], await QueryAsync(target, "SELECT COUNT(*) FROM \"Accounts\"", r => r.GetInt64(0)));
        foreach (var url in urls)
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(200, (await client.GetJsonAsync("/healthz")).Code);
        }
    }

    [Fact]
    public async Task Migrate_ThenServeWithoutMigrating_TheSchemaChangesOnlyThroughMigrate()
    {
        var target = RosterFixture.UnusedDatabase(_directory);
        var database = ServeProcess.DatabaseArgument(target);
        var noMigrations = new Dictionary<string, string> { ["Roster__Database__Migrate"] = "false", ["Roster__Logging__Format"] = "plain" };
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", database];
        if (target.Provider == DatabaseProvider.Postgres)
        {
            await RosterFixture.CreateEmptyPostgresDatabaseAsync(target);
        }

        var refused = await RosterProcess.RunAsync(serve, Machine("early"), noMigrations);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"The database ({target.Description}) lacks {MigrationsOf(target).Count} migration(s)", refused.Stderr);
        Assert.Contains("Roster__Database__Migrate is false: run `roster migrate` first.", refused.Stderr);
        Assert.DoesNotContain("Unhandled", refused.Stderr + refused.Stdout);

        var migrated = await RosterProcess.RunAsync(["migrate", "--database", database]);
        var again = await RosterProcess.RunAsync(["migrate", "--database", database]);

        Assert.Equal((0, ""), (migrated.ExitCode, migrated.Stderr));
        Assert.Equal($"Applied {MigrationsOf(target).Count} migration(s) to {target.Description}: {string.Join(", ", MigrationsOf(target))}.\n", migrated.Stdout);
        Assert.Equal((0, $"{target.Description} is up to date: {MigrationsOf(target).Count} migrations applied, none pending.\n"), (again.ExitCode, again.Stdout));
        await using var server = RosterProcess.Start(serve, noMigrations, Machine("late"));
        using var client = new HttpClient { BaseAddress = new Uri(await ServeProcess.ListeningUrlAsync(server)) };
        Assert.Equal(200, (await client.GetJsonAsync("/healthz")).Code);
        Assert.True(DemoBanner.IsIn(server.StdoutLines), server.ToString());
        Assert.DoesNotContain(server.StdoutLines, l => l.Contains("Applied ", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }

    /// <summary>A working directory of its own for one server, as another machine has.</summary>
    private string Machine(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    /// <summary>The migrations of this build for the target's engine, in order.</summary>
    private static List<string> MigrationsOf(DatabaseTarget target)
    {
        using RosterDb db = target.Provider == DatabaseProvider.Postgres
            ? new PostgresDesignTimeFactory().CreateDbContext([])
            : new SqliteDesignTimeFactory().CreateDbContext([]);
        return [.. db.Database.GetMigrations()];
    }

    private static async Task<List<string>> KeyRowsAsync(DatabaseTarget target) =>
        await QueryAsync(target, "SELECT \"Xml\" FROM \"DataProtectionKeys\"", r => r.GetString(0));

    /// <summary>Reads rows of the database directly, as an operator would with psql or sqlite3.</summary>
    internal static async Task<List<T>> QueryAsync<T>(DatabaseTarget target, string sql, Func<DbDataReader, T> row)
    {
        await using DbConnection connection = target.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }
        return rows;
    }
}
