using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// Role Management (<c>/console/roles</c>): the system roles by scope (account, product environment, folder, collection) and
/// the account's custom roles (Enterprise), each with how many principals hold it; filtered by scope type.
/// </summary>
public sealed class RolesIndexModel(RosterDb db) : RoleManagementPage
{
    public const int PageSize = 50;

    /// <summary>The scope filters, in the order the page offers them.</summary>
    public static IReadOnlyList<(string Value, string Text)> Scopes { get; } =
        [("", "All scopes"), ("account", "Account"), ("prodenv", "Product environment"), ("folder", "Folder"), ("collection", "Collection")];

    public string Scope { get; private set; } = "";

    public IReadOnlyList<(string Heading, IReadOnlyList<RoleInfo> Roles)> SystemGroups { get; private set; } = [];

    public IReadOnlyList<RoleInfo> CustomRoles { get; private set; } = [];

    public int CustomPage { get; private set; } = 1;

    public bool HasNextCustomPage { get; private set; }

    public IReadOnlyDictionary<string, int> Holders { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync(string? scope, int? page, CancellationToken ct)
    {
        Scope = Scopes.Any(s => s.Value == scope) ? scope! : "";
        CustomPage = page is > 0 and < 100_000 ? page.Value : 1;
        SystemGroups = Scopes.Skip(1).Where(s => Scope == "" || s.Value == Scope)
            .Select(s => (s.Text, (IReadOnlyList<RoleInfo>)RoleInfo.System.Where(r => Matches(r, s.Value)).ToList()))
            .Where(g => g.Item2.Count > 0)
            .ToList();
        if (HasCustom)
        {
            var custom = db.Roles.AsNoTracking().Where(r => r.AccountId == AccountId);
            custom = Scope switch
            {
                "account" => custom.Where(r => r.ScopeType == ScopeType.Account),
                "prodenv" => custom.Where(r => r.ScopeType == ScopeType.Prodenv && r.PermissionType == PermissionType.Global),
                "folder" or "collection" => custom.Where(r => r.PermissionType == PermissionType.Content),
                _ => custom,
            };
            var rows = await custom.OrderBy(r => r.NameNormalized).ThenBy(r => r.Id)
                .Skip((CustomPage - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
            HasNextCustomPage = rows.Count > PageSize;
            // Note: folder and collection content roles differ only in their parameters, which are stored as a list.
            CustomRoles = rows.Take(PageSize).Select(RoleInfo.Of).Where(r => Scope is not ("folder" or "collection") || Matches(r, Scope)).ToList();
        }
        var accountId = AccountId;
        Holders = await db.RoleAssignments.Where(a => a.AccountId == accountId)
            .Select(a => new { a.RoleId, a.PrincipalType, a.PrincipalId }).Distinct()
            .GroupBy(a => a.RoleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    private static bool Matches(RoleInfo role, string scope) => scope switch
    {
        "account" => role.ScopeType == ScopeType.Account,
        "prodenv" => role.ScopeType == ScopeType.Prodenv && role.PermissionType == PermissionType.Global,
        "folder" => role.PermissionType == PermissionType.Content && role.PolicyParameters.Contains(CloudinaryCatalogue.FolderIdParameter),
        "collection" => role.PermissionType == PermissionType.Content && role.PolicyParameters.Contains(CloudinaryCatalogue.CollectionIdParameter),
        _ => true,
    };

    public int HoldersOf(string roleId) => Holders.GetValueOrDefault(roleId);

    public static string HoldersText(int count) => count == 1 ? "1 principal" : $"{count} principals";
}
