using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Accounts;

public sealed record AccountResponse(
    string Id, string Name, string Plan, int UserLimit, int Users, int? Seats, int AdditionalUserSubscriptions,
    string? RootUserId, bool RequireTwoFactor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static async Task<AccountResponse> LoadAsync(RosterDb db, Account a, PlanOptions plans, CancellationToken ct)
    {
        var rootUserId = await db.Users.Where(u => u.AccountId == a.Id && u.IsRoot).Select(u => u.Id).FirstOrDefaultAsync(ct);
        return new(a.Id, a.Name, a.Plan.Wire(), a.UserLimit(plans), a.LiveUsers, a.Seats, a.AdditionalUserSubscriptions,
            rootUserId, a.RequireTwoFactor, a.CreatedAt, a.UpdatedAt);
    }
}

public static class GetAccount
{
    public static async Task<Results<Ok<AccountResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RosterDb db, IOptions<PlanOptions> plans, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        return TypedResults.Ok(await AccountResponse.LoadAsync(db, account, plans.Value, ct));
    }
}
