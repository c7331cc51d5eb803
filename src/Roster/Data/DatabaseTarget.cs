using Microsoft.Data.Sqlite;
using Npgsql;

namespace Roster.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Where the data lives, from one value: a SQLite file path, or a PostgreSQL connection string in
/// key/value form ("Host=…;Database=…") or URI form ("postgres://user:pass@host:port/db").
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string DefaultSqlitePath = "data/roster.db";

    public static DatabaseTarget Parse(string? value)
    {
        value = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromPostgresUri(value);
        }

        if (LooksLikeKeyValue(value))
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            return new(DatabaseProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        var path = Path.GetFullPath(value);
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return new(DatabaseProvider.Sqlite, sqlite.ConnectionString, $"SQLite {path}");
    }

    /// <summary>The SQLite database's file.</summary>
    public string SqlitePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>The folder for files kept beside the database (Data Protection keys).</summary>
    public string DefaultKeysDirectory => Provider == DatabaseProvider.Sqlite
        ? Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)!, "keys")
        : Path.GetFullPath("data/keys");

    /// <summary>The folder the e-mails are written to when no mail server is set: beside a SQLite database, in <c>mail/</c>.</summary>
    public string DefaultMailDirectory => Provider == DatabaseProvider.Sqlite
        ? Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)!, "mail")
        : Path.GetFullPath("data/mail");

    private static bool LooksLikeKeyValue(string value) =>
        value.Contains('=') && value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Any(part => part.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                || part.TrimStart().StartsWith("Server=", StringComparison.OrdinalIgnoreCase));

    private static DatabaseTarget FromPostgresUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{value}' is not a valid postgres:// URI.");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return new(DatabaseProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
    }
}
