using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;

namespace Roster.Features.ProductEnvironments;

public sealed record ProductEnvironmentList(IReadOnlyList<ProductEnvironmentResponse> SubAccounts);

public static class ListProductEnvironments
{
    public const int MaxIds = 100;

    public static async Task<Results<Ok<ProductEnvironmentList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, AccessKeySecrets secrets, CancellationToken ct)
    {
        var ids = query.List("ids");
        var cloudNames = query.List("cloud_names");
        var enabled = ids is null ? query.Bool("enabled") : null;
        var prefix = ids is null ? query.String("prefix") : null;
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        if (ids?.Count > MaxIds || cloudNames?.Count > MaxIds)
        {
            return new InvalidInput($"'ids' and 'cloud_names' take at most {MaxIds} values.");
        }

        var q = db.ProductEnvironments.AsNoTracking().Include(p => p.AccessKeys).Where(p => p.AccountId == accountId);
        if (ids is not null)
        {
            q = q.Where(p => ids.Contains(p.Id));
        }
        else
        {
            if (enabled is { } on)
            {
                q = q.Where(p => p.Enabled == on);
            }
            if (cloudNames is not null)
            {
                var normalized = cloudNames.Select(CloudNames.Normalize).ToList();
                q = q.Where(p => normalized.Contains(p.CloudNameNormalized));
            }
            if (prefix is not null)
            {
                // Note: a range, not LIKE, as for users: LIKE escapes the prefix into a pattern SQLite refuses
                // past 50,000 characters.
                var lower = prefix.ToLowerInvariant();
                var upper = lower + "\U0010FFFF";
                q = q.Where(p => string.Compare(p.Name.ToLower(), lower) >= 0 && string.Compare(p.Name.ToLower(), upper) < 0);
            }
        }

        var items = await q.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(new ProductEnvironmentList(items.Select(p => ProductEnvironmentResponse.From(p, secrets)).ToList()));
    }
}
