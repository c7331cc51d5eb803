using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Rotating the account management key's secret (<c>/console/account/rotate-key</c>): a confirmation, then the new secret on
/// the POST's own answer, once; it is never stored for a later page (no flash, no cache), so reloading shows it no more.
/// </summary>
public sealed class AccountRotateKeyModel(RosterDb db, TimeProvider time) : ConsolePage
{
    protected override string? RequiredFeature => CloudinaryFeatures.AccountKeysManage;

    public string ApiKey { get; private set; } = "";

    public RotatedAccountKey? Rotated { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        ApiKey = await db.Accounts.Where(a => a.Id == AccountId).Select(a => a.ApiKey).FirstAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.AccountKeysManage))
        {
            Flash("Your roles do not allow managing the account's keys.", refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        var rotated = await RotateAccountKey.RunAsync(AccountId, db, Actor.From(HttpContext), time, ct);
        if (!rotated.Succeeded)
        {
            Flash(rotated.Error.Message, refusal: true);
            return LocalRedirect(ConsoleLinks.Account);
        }
        Rotated = rotated.Value;
        ApiKey = rotated.Value.ApiKey;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
