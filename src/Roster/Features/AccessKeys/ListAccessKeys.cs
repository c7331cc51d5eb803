using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.ProductEnvironments;

namespace Roster.Features.AccessKeys;

public sealed record AccessKeyList(IReadOnlyList<AccessKeyResponse> AccessKeys, int Total);

public static class ListAccessKeys
{
    private enum SortBy { ApiKey, CreatedAt, Name, Enabled }

    private static readonly Dictionary<string, SortBy> _sortFields = new()
    {
        ["api_key"] = SortBy.ApiKey, ["created_at"] = SortBy.CreatedAt, ["name"] = SortBy.Name, ["enabled"] = SortBy.Enabled,
    };

    private static readonly Dictionary<string, bool> _sortOrders = new() { ["desc"] = true, ["asc"] = false };

    public static async Task<Results<Ok<AccessKeyList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "sub_account_id")] string productEnvironmentId,
        RequestValues query, RosterDb db, AccessKeySecrets secrets, CancellationToken ct)
    {
        var pageSize = query.Int("page_size", 1, 100);
        var page = query.Int("page", 1, int.MaxValue);
        var sortBy = query.Enum("sort_by", _sortFields) ?? SortBy.CreatedAt;
        var descending = query.Enum("sort_order", _sortOrders) ?? true;
        if (query.Error is { } invalid)
        {
            return invalid;
        }

        if (!await db.ProductEnvironmentExistsAsync(accountId, productEnvironmentId, ct))
        {
            return ProductEnvironmentsApi.Missing(productEnvironmentId);
        }

        var keys = db.AccessKeys.AsNoTracking().Where(k => k.ProductEnvironmentId == productEnvironmentId);
        var total = await keys.CountAsync(ct);
        var ordered = sortBy switch
        {
            SortBy.ApiKey => keys.SortBy(k => k.ApiKey, descending),
            SortBy.Name => keys.SortBy(k => k.Name, descending),
            SortBy.Enabled => keys.SortBy(k => k.Enabled, descending),
            SortBy.CreatedAt => keys.SortBy(k => k.CreatedAt, descending),
        };
        IQueryable<AccessKey> paged = ordered.ThenBy(k => k.ApiKey);
        if (page is not null || pageSize is not null)
        {
            var size = pageSize ?? 100;
            paged = paged.Skip(((page ?? 1) - 1) * size).Take(size);
        }
        var items = await paged.ToListAsync(ct);
        return TypedResults.Ok(new AccessKeyList(items.Select(k => AccessKeyResponse.From(k, secrets)).ToList(), total));
    }
}
