using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Cli;
using Roster.Data;
using Roster.Tests.Permissions;
using Roster.Tests.SignIn;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.LegacyScenarios;

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
        Assert.Equal(migrations, await DatabaseRows.QueryAsync(target, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", r => r.GetString(0)));
        Assert.Equal([1L], await DatabaseRows.QueryAsync(target, "SELECT COUNT(*) FROM \"Accounts\"", r => r.GetInt64(0)));
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

    [Fact]
    public async Task TwoServers_WhatOneChangesTheOtherHonoursAtItsNextRequest_AndTheRateLimitIsCountedAcrossThemOnPostgres()
    {
        var target = await RosterFixture.FreshDatabaseAsync(_directory);
        string[] serve = ["serve", "--urls", "http://127.0.0.1:0", "--database", ServeProcess.DatabaseArgument(target)];
        const int limit = 60;
        var settings = new Dictionary<string, string> { ["Roster__Logging__Format"] = "plain", ["Roster__RateLimit__Limit"] = $"{limit}" };
        await using var one = RosterProcess.Start(serve, settings, Machine("one"));
        var oneUrl = await ServeProcess.ListeningUrlAsync(one);
        var demo = DemoBanner.Read(one.StdoutLines);
        // Note: the second server sends no mail, so the invitation below is a file in the first one's folder.
        await using var two = RosterProcess.Start(serve, new Dictionary<string, string>(settings) { ["Roster__Mail__Enabled"] = "false" }, Machine("two"));
        var twoUrl = await ServeProcess.ListeningUrlAsync(two);
        var onOne = new TestAccount(demo.AccountId, "", DemoAccount.RootEmail, demo.ApiKey, demo.ApiSecret, ServeProcess.Client(oneUrl, demo));
        var onTwo = onOne with { Client = ServeProcess.Client(twoUrl, demo) };

        // An access key made through one server authenticates on the other.
        var pe = await onOne.CreateProductEnvironmentWithKeyAsync();
        using (var key = new HttpClient { BaseAddress = new Uri(twoUrl) })
        {
            key.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{pe.ApiKey}:{pe.ApiSecret}")));
            (await key.GetJsonAsync(pe.FolderPath("f1"))).Ok();
        }

        // A role granted through one server is decided on the other at its next request.
        var email = Unique.Email();
        var user = (await onOne.CreateUserAsync(email)).GetProperty("id").GetString()!;
        var wanted = (Principal: Principal("user", user), Action: "create", Resource: Feature(CloudinaryFeatures.UsersCreate));
        Assert.Equal("deny", await onTwo.DecisionAsync(wanted.Principal, wanted.Action, wanted.Resource));
        await onOne.GrantAsync(PermissionsScenarios.Admin, new { principal_type = "user", principal_id = user });
        Assert.Equal("allow", await onTwo.DecisionAsync(wanted.Principal, wanted.Action, wanted.Resource));

        // A session begun through one server is good on the other, until a force logout through the first.
        var invitation = await one.WaitForLineAsync(l => l.Contains("(invitation) written to ", StringComparison.Ordinal)
            && File.ReadAllText(l[(l.IndexOf(" written to ", StringComparison.Ordinal) + 12)..].Trim()).Contains(email, StringComparison.Ordinal));
        var mail = await MimeKit.MimeMessage.LoadAsync(invitation[(invitation.IndexOf(" written to ", StringComparison.Ordinal) + 12)..].Trim());
        var token = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"invitation\?token=([A-Za-z0-9_%-]+)").Groups[1].Value);
        using (var anonymous = new HttpClient { BaseAddress = new Uri(twoUrl) })
        {
            Assert.Equal(200, (await anonymous.PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password })).Code);
        }
        var browserOnOne = new FormClient(new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(oneUrl) });
        await browserOnOne.SignInAsync(email, Scenarios.Password);
        var browserOnTwo = new FormClient(new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(twoUrl) });
        browserOnTwo.SetCookie("roster_session", browserOnOne.Cookie("roster_session")!);
        Assert.Equal("/console", (await browserOnTwo.GetAsync("/console")).Path);
        (await onOne.Client.PostJsonAsync($"{onOne.Api}/users/{user}/force_logout")).Ok();
        Assert.StartsWith("/console/sign-in", (await browserOnTwo.GetAsync("/console")).Path);

        // The rate limit: on PostgreSQL one count for the account key across both servers; on SQLite (one machine's file) each server's own.
        var first = await onOne.Client.GetJsonAsync($"{onOne.V1}/users");
        var second = await onTwo.Client.GetJsonAsync($"{onOne.V1}/users");
        var remaining = (int.Parse(first.Header("X-FeatureRateLimit-Remaining")!), int.Parse(second.Header("X-FeatureRateLimit-Remaining")!));
        Assert.Equal($"{limit}", second.Header("X-FeatureRateLimit-Limit"));
        if (target.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal(remaining.Item1 - 1, remaining.Item2);
            while ((await onTwo.Client.GetJsonAsync($"{onOne.V1}/users")).Code == 200)
            {
            }
            var refused = await onOne.Client.GetJsonAsync($"{onOne.V1}/users");
            Assert.Equal(429, refused.Code);
            Assert.Equal("0", refused.Header("X-FeatureRateLimit-Remaining"));
            Assert.NotNull(refused.Header("Retry-After"));
        }
        else
        {
            var requestsOnTwo = 3; // the decisions twice and this one
            Assert.Equal(limit - requestsOnTwo, remaining.Item2);
            Assert.True(remaining.Item1 < remaining.Item2 - 1, $"{remaining}");
        }
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
        await DatabaseRows.QueryAsync(target, "SELECT \"Xml\" FROM \"DataProtectionKeys\"", r => r.GetString(0));
}
