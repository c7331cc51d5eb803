using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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
using Roster.Data.Configurations;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Data;

/// <summary>
/// The one database context. Each provider has a subclass only so that its migrations live apart
/// (<see cref="SqliteRosterDb"/>, <see cref="PostgresRosterDb"/>); feature code takes <see cref="RosterDb"/>.
/// </summary>
public abstract class RosterDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
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
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();

    /// <summary>The Data Protection key ring, when it is kept in the database (<see cref="KeyRingStore.Database"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Keys of the installation other than the key ring's, protected by it (<see cref="InstallationKey"/>).</summary>
    public DbSet<InstallationKey> InstallationKeys => Set<InstallationKey>();

    /// <summary>The rate limit's counts, when servers share them (PostgreSQL; <see cref="AccountRateLimiter"/>).</summary>
    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    /// <summary>The collation that makes string comparison ordinal, so prefix ranges can use an index.</summary>
    protected virtual string? OrdinalCollation => null;

    /// <summary>The engine's triggers that make the audit table append-only (<see cref="AuditTriggers"/>).</summary>
    protected abstract IReadOnlyList<string> AppendOnlyTriggers { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // State enums are stored as their wire names: the same strings the APIs show and earlier rows hold.
        c.Properties<UserStatus>().HaveConversion<WireEnumConverter<UserStatus>>();
        c.Properties<LegacyRole>().HaveConversion<WireEnumConverter<LegacyRole>>();
        c.Properties<TokenPurpose>().HaveConversion<WireEnumConverter<TokenPurpose>>();
        c.Properties<PermissionSystem>().HaveConversion<WireEnumConverter<PermissionSystem>>();
        c.Properties<ActorType>().HaveConversion<WireEnumConverter<ActorType>>();
        c.Properties<AuditAction>().HaveConversion<WireEnumConverter<AuditAction>>();
        c.Properties<SessionStage>().HaveConversion<WireEnumConverter<SessionStage>>();
        c.Properties<MailKind>().HaveConversion<WireEnumConverter<MailKind>>();
    }

    /// <summary>
    /// Each entity's mapping is its own <see cref="IEntityTypeConfiguration{TEntity}"/> in <c>Data/Configurations</c>;
    /// the ones that depend on the engine take what differs (the ordinal collation) from the provider subclass.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ApplyConfiguration(new AccountConfiguration());
        b.ApplyConfiguration(new UserConfiguration(OrdinalCollation));
        b.ApplyConfiguration(new UserProductEnvironmentConfiguration());
        b.ApplyConfiguration(new UserTokenConfiguration());
        b.ApplyConfiguration(new ProductEnvironmentConfiguration(OrdinalCollation));
        b.ApplyConfiguration(new AccessKeyConfiguration());
        b.ApplyConfiguration(new UserGroupConfiguration());
        b.ApplyConfiguration(new GroupMembershipConfiguration());
        b.ApplyConfiguration(new AuditEventConfiguration(AppendOnlyTriggers));
        b.ApplyConfiguration(new OutboxMessageConfiguration());
        b.ApplyConfiguration(new RoleConfiguration());
        b.ApplyConfiguration(new CustomPolicyConfiguration());
        b.ApplyConfiguration(new RoleAssignmentConfiguration());
        b.ApplyConfiguration(new UserSessionConfiguration());
        b.ApplyConfiguration(new RecoveryCodeConfiguration());
        b.ApplyConfiguration(new ExternalLoginConfiguration());
        b.ApplyConfiguration(new InstallationKeyConfiguration());
        b.ApplyConfiguration(new RateLimitWindowConfiguration());
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

    protected override IReadOnlyList<string> AppendOnlyTriggers => AuditTriggers.Sqlite.Names;
}

public sealed class PostgresRosterDb(DbContextOptions<PostgresRosterDb> options) : RosterDb(options)
{
    // Note: with a linguistic collation PostgreSQL cannot use a b-tree index for a range like
    // "x >= 'ab' AND x < 'ab\uffff'"; the C collation compares bytes, as SQLite does.
    protected override string? OrdinalCollation => "C";

    protected override IReadOnlyList<string> AppendOnlyTriggers => AuditTriggers.Postgres.Names;
}
