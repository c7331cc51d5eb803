using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Authorization.Catalogue;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.AccessKeys;

public static class DeleteAccessKey
{
    public static async Task<Results<Ok<MessageResponse>, RosterError>> ByKeyAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        [FromRoute(Name = "api_key")] string apiKey, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RemoveAsync(await db.FindKeyAsync(accountId, productEnvironmentId, apiKey, ct), accountId, db, actor, time, ct);

    public static async Task<Results<Ok<MessageResponse>, RosterError>> ByNameAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        RequestValues values, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = values.RequiredString("name");
        var key = await db.AccessKeys.FirstOrDefaultAsync(k => k.Name == name && k.ProductEnvironmentId == productEnvironmentId
            && db.ProductEnvironments.Any(p => p.Id == productEnvironmentId && p.AccountId == accountId), ct);
        return await RemoveAsync(key, accountId, db, actor, time, ct);
    }

    private static async Task<Results<Ok<MessageResponse>, RosterError>> RemoveAsync(
        AccessKey? key, string accountId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (key is null)
        {
            return new ObjectNotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RevokeHeldByAsync(accountId, PrincipalType.ApiKey, [key.ApiKey], actor, time, ct);
        db.AccessKeys.Remove(key);
        db.Audit(actor, time, accountId, "access_key.delete", "access_key", key.ApiKey, before: AccessKeySnapshot.Of(key));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(MessageResponse.Ok);
    }
}
