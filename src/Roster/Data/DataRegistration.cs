using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Roster.Features.Outbox;
using Roster.Features.Users;

namespace Roster.Data;

public static class DataRegistration
{
    public static IServiceCollection AddRosterDb(this IServiceCollection services, DatabaseTarget target)
    {
        services.AddSingleton(target);
        switch (target.Provider)
        {
            case DatabaseProvider.Sqlite:
                Directory.CreateDirectory(Path.GetDirectoryName(target.DefaultKeysDirectory)!);
                services.AddDbContextPool<SqliteRosterDb>((sp, o) => ConfigureSqlite(o, target.ConnectionString, Wake(sp)));
                services.AddScoped<RosterDb>(sp => sp.GetRequiredService<SqliteRosterDb>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<PostgresRosterDb>((sp, o) => ConfigurePostgres(o, target.ConnectionString, Wake(sp)));
                services.AddScoped<RosterDb>(sp => sp.GetRequiredService<PostgresRosterDb>());
                break;
        }
        return services;
    }

    /// <summary>
    /// Data Protection on Roster's key ring (<see cref="KeyRing"/>: in the database on PostgreSQL, so that every server
    /// reads what another protected; in a folder beside a SQLite database), and the outbox payloads it protects (with the
    /// lifetimes of the links they carry): serve and the CLI register the same ring, so what one writes the other reads. A certificate that cannot be used is a
    /// <see cref="KeyRingException"/>.
    /// </summary>
    public static KeyRing AddKeyRing(this IServiceCollection services, IConfiguration configuration, DatabaseTarget target, string? keysDirectory = null)
    {
        var store = target.Provider == DatabaseProvider.Postgres ? KeyRingStore.Database : KeyRingStore.Folder;
        var keyRing = KeyRing.From(configuration, store, keysDirectory ?? configuration["Roster:KeysDirectory"] ?? target.DefaultKeysDirectory);
        services.AddSingleton(keyRing);
        var dataProtection = services.AddDataProtection().SetApplicationName("Roster");
        if (store == KeyRingStore.Database)
        {
            dataProtection.PersistKeysToDbContext<RosterDb>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing.Directory));
        }
        if (keyRing.Certificate is { } certificate)
        {
            // Note: a certificate loaded from a file is in no certificate store for the decryptor to find:
            // the decryption list is what reads the ring back, keys written under earlier certificates too.
            dataProtection.ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate([certificate, .. keyRing.PreviousCertificates]);
        }
        services.Configure<InvitationOptions>(configuration.GetSection(InvitationOptions.Section));
        services.AddSingleton<OutboxPayloads>();
        return keyRing;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString, OutboxWake? wake = null) =>
        QuietExpectedFailures(o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(RosterDb).Assembly.FullName))
            .AddInterceptors([new SqlitePragmas(), new Features.Permissions.DerivedRoles(), .. Optional(wake)]));

    internal static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString, OutboxWake? wake = null) =>
        QuietExpectedFailures(o.UseNpgsql(connectionString).AddInterceptors([new Features.Permissions.DerivedRoles(), .. Optional(wake)]));

    /// <summary>Where a sender runs in this process (serve), a save that enqueued mail wakes it; a one-off command has none.</summary>
    private static OutboxWake? Wake(IServiceProvider services) =>
        services.GetService<OutboxSignal>() is { } signal ? new OutboxWake(signal) : null;

    private static IEnumerable<IInterceptor> Optional(IInterceptor? interceptor) => interceptor is null ? [] : [interceptor];

    // Note: a unique-index violation is how a rule like "one live user per e-mail" is detected, and the
    // handler turns it into a 409; EF would log each one as an error first. Failures nobody handles
    // still reach the exception handler, which logs them.
    private static void QuietExpectedFailures(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
}

/// <summary>Lets <c>dotnet ef migrations add --context SqliteRosterDb</c> build the context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRosterDb>
{
    public SqliteRosterDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteRosterDb>();
        DataRegistration.ConfigureSqlite(o, "Data Source=design.db");
        return new SqliteRosterDb(o.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRosterDb>
{
    public PostgresRosterDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresRosterDb>();
        DataRegistration.ConfigurePostgres(o, "Host=localhost;Database=roster_design");
        return new PostgresRosterDb(o.Options);
    }
}
