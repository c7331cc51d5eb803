using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Account (<c>/console/account</c>): the plan and the user limit, the account management key, the permission system (on a
/// legacy account a link to the migration's page, which shows its plan), the two-factor requirement, and, for the root user,
/// cancelling. Changes run through the same operations as Roster's API; the confirmation pages below it carry the one-way ones.
/// </summary>
public sealed class AccountModel(RosterDb db, IOptions<PlanOptions> plans, TimeProvider time) : ConsolePage
{
    protected override string? RequiredFeature => CloudinaryFeatures.AccountView;

    public Roster.Features.Accounts.Account Account { get; private set; } = null!;

    public int UserLimit { get; private set; }

    // Note: a post to a handler the page lacks renders the page too, so what it shows is read whenever a page is answered.
    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                await LoadAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    /// <summary>Turns "Require two-factor authentication" on or off.</summary>
    public async Task<IActionResult> OnPostTwoFactorAsync([FromForm(Name = "required")] string? required, CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.AccountSecurityUpdate))
        {
            Flash("Your roles do not allow changing the account's security settings.", refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        var on = required is "true" or "on";
        var changed = await SetTwoFactorRequirement.RunAsync(AccountId, on, db, Actor.From(HttpContext), time, ct);
        Flash(!changed.Succeeded ? changed.Error.Message
            : on ? "Two-factor authentication is now required: users without it set it up at their next page."
            : "Two-factor authentication is no longer required.", refusal: !changed.Succeeded);
        return LocalRedirect(ConsoleLinks.Account + "#security");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == AccountId, ct);
        UserLimit = Account.UserLimit(plans.Value);
    }
}
