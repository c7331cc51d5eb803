using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Audit;

namespace Roster.Tests.Data;

/// <summary>The model each engine builds is the one its migrations create: a change to the model
/// without a migration would make the server refuse to start on that engine.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_ModelMatchesItsMigrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Postgres_ModelMatchesItsMigrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void AuditTable_DeclaresEachEnginesAppendOnlyTriggers()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(AuditTriggers.Sqlite.Names.Order(StringComparer.Ordinal), TriggersOf(sqlite));
        Assert.Equal(AuditTriggers.Postgres.Names.Order(StringComparer.Ordinal), TriggersOf(postgres));
    }

    private static IEnumerable<string> TriggersOf(DbContext db) =>
        db.Model.FindEntityType(typeof(AuditEvent))!.GetDeclaredTriggers().Select(t => t.ModelName).Order(StringComparer.Ordinal);

    [Theory]
    [InlineData("Users", "Status")]
    [InlineData("Users", "Role")]
    [InlineData("UserTokens", "Purpose")]
    [InlineData("AuditEvents", "ActorType")]
    [InlineData("AuditEvents", "Action")]
    [InlineData("Accounts", "PermissionSystem")]
    [InlineData("OutboxMessages", "Kind")]
    public void StateColumns_AreStoredAsText_OnBothEngines(string table, string column)
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        foreach (DbContext db in new DbContext[] { sqlite, postgres })
        {
            var property = db.Model.GetEntityTypes()
                .Single(t => t.GetTableName() == table)
                .GetProperties().Single(p => p.GetColumnName() == column);
            Assert.Equal(typeof(string), (property.GetValueConverter()?.ProviderClrType ?? property.ClrType));
        }
    }
}
