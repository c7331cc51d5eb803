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

/// <summary>An access key named by its key, or else by its name.</summary>
public sealed record AccessKeyRef(string? ApiKey, string? Name);

public static class DeleteAccessKey
{
    public static async Task<Results<Ok<MessageResponse>, RosterError>> ByKeyAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        [FromRoute(Name = "api_key")] string apiKey, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunAsync(accountId, productEnvironmentId, new AccessKeyRef(apiKey, null), db, actor, time, ct) is { } refused
            ? refused
            : TypedResults.Ok(MessageResponse.Ok);

    public static async Task<Results<Ok<MessageResponse>, RosterError>> ByNameAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        RequestValues values, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = values.RequiredString("name");
        if (values.Error is { } invalid)
        {
            return invalid;
        }
        return await RunAsync(accountId, productEnvironmentId, new AccessKeyRef(null, name), db, actor, time, ct) is { } refused
            ? refused
            : TypedResults.Ok(MessageResponse.Ok);
    }

    /// <summary>Deletes an access key of a product environment, by its key or its name; what it held is revoked.</summary>
    public static async Task<RosterError?> RunAsync(
        string accountId, string productEnvironmentId, AccessKeyRef which, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var key = which.ApiKey is { } apiKey
            ? await db.FindKeyAsync(accountId, productEnvironmentId, apiKey, ct)
            : await db.AccessKeys.FirstOrDefaultAsync(k => k.Name == which.Name && k.ProductEnvironmentId == productEnvironmentId
                && db.ProductEnvironments.Any(p => p.Id == productEnvironmentId && p.AccountId == accountId), ct);
        if (key is null)
        {
            return new ObjectNotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RevokeHeldByAsync(accountId, PrincipalType.ApiKey, [key.ApiKey], actor, time, ct);
        db.AccessKeys.Remove(key);
        db.Audit(actor, time, accountId, AuditAction.AccessKeyDelete, "access_key", key.ApiKey, before: AccessKeySnapshot.Of(key));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }
}
