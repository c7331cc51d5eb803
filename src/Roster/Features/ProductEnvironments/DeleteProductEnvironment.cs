using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.ProductEnvironments;

public static class DeleteProductEnvironment
{
    public static async Task<Results<Ok<MessageResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string id,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunAsync(accountId, id, db, actor, time, ct) is { } refused ? refused : TypedResults.Ok(MessageResponse.Ok);

    /// <summary>Deletes a product environment of the account, with its access keys and what was granted in it.</summary>
    public static async Task<RosterError?> RunAsync(string accountId, string id, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindAsync(accountId, id, ct) is not { } product)
        {
            return ProductEnvironmentsApi.Missing(id);
        }
        // Its access keys and users' grants to it go with it (cascading foreign keys); role assignments in it
        // or held by its keys, and its custom policies, are removed here.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RevokeInProductEnvironmentAsync(accountId, product, actor, time, ct);
        db.ProductEnvironments.Remove(product);
        db.Audit(actor, time, accountId, AuditAction.ProductEnvironmentDelete, "product_environment", product.Id,
            before: ProductEnvironmentSnapshot.Of(product));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }
}
