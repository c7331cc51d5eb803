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

/// <summary>A product environment to create.</summary>
/// <param name="CloudName">Null: one is made from the name.</param>
/// <param name="Attributes">Null: the base product environment's, or none.</param>
/// <param name="BaseId">A product environment of the account whose settings are copied.</param>
public sealed record NewProductEnvironment(
    DisplayName Name, string? CloudName = null, IReadOnlyDictionary<string, string>? Attributes = null, string? BaseId = null, bool Enabled = true);

public static class CreateProductEnvironment
{
    public static async Task<Results<Ok<ProductEnvironmentResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, AccessKeySecrets secrets,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = body.RequiredName("name");
        var request = new NewProductEnvironment(
            name.GetValueOrDefault(), body.CloudName("cloud_name"), body.Attributes("custom_attributes"), body.String("base_sub_account_id"),
            body.Bool("enabled") ?? true);
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var created = await RunAsync(accountId, request, db, secrets, actor, time, ct);
        return created.Succeeded ? TypedResults.Ok(ProductEnvironmentResponse.From(created.Value, secrets)) : created.Error;
    }

    /// <summary>Creates a product environment with one enabled access key; its cloud name must be free across all accounts.</summary>
    public static async Task<Outcome<ProductEnvironment>> RunAsync(
        string accountId, NewProductEnvironment request, RosterDb db, AccessKeySecrets secrets, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var cloudName = request.CloudName ?? CloudNames.Generate(request.Name.Value);
        ProductEnvironment? basis = null;
        if (request.BaseId is { } baseId && (basis = await db.FindAsync(accountId, baseId, ct)) is null)
        {
            return ProductEnvironmentsApi.Missing(baseId);
        }

        var now = time.GetUtcNow();
        var product = new ProductEnvironment
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = request.Name.Value,
            CloudName = cloudName,
            CloudNameNormalized = CloudNames.Normalize(cloudName),
            Enabled = request.Enabled,
            BaseProductEnvironmentId = basis?.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Settings are copied from the base product environment; Roster's settings are its attributes.
        ProductEnvironmentAttributes.Write(product,
            request.Attributes is { } given ? new(given) : basis is null ? [] : new(ProductEnvironmentAttributes.Read(basis)));
        product.AccessKeys.Add(secrets.Create(product.Id, "root", enabled: true, now));
        db.ProductEnvironments.Add(product);
        db.Audit(actor, time, accountId, AuditAction.ProductEnvironmentCreate, "product_environment", product.Id,
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
        return product;
    }
}
