using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Roster.Data;

/// <summary>
/// Every SQLite connection syncs at commit boundaries only, which is safe with write-ahead logging
/// (set once, it is a property of the file: see <see cref="DatabaseMigrator"/>). Foreign keys and the
/// busy timeout are set by the connection string.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

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
