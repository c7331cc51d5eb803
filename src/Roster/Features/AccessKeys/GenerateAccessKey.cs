using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Features.ProductEnvironments;
using Roster.Security;

namespace Roster.Features.AccessKeys;

public static class GenerateAccessKey
{
    public static async Task<Results<Ok<AccessKeyResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        RequestValues body, RosterDb db, AccessKeySecrets secrets, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = body.Name("name")?.Value;
        var enabled = body.Bool("enabled") ?? true;
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var created = await RunAsync(accountId, productEnvironmentId, name, enabled, db, secrets, actor, time, ct);
        return created.Succeeded ? TypedResults.Ok(AccessKeyResponse.From(created.Value, secrets)) : created.Error;
    }

    /// <summary>Generates an access key for a product environment; key names are unique in their product environment.</summary>
    public static async Task<Outcome<AccessKey>> RunAsync(string accountId, string productEnvironmentId, string? name, bool enabled,
        RosterDb db, AccessKeySecrets secrets, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (!await db.ProductEnvironmentExistsAsync(accountId, productEnvironmentId, ct))
        {
            return ProductEnvironmentsApi.Missing(productEnvironmentId);
        }

        var key = secrets.Create(productEnvironmentId, name, enabled, time.GetUtcNow());
        db.AccessKeys.Add(key);
        db.Audit(actor, time, accountId, AuditAction.AccessKeyCreate, "access_key", key.ApiKey, after: AccessKeySnapshot.Of(key));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueAccessKeyName, "AccessKeys.ProductEnvironmentId, AccessKeys.Name"))
        {
            return new NameAlreadyTaken($"An access key named {name} already exists in this product environment");
        }
        // A legacy account's decisions give every key its product environment: they are compiled again.
        await db.BumpPermissionsVersionAsync(accountId, ct);
        return key;
    }
}
