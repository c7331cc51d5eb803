using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.ProductEnvironments;

public static class UpdateProductEnvironment
{
    public static async Task<Results<Ok<ProductEnvironmentResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string id,
        RequestValues body, RosterDb db, AccessKeySecrets secrets, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = Names.Optional(body, "name");
        var cloudName = body.String("cloud_name") is { } given ? CloudNames.Validate(given) : null;
        var attributes = body.Attributes("custom_attributes");
        var enabled = body.Bool("enabled");

        if (await db.FindAsync(accountId, id, ct) is not { } product)
        {
            return ProductEnvironmentsApi.Missing(id);
        }
        var before = ProductEnvironmentSnapshot.Of(product);
        if (name is not null) product.Name = name;
        if (cloudName is not null)
        {
            product.CloudName = cloudName;
            product.CloudNameNormalized = cloudName.ToLowerInvariant();
        }
        if (attributes is not null) ProductEnvironmentAttributes.Write(product, attributes);
        if (enabled is not null) product.Enabled = enabled.Value;
        product.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, "product_environment.update", "product_environment", product.Id,
            before, ProductEnvironmentSnapshot.Of(product));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueCloudName, "ProductEnvironments.CloudNameNormalized"))
        {
            return new NameAlreadyTaken($"Cloud name {cloudName} has already been taken");
        }
        return TypedResults.Ok(ProductEnvironmentResponse.From(product, secrets));
    }
}
