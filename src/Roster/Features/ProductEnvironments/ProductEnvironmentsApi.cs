using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.ProductEnvironments;

public static class ProductEnvironmentsApi
{
    public static RouteGroupBuilder MapProductEnvironmentsApi(this RouteGroupBuilder account)
    {
        var group = account.MapGroup("/sub_accounts").WithTags("Product environments");
        group.MapGet("/", ListProductEnvironments.HandleAsync)
            .WithSummary("List product environments")
            .WithDescription("Filters: enabled, ids (up to 100; overrides the others), cloud_names (up to 100), prefix (case-insensitive name prefix).");
        group.MapPost("/", CreateProductEnvironment.HandleAsync)
            .WithSummary("Create a product environment")
            .WithDescription("Body: name (required), cloud_name, custom_attributes, enabled, base_sub_account_id. The new product environment holds one enabled access key.");
        group.MapGet("/{sub_account_id}", GetProductEnvironment.HandleAsync).WithSummary("Get a product environment");
        group.MapPut("/{sub_account_id}", UpdateProductEnvironment.HandleAsync)
            .WithSummary("Update a product environment")
            .WithDescription("Body: name, cloud_name, custom_attributes, enabled.");
        group.MapDelete("/{sub_account_id}", DeleteProductEnvironment.HandleAsync).WithSummary("Delete a product environment");
        return group;
    }

    /// <summary>The product environment with its keys, if it belongs to the account.</summary>
    public static Task<ProductEnvironment?> FindAsync(this RosterDb db, string accountId, string id, CancellationToken ct) =>
        db.ProductEnvironments.Include(p => p.AccessKeys)
            .FirstOrDefaultAsync(p => p.Id == id && p.AccountId == accountId, ct);

    public static ObjectNotFound Missing(string id) => new($"Cannot find sub account with id {id}");
}
