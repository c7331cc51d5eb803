using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Data;

/// <summary>
/// Every SQLite connection syncs at commit boundaries only, which is safe with write-ahead logging
/// (set once, it is a property of the file: see <see cref="DatabaseMigrator"/>), and a writer that finds
/// the database locked waits inside SQLite for up to 30 s instead of failing. Foreign keys are set by the
/// connection string.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
