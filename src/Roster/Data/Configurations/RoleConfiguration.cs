using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.Permissions;

namespace Roster.Data.Configurations;

public sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> e)
    {
        e.HasKey(r => new { r.AccountId, r.Id });
        e.Property(r => r.AccountId).HasMaxLength(64);
        e.Property(r => r.Id).HasMaxLength(PermissionIds.MaxLength);
        e.Property(r => r.Name).HasMaxLength(255);
        e.Property(r => r.NameNormalized).HasMaxLength(255);
        e.Property(r => r.PermissionType).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.ScopeType).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.PolicyParameters).HasConversion(StringListAsJson.Converter, StringListAsJson.Comparer);
        e.Property(r => r.SystemPolicyIds).HasConversion(StringListAsJson.Converter, StringListAsJson.Comparer);
        e.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
        e.HasIndex(r => new { r.AccountId, r.NameNormalized }).IsUnique().HasDatabaseName(RosterDb.UniqueRoleName);
    }
}
