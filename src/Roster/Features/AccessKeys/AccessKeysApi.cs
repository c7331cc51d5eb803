using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Features.AccessKeys;

public static class AccessKeysApi
{
    public static RouteGroupBuilder MapAccessKeysApi(this RouteGroupBuilder account)
    {
        var group = account.MapGroup("/sub_accounts/{sub_account_id}/access_keys").WithTags("Access keys");
        group.MapGet("/", ListAccessKeys.HandleAsync)
            .WithSummary("List a product environment's access keys")
            .WithDescription("Paging: page_size (1–100), page (omitted: all). sort_by: api_key, created_at, name, enabled; sort_order: desc (default) or asc.");
        group.MapPost("/", GenerateAccessKey.HandleAsync).WithSummary("Generate an access key").WithDescription("Body: name, enabled.");
        group.MapPut("/{api_key}", UpdateAccessKey.HandleAsync)
            .WithSummary("Update an access key")
            .WithDescription("Body: name, enabled, dedicated_for (\"webhooks\": this key becomes the product environment's only webhook key).");
        group.MapDelete("/{api_key}", DeleteAccessKey.ByKeyAsync).WithSummary("Delete an access key");
        group.MapDelete("/", DeleteAccessKey.ByNameAsync).WithSummary("Delete an access key by name").WithDescription("name in the query or the body.");
        return group;
    }

    public static Task<bool> ProductEnvironmentExistsAsync(this RosterDb db, string accountId, string productEnvironmentId, CancellationToken ct) =>
        db.ProductEnvironments.AnyAsync(p => p.Id == productEnvironmentId && p.AccountId == accountId, ct);
}

public sealed record AccessKeyResponse(
    string? Name, string ApiKey, string ApiSecret, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<string>? DedicatedFor)
{
    public static AccessKeyResponse From(AccessKey k, AccessKeySecrets secrets) => new(
        k.Name, k.ApiKey, secrets.Reveal(k), k.Enabled, k.CreatedAt, k.UpdatedAt,
        k.DedicatedFor is null ? null : [k.DedicatedFor]);
}

/// <summary>What the audit log keeps of a key: never its secret.</summary>
public sealed record AccessKeySnapshot(string ApiKey, string ProductEnvironmentId, string? Name, bool Enabled, string? DedicatedFor)
{
    public static AccessKeySnapshot Of(AccessKey k) => new(k.ApiKey, k.ProductEnvironmentId, k.Name, k.Enabled, k.DedicatedFor);
}
