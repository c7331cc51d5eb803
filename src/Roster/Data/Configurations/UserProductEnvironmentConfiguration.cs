using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Roster.Features.ProductEnvironments;
using Roster.Features.Users;

namespace Roster.Data.Configurations;

public sealed class UserProductEnvironmentConfiguration : IEntityTypeConfiguration<UserProductEnvironment>
{
    public void Configure(EntityTypeBuilder<UserProductEnvironment> e)
    {
        e.HasKey(x => new { x.UserId, x.ProductEnvironmentId });
        e.HasOne<User>().WithMany(u => u.ProductEnvironments).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ProductEnvironment>().WithMany().HasForeignKey(x => x.ProductEnvironmentId).OnDelete(DeleteBehavior.Cascade);
        // A product environment's users, read on the index alone (the Users page's filter).
        e.HasIndex(x => new { x.ProductEnvironmentId, x.UserId });
    }
}
