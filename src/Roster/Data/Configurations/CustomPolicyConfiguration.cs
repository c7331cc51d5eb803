using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.Permissions;

namespace Roster.Data.Configurations;

public sealed class CustomPolicyConfiguration : IEntityTypeConfiguration<CustomPolicy>
{
    public void Configure(EntityTypeBuilder<CustomPolicy> e)
    {
        e.HasKey(p => new { p.AccountId, p.Id });
        e.Property(p => p.AccountId).HasMaxLength(64);
        e.Property(p => p.Id).HasMaxLength(64);
        e.Property(p => p.Name).HasMaxLength(255);
        e.Property(p => p.NameNormalized).HasMaxLength(255);
        e.Property(p => p.ScopeType).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.ScopeId).HasMaxLength(64);
        e.Property(p => p.ScopeKey).HasMaxLength(64);
        e.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        e.HasIndex(p => new { p.AccountId, p.ScopeKey, p.NameNormalized }).IsUnique().HasDatabaseName(RosterDb.UniqueCustomPolicyName);
    }
}
