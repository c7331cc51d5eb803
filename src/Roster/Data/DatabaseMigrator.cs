using Microsoft.EntityFrameworkCore;
using Roster.Features.Permissions;

namespace Roster.Data;

public sealed class DatabaseTooNewException(string message) : Exception(message);

public static class DatabaseMigrator
{
    /// <summary>
    /// Brings the schema up to this build's migrations. A database that has migrations this build does
    /// not know was upgraded by a newer Roster; running on it could corrupt it, so Roster refuses.
    /// </summary>
    public static async Task MigrateAsync(RosterDb db, DatabaseTarget target, CancellationToken ct)
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
    }
}
