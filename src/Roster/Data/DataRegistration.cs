using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
                services.AddDbContextPool<SqliteRosterDb>(o => ConfigureSqlite(o, target.ConnectionString));
                services.AddScoped<RosterDb>(sp => sp.GetRequiredService<SqliteRosterDb>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<PostgresRosterDb>(o => ConfigurePostgres(o, target.ConnectionString));
                services.AddScoped<RosterDb>(sp => sp.GetRequiredService<PostgresRosterDb>());
                break;
        }
        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        QuietExpectedFailures(o.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(RosterDb).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas(), new Features.Permissions.DerivedRoles()));

    internal static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        QuietExpectedFailures(o.UseNpgsql(connectionString).AddInterceptors(new Features.Permissions.DerivedRoles()));

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
