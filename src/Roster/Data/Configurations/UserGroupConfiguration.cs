using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.Groups;

namespace Roster.Data.Configurations;

public sealed class UserGroupConfiguration : IEntityTypeConfiguration<UserGroup>
{
    public void Configure(EntityTypeBuilder<UserGroup> e)
    {
        e.Property(g => g.Name).HasMaxLength(255);
        e.Property(g => g.NameNormalized).HasMaxLength(255);
        e.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId);
        e.HasIndex(g => new { g.AccountId, g.NameNormalized }).IsUnique().HasDatabaseName(RosterDb.UniqueGroupName);
    }
}
