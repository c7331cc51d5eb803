using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.ProductEnvironments;

namespace Roster.Data.Configurations;

/// <param name="ordinalCollation">The engine's ordinal collation (<see cref="RosterDb.OrdinalCollation"/>), for the normalised cloud name prefix ranges read.</param>
public sealed class ProductEnvironmentConfiguration(string? ordinalCollation) : IEntityTypeConfiguration<ProductEnvironment>
{
    public void Configure(EntityTypeBuilder<ProductEnvironment> e)
    {
        e.Property(p => p.Id).HasMaxLength(64);
        e.Property(p => p.Name).HasMaxLength(255);
        e.Property(p => p.CloudName).HasMaxLength(128);
        e.Property(p => p.CloudNameNormalized).HasMaxLength(128).UseCollation(ordinalCollation);
        e.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
        e.HasIndex(p => p.CloudNameNormalized).IsUnique().HasDatabaseName(RosterDb.UniqueCloudName);
        e.HasIndex(p => p.AccountId);
    }
}
