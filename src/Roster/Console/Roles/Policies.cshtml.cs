using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>The account's custom policies (<c>/console/roles/policies</c>, Enterprise), paged in the database.</summary>
public sealed class PoliciesModel(RosterDb db) : RoleManagementPage
{
    public const int PageSize = 50;

    public IReadOnlyList<CustomPolicy> Policies { get; private set; } = [];

    public IReadOnlyDictionary<string, string> EnvironmentNames { get; private set; } = new Dictionary<string, string>();

    public int PageNumber { get; private set; } = 1;

    public bool HasNextPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? page, CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.CustomPoliciesView))
        {
            return LocalRedirect(ConsoleLinks.Forbidden);
        }
        if (!HasCustom)
        {
            return Page();
        }
        PageNumber = page is > 0 and < 100_000 ? page.Value : 1;
        var accountId = AccountId;
        var rows = await db.CustomPolicies.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.NameNormalized).ThenBy(p => p.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        Policies = rows.Take(PageSize).ToList();
        var environmentIds = Policies.Select(p => p.ScopeId).OfType<string>().Distinct().ToList();
        EnvironmentNames = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId && environmentIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Page();
    }

    public string ScopeOf(CustomPolicy policy) => policy.ScopeId switch
    {
        null => "Account",
        CustomPolicy.AllProductEnvironments => "All product environments",
        { } id => EnvironmentNames.GetValueOrDefault(id) ?? id,
    };
}
