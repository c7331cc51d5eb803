using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Security;

namespace Roster.Data.Configurations;

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> e)
    {
        e.ToTable("RateLimitWindows");
        e.HasKey(w => new { w.Key, w.WindowStart });
        e.Property(w => w.Key).HasMaxLength(64);
    }
}
