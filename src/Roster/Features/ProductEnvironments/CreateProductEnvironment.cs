using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.ProductEnvironments;

public static class CreateProductEnvironment
{
    public static async Task<Results<Ok<ProductEnvironmentResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, AccessKeySecrets secrets,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = Names.Required(body, "name");
        var cloudName = body.String("cloud_name") is { } given ? CloudNames.Validate(given) : CloudNames.Generate(name);
        var attributes = body.Attributes("custom_attributes");
        var baseId = body.String("base_sub_account_id");

        ProductEnvironment? basis = null;
        if (baseId is not null && (basis = await db.FindAsync(accountId, baseId, ct)) is null)
        {
            return ProductEnvironmentsApi.Missing(baseId);
        }

        var now = time.GetUtcNow();
        var product = new ProductEnvironment
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = name,
            CloudName = cloudName,
            CloudNameNormalized = cloudName.ToLowerInvariant(),
            Enabled = body.Bool("enabled") ?? true,
            BaseProductEnvironmentId = basis?.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Settings are copied from the base product environment; Roster's settings are its attributes.
        ProductEnvironmentAttributes.Write(product, attributes ?? (basis is null ? [] : new(ProductEnvironmentAttributes.Read(basis))));
        product.AccessKeys.Add(secrets.Create(product.Id, "root", enabled: true, now));
        db.ProductEnvironments.Add(product);
        db.Audit(actor, time, accountId, "product_environment.create", "product_environment", product.Id,
            after: ProductEnvironmentSnapshot.Of(product));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueCloudName, "ProductEnvironments.CloudNameNormalized"))
        {
            return new NameAlreadyTaken($"Cloud name {cloudName} has already been taken");
        }
        // A legacy account's decisions give every key its product environment: they are compiled again.
        await db.BumpPermissionsVersionAsync(accountId, ct);
        return TypedResults.Ok(ProductEnvironmentResponse.From(product, secrets));
    }
}
