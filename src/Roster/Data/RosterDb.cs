using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Roster.Features.AccessKeys;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Features.Groups;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.ProductEnvironments;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Data;

/// <summary>
/// The one database context. Each provider has a subclass only so that its migrations live apart
/// (<see cref="SqliteRosterDb"/>, <see cref="PostgresRosterDb"/>); feature code takes <see cref="RosterDb"/>.
/// </summary>
public abstract class RosterDb(DbContextOptions options) : DbContext(options)
{
    public const string UniqueLiveEmail = "IX_Users_EmailNormalized_Live";
    public const string UniqueCloudName = "IX_ProductEnvironments_CloudNameNormalized";
    public const string UniqueGroupName = "IX_UserGroups_AccountId_NameNormalized";
    public const string UniqueAccessKeyName = "IX_AccessKeys_ProductEnvironmentId_Name";
    public const string UniqueRoleName = "IX_Roles_AccountId_NameNormalized";
    public const string UniqueCustomPolicyName = "IX_CustomPolicies_AccountId_ScopeKey_NameNormalized";
    public const string UniqueRoleAssignment = "IX_RoleAssignments_AccountId_Fingerprint";

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserProductEnvironment> UserProductEnvironments => Set<UserProductEnvironment>();
    public DbSet<UserToken> UserTokens => Set<UserToken>();
    public DbSet<ProductEnvironment> ProductEnvironments => Set<ProductEnvironment>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<UserGroup> UserGroups => Set<UserGroup>();
    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<CustomPolicy> CustomPolicies => Set<CustomPolicy>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    /// <summary>The collation that makes string comparison ordinal, so prefix ranges can use an index.</summary>
    protected virtual string? OrdinalCollation => null;

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // State enums are stored as their wire names: the same strings the APIs show and earlier rows hold.
        c.Properties<UserStatus>().HaveConversion<WireEnumConverter<UserStatus>>();
        c.Properties<LegacyRole>().HaveConversion<WireEnumConverter<LegacyRole>>();
        c.Properties<TokenPurpose>().HaveConversion<WireEnumConverter<TokenPurpose>>();
        c.Properties<PermissionSystem>().HaveConversion<WireEnumConverter<PermissionSystem>>();
        c.Properties<ActorType>().HaveConversion<WireEnumConverter<ActorType>>();
        c.Properties<AuditAction>().HaveConversion<WireEnumConverter<AuditAction>>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Account>(e =>
        {
            e.Property(a => a.Id).HasMaxLength(64);
            e.Property(a => a.Name).HasMaxLength(255);
            e.Property(a => a.Plan).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ApiKey).HasMaxLength(32);
            e.Property(a => a.PermissionSystem).HasMaxLength(16);
            e.HasIndex(a => a.ApiKey).IsUnique();
        });

        b.Entity<User>(e =>
        {
            e.Property(u => u.Id).HasMaxLength(64);
            e.Property(u => u.AccountId).HasMaxLength(64);
            e.Property(u => u.Name).HasMaxLength(255);
            e.Property(u => u.FirstName).HasMaxLength(255);
            e.Property(u => u.LastName).HasMaxLength(255);
            e.Property(u => u.Email).HasMaxLength(320);
            e.Property(u => u.EmailNormalized).HasMaxLength(320).UseCollation(OrdinalCollation);
            e.Property(u => u.NameNormalized).HasMaxLength(255).UseCollation(OrdinalCollation);
            e.Property(u => u.Role).HasMaxLength(64);
            e.Property(u => u.Status).HasMaxLength(16);
            e.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId);
            // The rule "one live user per e-mail across all accounts" lives here, in the database.
            e.HasIndex(u => u.EmailNormalized).IsUnique().HasFilter("\"Status\" <> 'inactive'").HasDatabaseName(UniqueLiveEmail);
            e.HasIndex(u => new { u.AccountId, u.EmailNormalized });
            e.HasIndex(u => new { u.AccountId, u.NameNormalized });
            e.HasIndex(u => new { u.AccountId, u.CreatedAt });
            e.HasIndex(u => u.AccountId).IsUnique().HasFilter("\"IsRoot\"").HasDatabaseName("IX_Users_AccountId_Root");
            e.Ignore(u => u.IsLive);
        });

        b.Entity<UserProductEnvironment>(e =>
        {
            e.HasKey(x => new { x.UserId, x.ProductEnvironmentId });
            e.HasOne<User>().WithMany(u => u.ProductEnvironments).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ProductEnvironment>().WithMany().HasForeignKey(x => x.ProductEnvironmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ProductEnvironmentId);
        });

        b.Entity<UserToken>(e =>
        {
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });

        b.Entity<ProductEnvironment>(e =>
        {
            e.Property(p => p.Id).HasMaxLength(64);
            e.Property(p => p.Name).HasMaxLength(255);
            e.Property(p => p.CloudName).HasMaxLength(128);
            e.Property(p => p.CloudNameNormalized).HasMaxLength(128).UseCollation(OrdinalCollation);
            e.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
            e.HasIndex(p => p.CloudNameNormalized).IsUnique().HasDatabaseName(UniqueCloudName);
            e.HasIndex(p => p.AccountId);
        });

        b.Entity<AccessKey>(e =>
        {
            e.HasKey(k => k.ApiKey);
            e.Property(k => k.ApiKey).HasMaxLength(32);
            e.Property(k => k.Name).HasMaxLength(255);
            e.Property(k => k.DedicatedFor).HasMaxLength(32);
            e.HasOne<ProductEnvironment>().WithMany(p => p.AccessKeys).HasForeignKey(k => k.ProductEnvironmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(k => new { k.ProductEnvironmentId, k.Name }).IsUnique().HasDatabaseName(UniqueAccessKeyName);
        });

        b.Entity<UserGroup>(e =>
        {
            e.Property(g => g.Name).HasMaxLength(255);
            e.Property(g => g.NameNormalized).HasMaxLength(255);
            e.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId);
            e.HasIndex(g => new { g.AccountId, g.NameNormalized }).IsUnique().HasDatabaseName(UniqueGroupName);
        });

        b.Entity<GroupMembership>(e =>
        {
            e.HasKey(m => new { m.GroupId, m.UserId });
            e.HasOne(m => m.Group).WithMany(g => g.Memberships).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.Action).HasMaxLength(64);
            e.HasIndex(a => new { a.AccountId, a.Id });
        });

        b.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(m => new { m.SentAt, m.Id });
            e.HasIndex(m => m.AccountId);
        });

        b.Entity<Role>(e =>
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
            e.HasIndex(r => new { r.AccountId, r.NameNormalized }).IsUnique().HasDatabaseName(UniqueRoleName);
        });

        b.Entity<CustomPolicy>(e =>
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
            e.HasIndex(p => new { p.AccountId, p.ScopeKey, p.NameNormalized }).IsUnique().HasDatabaseName(UniqueCustomPolicyName);
        });

        b.Entity<RoleAssignment>(e =>
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
            e.HasIndex(a => new { a.AccountId, a.Fingerprint }).IsUnique().HasDatabaseName(UniqueRoleAssignment);
            e.HasIndex(a => new { a.AccountId, a.PrincipalType, a.PrincipalId });
            e.HasIndex(a => new { a.AccountId, a.RoleId });
            e.HasIndex(a => new { a.AccountId, a.ScopeId });
            e.HasIndex(a => new { a.AccountId, a.FolderId });
            e.HasIndex(a => new { a.AccountId, a.CollectionId });
        });
    }
}

public sealed class SqliteRosterDb(DbContextOptions<SqliteRosterDb> options) : RosterDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        base.ConfigureConventions(c);
        // Note: SQLite has no date type; EF stores DateTimeOffset as text it cannot order or compare in
        // SQL. As a 64-bit number (all values are UTC) it sorts and compares correctly.
        c.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresRosterDb(DbContextOptions<PostgresRosterDb> options) : RosterDb(options)
{
    // Note: with a linguistic collation PostgreSQL cannot use a b-tree index for a range like
    // "x >= 'ab' AND x < 'ab\uffff'"; the C collation compares bytes, as SQLite does.
    protected override string? OrdinalCollation => "C";
}
