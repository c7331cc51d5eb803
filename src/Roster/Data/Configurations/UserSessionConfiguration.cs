using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.SignIn;
using Roster.Features.Users;

namespace Roster.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.ToTable("Sessions");
        e.Property(s => s.Id).HasMaxLength(64);
        e.Property(s => s.UserId).HasMaxLength(64);
        e.Property(s => s.AccountId).HasMaxLength(64);
        e.Property(s => s.Method).HasMaxLength(64);
        e.Property(s => s.Stage).HasMaxLength(16);
        e.Property(s => s.SecurityStamp).HasMaxLength(64);
        e.Property(s => s.EndReason).HasMaxLength(32);
        e.Property(s => s.ClientAddress).HasMaxLength(64);
        e.Property(s => s.UserAgent).HasMaxLength(512);
        e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.TokenHash).IsUnique();
        e.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}

public sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> e)
    {
        e.Property(r => r.Id).HasMaxLength(64);
        e.Property(r => r.UserId).HasMaxLength(64);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.UserId, r.CodeHash }).IsUnique();
    }
}

public sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> e)
    {
        e.HasKey(l => new { l.Provider, l.Subject });
        e.Property(l => l.Provider).HasMaxLength(64);
        e.Property(l => l.Subject).HasMaxLength(255);
        e.Property(l => l.UserId).HasMaxLength(64);
        e.HasOne<User>().WithMany(u => u.ExternalLogins).HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        // Note: one account per provider for a user, held by the database, so that two first sign-ins at once cannot link
        // two different accounts of the same provider; the link is the identity.
        e.HasIndex(l => new { l.UserId, l.Provider }).IsUnique().HasDatabaseName(ExternalSignIn.ExternalLoginIndex);
    }
}
