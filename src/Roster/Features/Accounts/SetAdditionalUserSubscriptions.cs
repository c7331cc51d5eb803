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
        var count = body.Int("count", 0, int.MaxValue);
        if (count is null)
        {
            body.Refuse(new MissingFields("count"));
        }
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var changed = await RunAsync(accountId, count!.Value, db, actor, time, ct);
        return changed.Succeeded ? TypedResults.Ok(await AccountResponse.LoadAsync(db, changed.Value, plans.Value, ct)) : changed.Error;
    }

    /// <summary>Sets how many additional user subscriptions (0–20) a plus or advanced account holds, at once.</summary>
    public static async Task<Outcome<Account>> RunAsync(string accountId, int count, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (count is < 0 or > Plans.MaxAdditionalUserSubscriptions)
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
        db.Audit(actor, time, accountId, AuditAction.AccountAdditionalUserSubscriptions, "account", accountId,
            new { additional_user_subscriptions = before }, new { additional_user_subscriptions = count });
        await db.SaveChangesAsync(ct);
        return account;
    }
}
