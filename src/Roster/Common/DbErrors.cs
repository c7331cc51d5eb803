using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Roster.Common;

public static class DbErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// Whether <paramref name="e"/>, or an exception inside it (EF wraps the driver's), says the database cannot be reached
    /// now and may be soon: a connection refused, reset or timed out, a server shutting down or starting up, no connection
    /// left (what Npgsql calls transient), or a SQLite file busy past its timeout.
    /// </summary>
    public static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }

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
