using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Accounts;

public sealed record AccountResponse(
    string Id, string Name, string Plan, int UserLimit, int Users, int? Seats, int AdditionalUserSubscriptions,
    string? RootUserId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AccountResponse From(Account a, PlanOptions plans, string? rootUserId) => new(
        a.Id, a.Name, a.Plan.Wire(), a.UserLimit(plans), a.LiveUsers, a.Seats, a.AdditionalUserSubscriptions, rootUserId, a.CreatedAt, a.UpdatedAt);
}

public static class GetAccount
{
    public static async Task<Results<Ok<AccountResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RosterDb db, IOptions<PlanOptions> plans, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var root = await db.Users.Where(u => u.AccountId == accountId && u.IsRoot).Select(u => u.Id).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(AccountResponse.From(account, plans.Value, root));
    }
}
