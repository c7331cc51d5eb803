using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Roster.Data.Configurations;

public sealed class InstallationKeyConfiguration : IEntityTypeConfiguration<InstallationKey>
{
    public void Configure(EntityTypeBuilder<InstallationKey> e)
    {
        e.HasKey(k => k.Name);
        e.Property(k => k.Name).HasMaxLength(64);
    }
}
