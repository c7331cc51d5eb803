using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.AccessKeys;
using Roster.Features.ProductEnvironments;

namespace Roster.Data.Configurations;

public sealed class AccessKeyConfiguration : IEntityTypeConfiguration<AccessKey>
{
    public void Configure(EntityTypeBuilder<AccessKey> e)
    {
        e.HasKey(k => k.ApiKey);
        e.Property(k => k.ApiKey).HasMaxLength(32);
        e.Property(k => k.Name).HasMaxLength(255);
        e.Property(k => k.DedicatedFor).HasMaxLength(32);
        e.HasOne<ProductEnvironment>().WithMany(p => p.AccessKeys).HasForeignKey(k => k.ProductEnvironmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(k => new { k.ProductEnvironmentId, k.Name }).IsUnique().HasDatabaseName(RosterDb.UniqueAccessKeyName);
    }
}
