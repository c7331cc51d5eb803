using Microsoft.EntityFrameworkCore;
using Npgsql;
using Roster.Features.Permissions;

namespace Roster.Data;

public sealed class DatabaseTooNewException(string message) : Exception(message);

/// <summary>The schema lacks migrations this build needs and this server may not apply them (<c>Roster:Database:Migrate</c> is false).</summary>
public sealed class MigrationsPendingException(string message) : Exception(message);

/// <summary>What <c>Roster:Database</c> says about the schema: whether <c>serve</c> and the account commands apply migrations themselves.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Roster:Database";

    /// <summary>False: only <c>roster migrate</c> changes the schema; a server on a database that lacks migrations refuses to start.</summary>
    public bool Migrate { get; set; } = true;
}

public static class DatabaseMigrator
{
    /// <summary>
    /// The key of the session-level advisory lock that serialises Roster's setup on one PostgreSQL database: servers that
    /// start together migrate, import the key ring and create the demo account one after the other, never at once.
    /// </summary>
    public const long SetupLockKey = 0x526F_7374_6572_4D67; // "RosterMg"

    /// <summary>
    /// Brings the schema up to this build's migrations and returns the ones it applied. A database that has migrations this build does
    /// not know was upgraded by a newer Roster; running on it could corrupt it, so Roster refuses.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(RosterDb db, DatabaseTarget target, CancellationToken ct)
    {
        await RefuseNewerAsync(db, target, ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // Note: data that a migration's new rule applies to, brought in line once, when the migration lands.
        if (pending.Any(m => m.EndsWith("_" + DerivedRoles.Migration, StringComparison.Ordinal)))
        {
            await DerivedRoles.DeriveAllAsync(db, ct);
        }
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while one writer commits; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        return pending;
    }

    /// <summary>
    /// Migrates when <paramref name="migrate"/>, else only checks that nothing is pending (a <see cref="MigrationsPendingException"/>
    /// otherwise); either way a database from a newer Roster is a <see cref="DatabaseTooNewException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateOrCheckAsync(RosterDb db, DatabaseTarget target, bool migrate, CancellationToken ct)
    {
        if (migrate)
        {
            return await MigrateAsync(db, target, ct);
        }
        await RefuseNewerAsync(db, target, ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new MigrationsPendingException(
                $"The database ({target.Description}) lacks {pending.Count} migration(s) this version of Roster needs ({string.Join(", ", pending)}), "
                + "and Roster__Database__Migrate is false: run `roster migrate` first.");
        }
        return [];
    }

    /// <summary>The migrations this build knows that the database lacks (none when the schema is current).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(RosterDb db, CancellationToken ct) =>
        [.. await db.Database.GetPendingMigrationsAsync(ct)];

    /// <summary>
    /// Runs <paramref name="setup"/> holding the setup lock: on PostgreSQL <c>pg_advisory_lock</c> on a connection of its own
    /// (the database is created first if it does not exist and the user may), released when the work ends or fails; on SQLite,
    /// whose file is one machine's, an exclusive lock on the file <c>….db.setup-lock</c> beside it.
    /// </summary>
    public static async Task<T> UnderSetupLockAsync<T>(DatabaseTarget target, Func<Task<T>> setup, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using var held = await LockFileAsync(target.SqlitePath + ".setup-lock", ct);
            return await setup();
        }
        await CreateDatabaseIfMissingAsync(target, ct);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", SetupLockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            return await setup();
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", SetupLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Note: another process holds it; it lets go when its setup ends, or when it dies.
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    private static async Task RefuseNewerAsync(RosterDb db, DatabaseTarget target, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseTooNewException(
                $"The database ({target.Description}) was upgraded by a newer version of Roster: it has migrations this version does not know "
                + $"({string.Join(", ", unknown)}). Refusing to start; run the newer Roster, or restore a backup made for this version.");
        }
    }

    // Note: the advisory lock lives in the database, so the database must exist before it can be taken; two servers creating it at
    // once are told by one of them that it already exists, which is as good.
    private static async Task CreateDatabaseIfMissingAsync(DatabaseTarget target, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync(ct);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Created below.
        }
        var name = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another server created it first.
        }
    }
}
