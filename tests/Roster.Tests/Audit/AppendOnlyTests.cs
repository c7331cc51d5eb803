using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Audit;

/// <summary>The audit table is append-only in the database itself: its triggers refuse every UPDATE and DELETE, on
/// whichever engine the tests run (SQLite, or PostgreSQL when ROSTER_TEST_POSTGRES is set).</summary>
public sealed class AppendOnlyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Update_OfAnAuditEvent_IsRefusedByTheDatabase()
    {
        var account = await fixture.CreateAccountAsync();
        var before = await EventsAsync(account.Id);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => fixture.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"AuditEvents\" SET \"TargetType\" = 'tampered', \"ActorId\" = NULL WHERE \"AccountId\" = {account.Id}")));

        Assert.Contains(AuditTriggers.Refusal, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await EventsAsync(account.Id));
    }

    [Fact]
    public async Task Delete_OfAnAuditEvent_IsRefusedByTheDatabase()
    {
        var account = await fixture.CreateAccountAsync();
        var before = await EventsAsync(account.Id);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => fixture.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"DELETE FROM \"AuditEvents\" WHERE \"AccountId\" = {account.Id}")));

        Assert.Contains(AuditTriggers.Refusal, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await EventsAsync(account.Id));
    }

    [Fact]
    public async Task BulkDeleteThroughTheModel_IsRefusedToo()
    {
        var account = await fixture.CreateAccountAsync();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => fixture.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.AccountId == account.Id).ExecuteDeleteAsync()));

        Assert.Contains(AuditTriggers.Refusal, refused.Message, StringComparison.Ordinal);
        Assert.NotEmpty(await EventsAsync(account.Id));
    }

    [Fact]
    public async Task TheTriggersTheModelDeclares_AreTheOnesInTheDatabase()
    {
        var (declared, present) = await fixture.WithDbAsync(async db =>
        {
            var declared = db.Model.FindEntityType(typeof(AuditEvent))!.GetDeclaredTriggers().Select(t => t.ModelName).Order(StringComparer.Ordinal).ToList();
            var present = await (db.Database.IsNpgsql()
                ? db.Database.SqlQuery<string>($"SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE tgrelid = '\"AuditEvents\"'::regclass AND NOT tgisinternal")
                : db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvents'"))
                .ToListAsync();
            return (declared, present.Order(StringComparer.Ordinal).ToList());
        });

        var engine = RosterFixture.OnPostgres ? AuditTriggers.Postgres.Names : AuditTriggers.Sqlite.Names;
        Assert.Equal(engine.Order(StringComparer.Ordinal), declared);
        Assert.Equal(declared, present);
    }

    private Task<List<string>> EventsAsync(string accountId) =>
        fixture.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId).OrderBy(e => e.Id)
            .Select(e => $"{e.Id} {e.Action} {e.TargetType} {e.TargetId} {e.ActorId}").ToListAsync());
}
