using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.ProductEnvironments;

/// <summary>What to change of a product environment; null leaves a field as it is.</summary>
public sealed record ProductEnvironmentChanges(
    DisplayName? Name = null, string? CloudName = null, IReadOnlyDictionary<string, string>? Attributes = null, bool? Enabled = null);

public static class UpdateProductEnvironment
{
    public static async Task<Results<Ok<ProductEnvironmentResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string id,
        RequestValues body, RosterDb db, AccessKeySecrets secrets, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changes = new ProductEnvironmentChanges(
            body.Name("name"), body.CloudName("cloud_name"), body.Attributes("custom_attributes"), body.Bool("enabled"));
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var updated = await RunAsync(accountId, id, changes, db, actor, time, ct);
        return updated.Succeeded ? TypedResults.Ok(ProductEnvironmentResponse.From(updated.Value, secrets)) : updated.Error;
    }

    public static async Task<Outcome<ProductEnvironment>> RunAsync(
        string accountId, string id, ProductEnvironmentChanges changes, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.FindAsync(accountId, id, ct) is not { } product)
        {
            return ProductEnvironmentsApi.Missing(id);
        }
        var before = ProductEnvironmentSnapshot.Of(product);
        if (changes.Name is { } name) product.Name = name.Value;
        if (changes.CloudName is { } cloudName)
        {
            product.CloudName = cloudName;
            product.CloudNameNormalized = CloudNames.Normalize(cloudName);
        }
        if (changes.Attributes is { } attributes) ProductEnvironmentAttributes.Write(product, new(attributes));
        if (changes.Enabled is { } enabled) product.Enabled = enabled;
        product.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, AuditAction.ProductEnvironmentUpdate, "product_environment", product.Id,
            before, ProductEnvironmentSnapshot.Of(product));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueCloudName, "ProductEnvironments.CloudNameNormalized"))
        {
            return new NameAlreadyTaken($"Cloud name {changes.CloudName} has already been taken");
        }
        return product;
    }
}
