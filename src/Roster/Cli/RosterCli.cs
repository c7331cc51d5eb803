using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Roster.Cli.Cedar;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.SignIn;
using Roster.Observability;
using Roster.Security;

namespace Roster.Cli;

/// <summary>
/// The command-line contract: <c>serve</c>, <c>migrate</c>, <c>accounts create</c>, <c>accounts update</c>, <c>accounts migrate-permissions</c> and the
/// <c>cedar</c> tools for policy authors (which never build the web host or open a database).
/// Other tools depend on these names.
/// </summary>
public static class RosterCli
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static RootCommand Build()
    {
        var database = new Option<string?>("--database")
        {
            Description = "A SQLite file path, or a PostgreSQL connection string (Host=…;… or postgres://…). Default: $ROSTER_DATABASE, else data/roster.db.",
        };

        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => DefaultUrl };
        var serve = new Command("serve", "Run the Roster server.") { urls, database };
        serve.SetAction((result, ct) => ServeAsync(result.GetValue(urls)!, Resolve(result.GetValue(database)), ct));

        var name = new Option<string>("--name") { Description = "The account's name.", Required = true };
        var rootEmail = new Option<string>("--root-email") { Description = "The root user's e-mail address.", Required = true };
        var rootName = new Option<string?>("--root-name") { Description = "The root user's name." };
        var plan = new Option<string>("--plan") { Description = "free, plus, advanced, enterprise or custom.", DefaultValueFactory = _ => "enterprise" };
        plan.AcceptOnlyFromAmong("free", "plus", "advanced", "enterprise", "custom");
        var seats = new Option<int?>("--seats") { Description = "Seats bought (enterprise and custom plans)." };
        var permissionSystem = new Option<string>("--permission-system")
        {
            Description = "roles (Roles and Permissions) or legacy (one role string per user, until migrated).",
            DefaultValueFactory = _ => PermissionSystem.Roles.Wire(),
        };
        permissionSystem.AcceptOnlyFromAmong([.. WireEnum<PermissionSystem>.Names]);
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = $"Where people reach the server, for the root user's invitation link. Default: Roster__PublicUrl, else {DefaultUrl}.",
        };
        var create = new Command("create", "Create an account with its root user; prints its credentials and the root user's invitation link as one JSON object.")
        {
            name, rootEmail, rootName, plan, seats, permissionSystem, publicUrl, database,
        };
        create.SetAction((result, ct) =>
        {
            Plans.TryParse(result.GetValue(plan), out var chosen);
            return CreateAccountAsync(
                new NewAccount(result.GetValue(name)!, result.GetValue(rootEmail)!, result.GetValue(rootName), chosen, result.GetValue(seats),
                    WireEnum<PermissionSystem>.Parse(result.GetValue(permissionSystem)!)),
                result.GetValue(publicUrl), Resolve(result.GetValue(database)), ct);
        });

        var accountId = new Argument<string>("ACCOUNT_ID") { Description = "The legacy account to migrate." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing." };
        var migrate = new Command("migrate-permissions",
            "Move a legacy account to Roles and Permissions, one way; prints the plan (what every user, group and API key will hold) as one JSON object.")
        {
            accountId, dryRun, database,
        };
        migrate.SetAction((result, ct) =>
            MigratePermissionsAsync(result.GetValue(accountId)!, result.GetValue(dryRun), Resolve(result.GetValue(database)), ct));

        var updateId = new Argument<string>("ACCOUNT_ID") { Description = "The account to change." };
        var newPlan = new Option<string?>("--plan") { Description = "free, plus, advanced, enterprise or custom." };
        newPlan.AcceptOnlyFromAmong("free", "plus", "advanced", "enterprise", "custom");
        var newSeats = new Option<int?>("--seats") { Description = "Seats bought (enterprise and custom plans): the account's user limit." };
        var update = new Command("update",
            "Change an account's plan or seats, and so its user limit; prints the account (plan, user limit, users counted) as one JSON object.")
        {
            updateId, newPlan, newSeats, database,
        };
        update.SetAction((result, ct) => UpdateAccountAsync(result.GetValue(updateId)!,
            new PlanChange(result.GetValue(newPlan), result.GetValue(newSeats)), Resolve(result.GetValue(database)), ct));

        var accounts = new Command("accounts", "Manage accounts.") { create, update, migrate };

        var schema = new Command("migrate",
            "Apply the database migrations this version needs, once: servers starting meanwhile wait for it. Serve does the same unless Roster__Database__Migrate=false.")
        {
            database,
        };
        schema.SetAction((result, ct) => MigrateAsync(Resolve(result.GetValue(database)), ct));
        return new RootCommand("Roster: self-hosted accounts, users, groups, roles and API keys, with a Cloudinary-compatible Provisioning API.")
        {
            serve, schema, accounts, CedarCommand.Build(),
        };
    }

    private static string? Resolve(string? database) => database ?? Environment.GetEnvironmentVariable("ROSTER_DATABASE");

    private static async Task<int> ServeAsync(string urls, string? database, CancellationToken ct)
    {
        if (!TryParse(database, out var target))
        {
            return 1;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        if (!ServeLog.TryChoose(builder.Configuration[ServeLog.FormatSetting], Console.IsOutputRedirected, out var format))
        {
            await Console.Error.WriteLineAsync($"Roster__Logging__Format must be json or plain, not '{builder.Configuration[ServeLog.FormatSetting]}'.");
            return 1;
        }
        builder.Logging.Use(format);
        try
        {
            builder.AddRoster(target);
        }
        catch (Exception e) when (e is KeyRingException or MailSettingsException or ExternalProviderSettingsException or MetricsSettingsException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        var app = builder.Build();
        app.MapRoster();
        var keyRing = app.Services.GetRequiredService<KeyRing>();
        app.LogWhereItIs(target, keyRing);
        var migrate = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Migrate ?? true;
        var publicUrl = builder.Configuration[MailLinks.PublicUrlSetting] is { Length: > 0 } configured ? configured : urls.Split(';')[0];

        // Note: under the setup lock, servers starting together migrate one after the other (the later ones find nothing to do)
        // and only the first creates the demo account.
        var status = await SetUpAsync(app.Services, target, migrate, async (services, db) =>
        {
            await DemoAccount.EnsureAsync(db, services.GetRequiredService<IOptions<PlanOptions>>().Value,
                services.GetRequiredService<OutboxPayloads>(), TimeProvider.System, urls.Split(';')[0], publicUrl, Console.Out, ct);
            return 0;
        }, ct);
        if (status != 0)
        {
            return status;
        }
        try
        {
            await app.RunAsync(ct);
        }
        catch (MetricsSettingsException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        return 0;
    }

    private static Task<int> CreateAccountAsync(NewAccount request, string? publicUrl, string? database, CancellationToken ct) =>
        WithDatabaseAsync(database, async (services, db) =>
        {
            var links = publicUrl is { Length: > 0 } ? publicUrl
                : services.GetRequiredService<IConfiguration>()[MailLinks.PublicUrlSetting] is { Length: > 0 } configured ? configured
                : DefaultUrl;
            var (created, error) = await CreateAccount.RunAsync(request, db,
                services.GetRequiredService<IOptions<PlanOptions>>().Value, services.GetRequiredService<OutboxPayloads>(), links, TimeProvider.System, ct);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"Cannot create the account: {error.Message}");
                return 1;
            }
            Console.Out.WriteLine(Json.Serialize(created));
            return 0;
        }, ct, keyRing: true);

    private static Task<int> UpdateAccountAsync(string accountId, PlanChange change, string? database, CancellationToken ct) =>
        WithDatabaseAsync(database, async (services, db) =>
        {
            var updated = await UpdateAccountPlan.RunAsync(accountId, change, db, Actor.System, TimeProvider.System, ct);
            if (!updated.Succeeded)
            {
                await Console.Error.WriteLineAsync($"Cannot update the account: {updated.Error.Message}");
                return 1;
            }
            var account = await AccountResponse.LoadAsync(db, updated.Value, services.GetRequiredService<IOptions<PlanOptions>>().Value, ct);
            if (account.Users > account.UserLimit)
            {
                await Console.Error.WriteLineAsync(
                    $"The account has {account.Users} users, more than its new limit of {account.UserLimit}: no user can be added until enough are deleted or the limit is raised.");
            }
            Console.Out.WriteLine(Json.Serialize(account));
            return 0;
        }, ct);

    private static Task<int> MigratePermissionsAsync(string accountId, bool dryRun, string? database, CancellationToken ct) =>
        WithDatabaseAsync(database, async (_, db) =>
        {
            var (plan, error) = await MigratePermissions.RunAsync(db, accountId, dryRun, Actor.System, TimeProvider.System, ct);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"Cannot migrate the account's permissions: {error.Message}");
                return 1;
            }
            Console.Out.WriteLine(Json.Serialize(plan));
            return 0;
        }, ct);

    /// <summary>
    /// Opens and migrates the database for a one-off command, without a web host; with <paramref name="keyRing"/>, the
    /// command also gets serve's Data Protection key ring (an invitation it issues must be readable by serve's sender).
    /// </summary>
    private static async Task<int> WithDatabaseAsync(string? database, Func<IServiceProvider, RosterDb, Task<int>> command, CancellationToken ct,
        bool keyRing = false)
    {
        if (!TryParse(database, out var target))
        {
            return 1;
        }
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRosterDb(target);
        services.Configure<PlanOptions>(configuration.GetSection("Roster:Plans"));
        if (keyRing)
        {
            try
            {
                services.AddKeyRing(configuration, target);
            }
            catch (KeyRingException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        }
        await using var provider = services.BuildServiceProvider();
        var migrate = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Migrate ?? true;
        return await SetUpAsync(provider, target, migrate, command, ct);
    }

    /// <summary>
    /// The database made ready under the setup lock (<see cref="DatabaseMigrator.UnderSetupLockAsync"/>): migrated (or, when
    /// <paramref name="migrate"/> is false, checked), an earlier key folder copied in, then <paramref name="then"/>. A database this
    /// build cannot run on, or cannot reach, is a message on stderr and exit status 1.
    /// </summary>
    private static async Task<int> SetUpAsync(IServiceProvider services, DatabaseTarget target, bool migrate,
        Func<IServiceProvider, RosterDb, Task<int>> then, CancellationToken ct)
    {
        try
        {
            return await DatabaseMigrator.UnderSetupLockAsync(target, async () =>
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
                var applied = await DatabaseMigrator.MigrateOrCheckAsync(db, target, migrate, ct);
                var keyRing = scope.ServiceProvider.GetService<KeyRing>();
                var imported = keyRing is null ? 0 : await KeyRingImport.RunAsync(db, keyRing, ct);
                var status = await then(scope.ServiceProvider, db);
                // Note: logged after what the command prints (serve's demo account comes first in its output).
                var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator).FullName!);
                if (applied.Count > 0)
                {
                    log.LogInformation("Applied {Count} migrations to {Database}: {Migrations}", applied.Count, target.Description, string.Join(", ", applied));
                }
                if (imported > 0)
                {
                    log.LogInformation("Copied {Count} Data Protection keys from {KeysDirectory} into the database, which holds the key ring from now on",
                        imported, keyRing!.Directory);
                }
                return status;
            }, ct);
        }
        catch (Exception e) when (e is DatabaseTooNewException or MigrationsPendingException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"Cannot reach the database ({target.Description}): {e.Message}");
            return 1;
        }
    }

    /// <summary><c>roster migrate</c>: the migrations, whatever <c>Roster:Database:Migrate</c> says, under the same lock as serve's.</summary>
    private static async Task<int> MigrateAsync(string? database, CancellationToken ct)
    {
        if (!TryParse(database, out var target))
        {
            return 1;
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRosterDb(target);
        await using var provider = services.BuildServiceProvider();
        try
        {
            return await DatabaseMigrator.UnderSetupLockAsync(target, async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
                var applied = await DatabaseMigrator.MigrateAsync(db, target, ct);
                var total = db.Database.GetMigrations().Count();
                Console.Out.WriteLine(applied.Count > 0
                    ? $"Applied {applied.Count} migration(s) to {target.Description}: {string.Join(", ", applied)}."
                    : $"{target.Description} is up to date: {total} migrations applied, none pending.");
                return 0;
            }, ct);
        }
        catch (DatabaseTooNewException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"Cannot reach the database ({target.Description}): {e.Message}");
            return 1;
        }
    }

    private static bool TryParse(string? database, out DatabaseTarget target)
    {
        try
        {
            target = DatabaseTarget.Parse(database);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"Invalid --database value: {e.Message}");
            target = null!;
            return false;
        }
    }
}
