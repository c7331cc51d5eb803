using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.Accounts;
using Roster.Features.Users;

namespace Roster.Data.Configurations;

/// <param name="ordinalCollation">The engine's ordinal collation (<see cref="RosterDb.OrdinalCollation"/>), for the normalised columns prefix ranges read.</param>
public sealed class UserConfiguration(string? ordinalCollation) : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.Property(u => u.Id).HasMaxLength(64);
        e.Property(u => u.AccountId).HasMaxLength(64);
        e.Property(u => u.Name).HasMaxLength(255);
        e.Property(u => u.FirstName).HasMaxLength(255);
        e.Property(u => u.LastName).HasMaxLength(255);
        e.Property(u => u.Email).HasMaxLength(320);
        e.Property(u => u.EmailNormalized).HasMaxLength(320).UseCollation(ordinalCollation);
        e.Property(u => u.NameNormalized).HasMaxLength(255).UseCollation(ordinalCollation);
        e.Property(u => u.Role).HasMaxLength(64);
        e.Property(u => u.Status).HasMaxLength(16);
        e.HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId);
        // The rule "one live user per e-mail across all accounts" lives here, in the database.
        e.HasIndex(u => u.EmailNormalized).IsUnique().HasFilter("\"Status\" <> 'inactive'").HasDatabaseName(RosterDb.UniqueLiveEmail);
        // Prefix search reads the normalised columns' ranges; each listing order (the Users page's and the Provisioning API's)
        // reads its index in order, the id breaking ties, so that page 500 of 100,000 users is a walk along an index, not a sort.
        // The status comes last in each: the default listing leaves deleted users out, and with the status in the index the
        // users skipped on the way to page 500 are judged on the index alone, without reading their rows.
        e.HasIndex(u => new { u.AccountId, u.EmailNormalized, u.Id, u.Status });
        e.HasIndex(u => new { u.AccountId, u.NameNormalized, u.Id, u.Status });
        e.HasIndex(u => new { u.AccountId, u.CreatedAt, u.Id, u.Status });
        e.HasIndex(u => new { u.AccountId, u.LastLoginAt, u.Id, u.Status });
        // The filters' counts: by status, by legacy role, and "all product environments", each an index range; the last
        // holds the id too, so that "named on this product environment" is matched on the index alone.
        e.HasIndex(u => new { u.AccountId, u.Status });
        e.HasIndex(u => new { u.AccountId, u.Role, u.Status });
        e.HasIndex(u => new { u.AccountId, u.AllProductEnvironments, u.Status, u.Id });
        e.HasIndex(u => u.AccountId).IsUnique().HasFilter("\"IsRoot\"").HasDatabaseName("IX_Users_AccountId_Root");
        e.Property(u => u.TwoFactorKey).HasMaxLength(1024);
        e.Property(u => u.EmailPreferences).HasConversion(StringMapAsJson.Converter, StringMapAsJson.Comparer);
        e.Ignore(u => u.IsLive);
    }
}
