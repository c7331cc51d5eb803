using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Accounts;

public static class SetAdditionalUserSubscriptions
{
    public static async Task<Results<Ok<AccountResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, IOptions<PlanOptions> plans,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var count = body.Int("count", 0, int.MaxValue) ?? throw RequestValues.Bad("'count' is required.");
        if (count > Plans.MaxAdditionalUserSubscriptions)
        {
            return new InvalidInput($"At most {Plans.MaxAdditionalUserSubscriptions} additional user subscriptions can be bought; contact your provider for more.");
        }
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        if (!account.Plan.CanBuyAdditionalUsers())
        {
            return new PlanFeatureUnavailable(
                $"Additional user subscriptions are available only on the plus and advanced plans, not on {account.Plan.Wire()}.");
        }
        var before = account.AdditionalUserSubscriptions;
        account.AdditionalUserSubscriptions = count;
        account.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, "account.additional_user_subscriptions", "account", accountId,
            new { additional_user_subscriptions = before }, new { additional_user_subscriptions = count });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AccountResponse.LoadAsync(db, account, plans.Value, ct));
    }
}
