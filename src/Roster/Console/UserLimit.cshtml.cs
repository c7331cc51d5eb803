using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Change user limit (<c>/console/account/user-limit</c>): on the plus and advanced plans, which are billed directly, the
/// number of additional user subscriptions (0–20) through <see cref="SetAdditionalUserSubscriptions"/>, at once and
/// audited; on other plans, who can raise the limit instead. Shows the plan, its base limit, the subscriptions, the users
/// counted and the resulting limit, as the account endpoint counts them.
/// </summary>
public sealed class UserLimitModel(RosterDb db, IOptions<PlanOptions> plans, TimeProvider time) : ConsolePage
{
    public const string CountField = "count";

    protected override string? RequiredFeature => CloudinaryFeatures.BillingUpdate;

    [BindProperty(Name = CountField)]
    public string? Count { get; set; }

    public AccountResponse Account { get; private set; } = null!;

    public int BaseLimit { get; private set; }

    public bool CanBuy => Shell.Plan.CanBuyAdditionalUsers();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await DescribeAsync(ct);
        Count = Account.AdditionalUserSubscriptions.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.BillingUpdate))
        {
            Errors[CountField] = "Your roles do not allow changing the user limit.";
        }
        else if (!int.TryParse(Count?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Errors[CountField] = $"Enter a whole number from 0 to {Plans.MaxAdditionalUserSubscriptions}.";
        }
        else
        {
            var changed = await SetAdditionalUserSubscriptions.RunAsync(AccountId, count, db, Actor.From(HttpContext), time, ct);
            if (changed.Succeeded)
            {
                Flash($"The user limit is now {changed.Value.UserLimit(plans.Value)}, with {count} additional user {(count == 1 ? "subscription" : "subscriptions")}.");
                return LocalRedirect(ConsoleLinks.UserLimit);
            }
            Refused(changed.Error, CountField);
        }
        await DescribeAsync(ct);
        return Page();
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        Account = await AccountResponse.LoadAsync(db, account, plans.Value, ct);
        BaseLimit = account.Plan.IsContract() ? Account.UserLimit : plans.Value.BaseLimit(account.Plan);
    }
}
