using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.Permissions;

namespace Roster.Data.Configurations;

public sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> e)
    {
        e.Property(a => a.Id).HasMaxLength(64);
        e.Property(a => a.AccountId).HasMaxLength(64);
        e.Property(a => a.PrincipalType).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.PrincipalId).HasMaxLength(64);
        e.Property(a => a.RoleId).HasMaxLength(PermissionIds.MaxLength);
        e.Property(a => a.ScopeId).HasMaxLength(64);
        e.Property(a => a.FolderId).HasMaxLength(PermissionIds.MaxLength);
        e.Property(a => a.CollectionId).HasMaxLength(PermissionIds.MaxLength);
        e.Property(a => a.Fingerprint).HasMaxLength(64);
        e.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId);
        e.HasIndex(a => new { a.AccountId, a.Fingerprint }).IsUnique().HasDatabaseName(RosterDb.UniqueRoleAssignment);
        e.HasIndex(a => new { a.AccountId, a.PrincipalType, a.PrincipalId });
        // A role's holders, read on the index alone (the Users page's role filter).
        e.HasIndex(a => new { a.AccountId, a.RoleId, a.PrincipalType, a.PrincipalId });
        e.HasIndex(a => new { a.AccountId, a.ScopeId });
        e.HasIndex(a => new { a.AccountId, a.FolderId });
        e.HasIndex(a => new { a.AccountId, a.CollectionId });
    }
}
