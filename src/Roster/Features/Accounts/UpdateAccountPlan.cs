using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Accounts;

/// <summary>A change of an account's plan or seats; null leaves that part as it is.</summary>
/// <param name="Plan">A plan's wire name (<c>free</c>, <c>plus</c>, <c>advanced</c>, <c>enterprise</c>, <c>custom</c>), read by the operation.</param>
/// <param name="Seats">Seats on an enterprise or custom plan (1 to 1,000,000).</param>
public sealed record PlanChange(string? Plan, int? Seats);

/// <summary>
/// The Roster operator's way to raise (or lower) an account's user limit: <c>./roster accounts update ACCOUNT_ID --seats N</c> or
/// <c>--plan PLAN</c>. Self-service plans cannot change their own plan or seats; plus and advanced accounts buy additional
/// user subscriptions instead (<see cref="SetAdditionalUserSubscriptions"/>).
/// </summary>
public static class UpdateAccountPlan
{
    public const int MaxSeats = 1_000_000;

    /// <summary>
    /// Sets the plan and the seats, as <see cref="CreateAccount"/> takes them: seats only on enterprise and custom plans
    /// (a contract plan without seats keeps the account's, else the default), and additional user subscriptions only
    /// where the plan can hold them (moving elsewhere drops them). The limit may end below the users already counted:
    /// the account is then over its limit, its users stay, and no user can be added until enough are deleted or the
    /// limit is raised again (<see cref="Seats.TryTakeAsync"/> refuses every new seat). Audited as <c>account.plan_change</c>.
    /// </summary>
    public static async Task<Outcome<Account>> RunAsync(
        string accountId, PlanChange change, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (change.Plan is null && change.Seats is null)
        {
            return new InvalidInput("Give a plan, seats, or both.");
        }
        Plan? plan = null;
        if (change.Plan is not null)
        {
            if (!Plans.TryParse(change.Plan, out var parsed))
            {
                return new InvalidField("plan", RequestValues.Shorten(change.Plan),
                    "The plan must be one of free, plus, advanced, enterprise or custom.");
            }
            plan = parsed;
        }
        if (await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct) is not { } account)
        {
            return new ObjectNotFound($"Cannot find account with id {accountId}");
        }
        if (account.CancelledAt is not null)
        {
            return new InvalidInput("The account is cancelled: its plan cannot change.");
        }
        var newPlan = plan ?? account.Plan;
        if (change.Seats is not null && !newPlan.IsContract())
        {
            return new InvalidField("seats", change.Seats,
                $"Seats are set only on enterprise and custom plans; the {newPlan.Wire()} plan has a fixed limit.");
        }
        if (change.Seats is < 1 or > MaxSeats)
        {
            return new InvalidField("seats", change.Seats, $"Seats must be between 1 and {MaxSeats}.");
        }

        var before = new { plan = account.Plan.Wire(), seats = account.Seats, additional_user_subscriptions = account.AdditionalUserSubscriptions };
        account.Plan = newPlan;
        account.Seats = newPlan.IsContract() ? change.Seats ?? account.Seats : null;
        if (!newPlan.CanBuyAdditionalUsers())
        {
            account.AdditionalUserSubscriptions = 0;
        }
        account.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, AuditAction.AccountPlanChange, "account", accountId, before,
            new { plan = account.Plan.Wire(), seats = account.Seats, additional_user_subscriptions = account.AdditionalUserSubscriptions });
        await db.SaveChangesAsync(ct);
        return account;
    }
}
