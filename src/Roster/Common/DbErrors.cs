using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Roster.Common;

public static class DbErrors
{
    /// <summary>
    /// Whether the save failed on the unique index <paramref name="indexName"/>. PostgreSQL names the
    /// index; SQLite names only the columns ("UNIQUE constraint failed: Users.EmailNormalized"), so those
    /// are matched instead.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException e, string indexName, string sqliteColumns) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == indexName,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.Message.Contains(sqliteColumns, StringComparison.Ordinal),
        _ => false,
    };
}
