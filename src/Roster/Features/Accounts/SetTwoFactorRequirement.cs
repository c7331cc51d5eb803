using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Accounts;

/// <summary>
/// "Require two-factor authentication" for the account's users. Users who have none yet are sent to set it up after
/// their next sign-in, and cannot use any other console page until they have; sessions already open are held to it at
/// their next page.
/// </summary>
public static class SetTwoFactorRequirement
{
    public static async Task<Results<Ok<AccountResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, IOptions<PlanOptions> plans,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var required = body.Bool("required");
        if (required is null && body.Error is null)
        {
            body.Refuse(new MissingFields("required"));
        }
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var changed = await RunAsync(accountId, required!.Value, db, actor, time, ct);
        return changed.Succeeded ? TypedResults.Ok(await AccountResponse.LoadAsync(db, changed.Value, plans.Value, ct)) : changed.Error;
    }

    public static async Task<Outcome<Account>> RunAsync(string accountId, bool required, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        var before = account.RequireTwoFactor;
        account.RequireTwoFactor = required;
        account.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, AuditAction.AccountTwoFactorRequirement, "account", accountId,
            new { require_two_factor = before }, new { require_two_factor = required });
        await db.SaveChangesAsync(ct);
        return account;
    }
}
