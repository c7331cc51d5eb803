using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Outbox;

namespace Roster.Tests.Infrastructure;

/// <summary>
/// One Roster host on its own fresh database: PostgreSQL when ROSTER_TEST_POSTGRES names a server
/// (a key/value connection string without Database), otherwise a SQLite file in a temporary folder.
/// The same tests run on both; accounts and e-mails are random, so fixtures never collide.
/// </summary>
public class RosterFixture : IAsyncLifetime
{
    public const string PostgresVariable = "ROSTER_TEST_POSTGRES";

    /// <summary>Where the fixture's links point (<c>Roster:PublicUrl</c>): the test server has no address of its own.</summary>
    public const string PublicUrl = "http://roster.test";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "roster-tests-" + Guid.NewGuid().ToString("N"));
    private string? _postgresDatabase;
    private WebApplication? _app;

    public DatabaseTarget Target { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public TestServer Server => App.GetTestServer();

    private WebApplication App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Configuration for this host, set before AddRoster reads it (over the fixture's own: its mail folder and public URL).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Configuration => [];

    /// <summary>
    /// Whether the host listens on a real loopback port (Kestrel) instead of the in-memory test server: a browser, or
    /// another process (an identity provider redirecting back), needs an address it can reach.
    /// </summary>
    protected virtual bool ListensOnLoopback => false;

    /// <summary>Services to replace after AddRoster registered its own (a fake clock, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The host's address when it <see cref="ListensOnLoopback"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    /// <summary>The host's clock; a fixture may give a fake one to move time itself.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    /// <summary>Where the host writes e-mails when no mail server is set: the fixture's own folder.</summary>
    public string MailDirectory => Path.Combine(_directory, "mail");

    public static bool OnPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Target = await CreateDatabaseAsync();

        var builder = WebApplication.CreateBuilder();
        if (ListensOnLoopback)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging);
        builder.Configuration.AddInMemoryCollection([new("Roster:Mail:Directory", MailDirectory), new(MailLinks.PublicUrlSetting, PublicUrl)]);
        builder.Configuration.AddInMemoryCollection(Configuration);
        builder.AddRoster(Target, keysDirectory: KeysDirectory);
        builder.Services.AddSingleton(Time);
        ConfigureServices(builder.Services);
        _app = builder.Build();
        _app.MapRoster();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<RosterDb>(), Target, CancellationToken.None);
        }
        await _app.StartAsync();
        if (ListensOnLoopback)
        {
            BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
    }

    /// <summary>The folder of the host's Data Protection keys (on PostgreSQL, where an earlier Roster kept them: the ring is in the database).</summary>
    public string KeysDirectory => Path.Combine(_directory, "keys");

    /// <summary>
    /// Another Roster server on this fixture's database and key ring, as a second instance behind a load balancer would
    /// run; the caller disposes it. <paramref name="keysDirectory"/> gives it a keys folder of its own, as another machine has;
    /// <paramref name="database"/> another database (not migrated by this).
    /// </summary>
    public async Task<WebApplication> StartAnotherServerAsync(string? keysDirectory = null, DatabaseTarget? database = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection([new("Roster:Mail:Directory", MailDirectory), new(MailLinks.PublicUrlSetting, PublicUrl)]);
        builder.Configuration.AddInMemoryCollection(Configuration);
        builder.AddRoster(database ?? Target, keysDirectory: keysDirectory ?? KeysDirectory);
        builder.Services.AddSingleton(Time);
        ConfigureServices(builder.Services);
        var app = builder.Build();
        app.MapRoster();
        await app.StartAsync();
        return app;
    }

    /// <summary>Adds log providers to the host (it has none by default).</summary>
    protected virtual void ConfigureLogging(ILoggingBuilder logging)
    {
    }

    /// <summary>A fresh, empty database (not yet migrated).</summary>
    public async Task<DatabaseTarget> CreateDatabaseAsync()
    {
        var target = await FreshDatabaseAsync(_directory);
        if (target.Provider == DatabaseProvider.Postgres)
        {
            _postgresDatabase ??= new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
        }
        return target;
    }

    /// <summary>A database that does not exist yet: a new name on the tests' PostgreSQL server, or else a new SQLite file in <paramref name="directory"/>.</summary>
    public static DatabaseTarget UnusedDatabase(string directory) => OnPostgres
        ? DatabaseTarget.Parse($"{Environment.GetEnvironmentVariable(PostgresVariable)};Database=roster_test_{Guid.NewGuid():N}")
        : DatabaseTarget.Parse(Path.Combine(directory, $"roster-{Guid.NewGuid():N}.db"));

    /// <summary>A fresh, empty database (not yet migrated) on the tests' PostgreSQL server, or else a SQLite file in <paramref name="directory"/>.</summary>
    public static async Task<DatabaseTarget> FreshDatabaseAsync(string directory)
    {
        if (!OnPostgres)
        {
            return DatabaseTarget.Parse(Path.Combine(directory, $"roster-{Guid.NewGuid():N}.db"));
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var name = "roster_test_" + Guid.NewGuid().ToString("N");
        await CreateEmptyPostgresDatabaseAsync(DatabaseTarget.Parse($"{server};Database={name}"));
        return DatabaseTarget.Parse($"{server};Database={name}");
    }

    /// <summary>Creates the PostgreSQL database <paramref name="target"/> names, empty.</summary>
    public static async Task CreateEmptyPostgresDatabaseAsync(DatabaseTarget target)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var name = builder.Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{name}\"";
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>A client of the host; over loopback it keeps no cookies and follows no redirects, as the test server's client.</summary>
    public HttpClient Anonymous() => ListensOnLoopback
        ? new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress }
        : App.GetTestClient();

    public HttpClient ClientFor(string apiKey, string apiSecret)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey}:{apiSecret}")));
        return client;
    }

    /// <summary>Creates an account the way the CLI does and returns a client authenticated with its key.</summary>
    public async Task<TestAccount> CreateAccountAsync(Plan plan = Plan.Enterprise, int? seats = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var plans = scope.ServiceProvider.GetRequiredService<IOptions<PlanOptions>>().Value;
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxPayloads>();
        var rootEmail = Unique.Email("root");
        var (created, error) = await CreateAccount.RunAsync(
            new NewAccount("Account " + Unique.Name(), rootEmail, "Root User", plan, seats), db, plans, outbox, PublicUrl,
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), CancellationToken.None);
        Assert.Null(error);
        Assert.NotNull(created);
        return new TestAccount(created.AccountId, created.RootUserId, rootEmail, created.ProvisioningApiKey, created.ProvisioningApiSecret,
            ClientFor(created.ProvisioningApiKey, created.ProvisioningApiSecret));
    }

    /// <summary>Runs <paramref name="work"/> against the database in its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<RosterDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RosterDb>());
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Note: a file still open on some platform is not worth failing a test run over.
        }
    }
}

/// <summary>An account and a client that authenticates as its API key.</summary>
public sealed record TestAccount(string Id, string RootUserId, string RootEmail, string ApiKey, string ApiSecret, HttpClient Client)
{
    /// <summary>The Provisioning API prefix for this account.</summary>
    public string V1 => $"/v1_1/provisioning/accounts/{Id}";

    /// <summary>Roster's own account endpoints.</summary>
    public string Api => $"/api/accounts/{Id}";
}

public static class Unique
{
    public static string Name() => Guid.NewGuid().ToString("N")[..12];

    public static string Email(string who = "user") => $"{who}.{Guid.NewGuid():N}@example.com";

    public static string CloudName() => "c_" + Guid.NewGuid().ToString("N");
}
