using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Outbox;

namespace Roster.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Ignore(m => m.Status);
        e.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        // The sender's question, "what is due?", reads unsent, unfailed rows by due time.
        e.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        e.HasIndex(m => m.AccountId);
    }
}
