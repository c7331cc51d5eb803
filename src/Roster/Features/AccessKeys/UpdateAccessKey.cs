using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.AccessKeys;

/// <summary>What to change of an access key; null leaves a field as it is.</summary>
/// <param name="DedicatedFor"><c>webhooks</c>: the key signs the product environment's webhooks (one key at a time).</param>
public sealed record AccessKeyChanges(string? Name = null, bool? Enabled = null, string? DedicatedFor = null);

public static class UpdateAccessKey
{
    public const string Webhooks = "webhooks";

    public static async Task<Results<Ok<AccessKeyResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        [FromRoute(Name = "api_key")] string apiKey, RequestValues body, RosterDb db, AccessKeySecrets secrets,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changes = new AccessKeyChanges(body.Name("name")?.Value, body.Bool("enabled"), body.String("dedicated_for")?.Trim().ToLowerInvariant());
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var updated = await RunAsync(accountId, productEnvironmentId, apiKey, changes, db, actor, time, ct);
        return updated.Succeeded ? TypedResults.Ok(AccessKeyResponse.From(updated.Value, secrets)) : updated.Error;
    }

    public static async Task<Outcome<AccessKey>> RunAsync(string accountId, string productEnvironmentId, string apiKey,
        AccessKeyChanges changes, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var (name, enabled, dedicatedFor) = changes;
        if (dedicatedFor is not null and not Webhooks)
        {
            return new InvalidInput("'dedicated_for' must be \"webhooks\".");
        }

        var key = await db.FindKeyAsync(accountId, productEnvironmentId, apiKey, ct);
        if (key is null)
        {
            return new ObjectNotFound();
        }
        var now = time.GetUtcNow();
        var before = AccessKeySnapshot.Of(key);
        if (name is not null) key.Name = name;
        if (enabled is not null) key.Enabled = enabled.Value;
        if (dedicatedFor is not null)
        {
            // One key per product environment holds a purpose: assigning it takes it from the previous holder.
            var previous = await db.AccessKeys
                .Where(k => k.ProductEnvironmentId == productEnvironmentId && k.DedicatedFor == dedicatedFor && k.ApiKey != apiKey)
                .ToListAsync(ct);
            foreach (var other in previous)
            {
                var otherBefore = AccessKeySnapshot.Of(other);
                other.DedicatedFor = null;
                other.UpdatedAt = now;
                db.Audit(actor, time, accountId, AuditAction.AccessKeyUpdate, "access_key", other.ApiKey, otherBefore, AccessKeySnapshot.Of(other));
            }
            key.DedicatedFor = dedicatedFor;
        }
        key.UpdatedAt = now;
        db.Audit(actor, time, accountId, AuditAction.AccessKeyUpdate, "access_key", key.ApiKey, before, AccessKeySnapshot.Of(key));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueAccessKeyName, "AccessKeys.ProductEnvironmentId, AccessKeys.Name"))
        {
            return new NameAlreadyTaken($"An access key named {name} already exists in this product environment");
        }
        return key;
    }

    public static Task<AccessKey?> FindKeyAsync(this RosterDb db, string accountId, string productEnvironmentId, string apiKey, CancellationToken ct) =>
        db.AccessKeys.FirstOrDefaultAsync(k => k.ApiKey == apiKey && k.ProductEnvironmentId == productEnvironmentId
            && db.ProductEnvironments.Any(p => p.Id == productEnvironmentId && p.AccountId == accountId), ct);
}
