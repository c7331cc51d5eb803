using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;

namespace Roster.Features.ProductEnvironments;

public static class GetProductEnvironment
{
    public static async Task<Results<Ok<ProductEnvironmentResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string id,
        RosterDb db, AccessKeySecrets secrets, CancellationToken ct) =>
        await db.FindAsync(accountId, id, ct) is { } p
            ? TypedResults.Ok(ProductEnvironmentResponse.From(p, secrets))
            : ProductEnvironmentsApi.Missing(id);
}
