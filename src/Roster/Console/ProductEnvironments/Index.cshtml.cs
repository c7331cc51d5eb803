using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>One row of the product environments list.</summary>
public sealed record EnvironmentRow(string Id, string Name, string CloudName, bool Enabled, DateTimeOffset CreatedAt, int AccessKeys);

/// <summary>
/// The account's product environments (<c>/console/product-environments</c>), 50 a page, searched by name (anywhere in
/// it) or cloud name (its beginning, on the unique index); each row's actions are the ones the user may take, and the
/// pages they lead to check again.
/// </summary>
public sealed class ProductEnvironmentsModel(RosterDb db, Decider decider) : ConsolePage
{
    public const int PageSize = 50;
    public const string SearchField = "q";

    protected override string? RequiredFeature => CloudinaryFeatures.ProductEnvironmentsView;

    [BindProperty(SupportsGet = true, Name = SearchField)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageText { get; set; }

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<EnvironmentRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, ConsoleFeatures> RowKeyFeatures { get; private set; } = new Dictionary<string, ConsoleFeatures>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var term = Search?.Trim() ?? "";
        // Note: a search is held to a name's rules: PostgreSQL refuses text with a NUL in it, and no name is longer.
        if (term.Length > 0 && Names.Problem(term) is { } problem)
        {
            Errors[SearchField] = $"The search {problem}.";
            return;
        }
        PageNumber = int.TryParse(PageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 ? n : 1;

        var accountId = AccountId;
        var q = db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId);
        if (term.Length > 0)
        {
            // Note: the cloud name by its prefix, a range on the unique index's ordinal collation; the name anywhere in it.
            var lower = term.ToLowerInvariant();
            var upper = lower + "\U0010FFFF";
            q = q.Where(p => p.Name.ToLower().Contains(lower)
                || (string.Compare(p.CloudNameNormalized, lower) >= 0 && string.Compare(p.CloudNameNormalized, upper) < 0));
        }
        Total = await q.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        var rows = await q.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.Name, p.CloudName, p.Enabled, p.CreatedAt })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // One grouped query for the page's key counts.
        var counts = ids.Count == 0
            ? new Dictionary<string, int>()
            : await db.AccessKeys.AsNoTracking().Where(k => ids.Contains(k.ProductEnvironmentId))
                .GroupBy(k => k.ProductEnvironmentId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = rows.Select(r => new EnvironmentRow(r.Id, r.Name, r.CloudName, r.Enabled, r.CreatedAt, counts.GetValueOrDefault(r.Id))).ToList();
        RowKeyFeatures = await ProductEnvironmentFeatures.DecideAsync(decider, accountId, UserId, ids, [CloudinaryFeatures.ApiKeysView], ct);
    }

    /// <summary>The row's kebab menu: only what the user may do.</summary>
    public ActionsMenu MenuOf(EnvironmentRow row)
    {
        var path = $"{ConsoleLinks.ProductEnvironments}/{Uri.EscapeDataString(row.Id)}";
        var items = new List<MenuItem>();
        if (May(CloudinaryFeatures.ProductEnvironmentsUpdate))
        {
            items.Add(new("Rename", path + "#rename"));
            items.Add(new(row.Enabled ? "Disable" : "Enable", path + "#status"));
        }
        if (RowKeyFeatures.GetValueOrDefault(row.Id)?.May(CloudinaryFeatures.ApiKeysView) == true)
        {
            items.Add(new("Access keys", path + "/keys"));
        }
        if (May(CloudinaryFeatures.ProductEnvironmentsDelete))
        {
            items.Add(new("Delete", path + "/delete", Destructive: true));
        }
        return new ActionsMenu("actions-" + row.Id, "Actions for " + row.Name, items);
    }

    /// <summary>The list's path at <paramref name="page"/>, with the search kept.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Search)) query.Add($"{SearchField}={Uri.EscapeDataString(Search.Trim())}");
        if (page > 1) query.Add($"p={page}");
        return ConsoleLinks.ProductEnvironments + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
