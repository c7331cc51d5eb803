using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Audit;

namespace Roster.Data.Configurations;

/// <param name="appendOnlyTriggers">The engine's triggers that refuse every UPDATE and DELETE (<see cref="AuditTriggers"/>).</param>
public sealed class AuditEventConfiguration(IReadOnlyList<string> appendOnlyTriggers) : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable(AuditTriggers.Table, t =>
        {
            foreach (var trigger in appendOnlyTriggers)
            {
                t.HasTrigger(trigger);
            }
        });
        e.Property(a => a.Action).HasMaxLength(64);
        e.HasIndex(a => new { a.AccountId, a.Id });
        // Note: the audit log's filters, each read newest first by id within the account (a million events stay fast).
        e.HasIndex(a => new { a.AccountId, a.Action, a.Id });
        e.HasIndex(a => new { a.AccountId, a.ActorId, a.Id });
        e.HasIndex(a => new { a.AccountId, a.TargetId, a.Id });
        // Note: with the id, so that the ids a time range spans are read from the index alone (ListAuditEvents.NarrowAsync).
        e.HasIndex(a => new { a.AccountId, a.OccurredAt, a.Id });
    }
}
