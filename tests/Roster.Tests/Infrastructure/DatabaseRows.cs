using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Roster.Data;

namespace Roster.Tests.Infrastructure;

/// <summary>Reads rows of a database directly, as an operator would with psql or sqlite3, beside the servers that use it.</summary>
public static class DatabaseRows
{
    public static async Task<List<T>> QueryAsync<T>(DatabaseTarget target, string sql, Func<DbDataReader, T> row)
    {
        await using DbConnection connection = target.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }
        return rows;
    }
}
