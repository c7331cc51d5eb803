using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;

namespace Roster.Data.Configurations;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.Property(a => a.Id).HasMaxLength(64);
        e.Property(a => a.Name).HasMaxLength(255);
        e.Property(a => a.Plan).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.ApiKey).HasMaxLength(32);
        e.Property(a => a.PermissionSystem).HasMaxLength(16);
        e.HasIndex(a => a.ApiKey).IsUnique();
    }
}
