using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Users;

public static class GetUserProductEnvironments
{
    public static async Task<Results<Ok<UserProductEnvironmentsResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId, RosterDb db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AccountId == accountId)
            .Select(u => new { u.AllProductEnvironments }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return UsersApi.Missing(userId);
        }
        var products = db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId);
        if (!user.AllProductEnvironments)
        {
            products = products.Where(p => db.UserProductEnvironments.Any(x => x.UserId == userId && x.ProductEnvironmentId == p.Id));
        }
        var list = await products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new ProductEnvironmentSummary(p.Id, p.Name, null, p.CloudName, p.Enabled))
            .ToListAsync(ct);
        return TypedResults.Ok(new UserProductEnvironmentsResponse(list));
    }
}
