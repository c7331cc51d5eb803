using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Accounts;

/// <summary>The account management key after a rotation: the only time its new secret is ever seen.</summary>
public sealed record RotatedAccountKey(string ApiKey, string ApiSecret, string AccountUrl);

/// <summary>
/// A new secret for the account management key (the Provisioning API's key), for when the old one may have leaked. The key id
/// stays; the secret is stored hashed as at account creation, so the old one stops working with the next request.
/// </summary>
public static class RotateAccountKey
{
    public static async Task<Results<Ok<RotatedAccountKey>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var rotated = await RunAsync(accountId, db, actor, time, ct);
        return rotated.Succeeded ? TypedResults.Ok(rotated.Value) : rotated.Error;
    }

    public static async Task<Outcome<RotatedAccountKey>> RunAsync(string accountId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId && a.CancelledAt == null, ct) is not { } account)
        {
            return new ObjectNotFound($"Cannot find account with id {accountId}");
        }
        var secret = Secrets.NewSecret(32);
        account.ApiSecretHash = Secrets.HashSecret(secret);
        account.UpdatedAt = time.GetUtcNow();
        // Note: the snapshots name the key, never a secret or its hash.
        db.Audit(actor, time, accountId, AuditAction.AccountRotateKey, "account", accountId,
            new { api_key = account.ApiKey }, new { api_key = account.ApiKey, secret_rotated = true });
        await db.SaveChangesAsync(ct);
        return new RotatedAccountKey(account.ApiKey, secret, $"account://{account.ApiKey}:{secret}@{account.Id}");
    }
}
