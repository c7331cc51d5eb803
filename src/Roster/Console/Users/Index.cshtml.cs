using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Features.Users;

namespace Roster.ConsolePages;

/// <summary>One row of the Users table: what the page shows of a user, read for the page's users only.</summary>
public sealed record UserRow(
    string Id, UserLabel Label, string Email, string Roles, string ProductEnvironments, string Groups, IReadOnlyList<string> Status,
    DateTimeOffset? LastLoginAt, bool TwoFactor, ActionsMenu Menu);

/// <summary>
/// User Management (<c>/console/users</c>): the account's users, 50 a page, searched by name or e-mail prefix, filtered and
/// sorted in the database through <see cref="ListUsers.FilterAsync"/> (the Provisioning API's own query), every choice a GET
/// parameter so the page works without script and a link keeps it. A value the page cannot use is dropped with a message,
/// never an error.
/// </summary>
public sealed class UsersPageModel(RosterDb db, IOptions<PlanOptions> plans, TimeProvider time) : ConsolePage
{
    public const int PageSize = 50;
    public const int MaxQueryLength = 255;

    /// <summary>The sort keys the page offers, by their parameter value.</summary>
    public static readonly IReadOnlyList<(string Value, string Text, UserSort Sort)> Sorts =
    [
        ("name", "Name", UserSort.Name), ("email", "E-mail", UserSort.Email), ("created", "Created", UserSort.CreatedAt),
        ("last_sign_in", "Last sign-in", UserSort.Activity),
    ];

    /// <summary>The statuses the filter offers.</summary>
    public static readonly IReadOnlyList<(string Value, string Text, UserStatus Status)> Statuses =
    [
        ("pending", ConsoleLabels.Pending, UserStatus.Pending), ("active", ConsoleLabels.Active, UserStatus.Active),
        ("inactive", ConsoleLabels.Inactive, UserStatus.Inactive),
    ];

    protected override string? RequiredFeature => CloudinaryFeatures.UsersView;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "role")] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "group")] public string? Group { get; set; }
    [BindProperty(SupportsGet = true, Name = "pe")] public string? ProductEnvironment { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "dir")] public string? Direction { get; set; }
    /// <summary>The page number as given. Note: read from the query string itself, since Razor Pages binds the route value "page" (the page's name) first.</summary>
    public string? PageText => Request.Query["page"].FirstOrDefault();
    [BindProperty(SupportsGet = true, Name = "show_inactive")] public string? ShowInactiveText { get; set; }

    /// <summary>Why a value of the query was not used, one sentence each.</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public bool ShowInactive { get; private set; }
    public bool Descending { get; private set; }
    public bool AtUserLimit { get; private set; }
    public bool CanBuyUsers { get; private set; }
    public IReadOnlyList<(string Value, string Text)> RoleChoices { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> GroupChoices { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> ProductEnvironmentChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        AtUserLimit = account.LiveUsers >= account.UserLimit(plans.Value);
        CanBuyUsers = account.Plan.CanBuyAdditionalUsers();
        var legacy = account.PermissionSystem == PermissionSystem.Legacy;
        ProductEnvironmentChoices = (await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
                .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        GroupChoices = (await db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId)
                .OrderBy(g => g.NameNormalized).ThenBy(g => g.Id).Take(500).Select(g => new { g.Id, g.Name }).ToListAsync(ct))
            .Select(g => (g.Id, g.Name)).ToList();
        if (!string.IsNullOrEmpty(Group) && GroupChoices.All(g => g.Id != Group)
            && await db.UserGroups.AsNoTracking().Where(g => g.Id == Group && g.AccountId == accountId).Select(g => g.Name)
                .FirstOrDefaultAsync(ct) is { } chosen)
        {
            // A group beyond the first 500 by name can still be filtered on (a link keeps it); the choices show it too.
            GroupChoices = [.. GroupChoices, (Group, chosen)];
        }
        RoleChoices = legacy
            ? [.. Enum.GetValues<LegacyRole>().Select(r => (r.Wire(), LegacyRoleNames.Of(r)))]
            : [.. CloudinaryCatalogue.SystemRoles.Where(r => r.PermissionType == PermissionType.Global)
                .Select(r => (r.Id, RoleText(r.Name, r.ScopeType)))];

        var search = Read(legacy);
        var matching = await ListUsers.FilterAsync(accountId, search, db, ct);
        if (!matching.Succeeded)
        {
            // Note: the filters were checked above; a group or product environment deleted meanwhile lands here.
            Notes.Add(matching.Error.Message);
            search = new UserSearch(IncludeInactive: ShowInactive);
            matching = await ListUsers.FilterAsync(accountId, search, db, ct);
        }
        var users = matching.Value.Query;
        // The account keeps its live users counted; any other listing is counted on its filters' indexes.
        Total = search == new UserSearch() ? account.LiveUsers : await matching.Value.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        if (PageNumber > PageCount)
        {
            Notes.Add($"There is no page {PageNumber}; this is the last page, {PageCount}.");
            PageNumber = PageCount;
        }
        var sort = Sorts.FirstOrDefault(s => s.Value == Sort);
        // The page's ids first, in order, on the sort's index (the users skipped on the way are never read), then their rows.
        var ids = await ListUsers.Sorted(users, sort.Value is null ? UserSort.Name : sort.Sort, Descending)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => u.Id)
            .ToListAsync(ct);
        // By id alone (the ids are the account's): with the account in the condition too, SQLite walks the account's index.
        var read = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id, u.Name, u.Email, u.IsRoot, u.Status, u.Role, u.Enabled, u.PasswordResetAt, u.LockedUntil, u.LastLoginAt,
                u.AllProductEnvironments, TwoFactor = u.TwoFactorKey != null,
            })
            .ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct);
        // (A user gone between the two reads drops out of the page.)
        var page = ids.Where(read.ContainsKey).Select(id => read[id]).ToList();
        var productEnvironments = (await db.UserProductEnvironments.AsNoTracking().Where(x => ids.Contains(x.UserId))
                .Join(db.ProductEnvironments, x => x.ProductEnvironmentId, p => p.Id, (x, p) => new { x.UserId, p.Name })
                .ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name, StringComparer.Ordinal);
        var groups = (await db.GroupMemberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
                .Join(db.UserGroups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Name })
                .ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name, StringComparer.Ordinal);
        var roles = legacy ? null : await RolesOfAsync(accountId, ids, ct);
        var now = time.GetUtcNow();
        Rows = [.. page.Select(u =>
        {
            var inactive = u.Status == UserStatus.Inactive;
            return new UserRow(
                u.Id, new UserLabel(u.Name, u.Email, u.IsRoot, inactive), u.Email,
                u.IsRoot ? LegacyRoleNames.Of(LegacyRole.MasterAdmin) : roles is null ? LegacyRoleNames.Of(u.Role) : roles[u.Id] is var held && held.Any() ? string.Join("; ", held) : "No role",
                u.AllProductEnvironments ? "All" : string.Join(", ", productEnvironments[u.Id].Order(StringComparer.OrdinalIgnoreCase)) is { Length: > 0 } named ? named : "None",
                string.Join(", ", groups[u.Id].Order(StringComparer.OrdinalIgnoreCase)) is { Length: > 0 } inGroups ? inGroups : "—",
                ConsoleLabels.Status(u.Status, u.PasswordResetAt, u.Enabled, u.LockedUntil, now),
                u.LastLoginAt, u.TwoFactor,
                new ActionsMenu("actions-" + u.Id, "Actions for " + u.Email, MenuOf(u.Id, u.IsRoot, inactive, legacy)));
        })];
    }

    /// <summary>The row's actions: only those the signed-in user may do, none for an inactive user, and for the root user only its details.</summary>
    private List<MenuItem> MenuOf(string id, bool isRoot, bool inactive, bool legacy)
    {
        var items = new List<MenuItem>();
        if (inactive)
        {
            return items;
        }
        var path = $"{ConsoleLinks.Users}/{Uri.EscapeDataString(id)}";
        if (May(CloudinaryFeatures.UsersUpdate))
        {
            items.Add(new MenuItem(legacy && !isRoot ? "Edit" : "Edit details", path + "/edit"));
        }
        if (!isRoot && May(CloudinaryFeatures.RolesAssign))
        {
            // A legacy account's user has one role, set in Edit; its folder and collection roles (shares) are on the roles page.
            items.Add(new MenuItem(legacy ? "Folder and collection roles" : "Assign roles", path + "/roles"));
        }
        if (!isRoot && May(CloudinaryFeatures.UsersUpdate))
        {
            items.Add(new MenuItem("Reset password", path + "/reset-password", Destructive: true));
            items.Add(new MenuItem("Force logout", path + "/force-logout", Destructive: true));
        }
        if (!isRoot && May(CloudinaryFeatures.UsersDelete))
        {
            items.Add(new MenuItem("Delete", path + "/delete", Destructive: true));
        }
        return items;
    }

    /// <summary>A role as the table names it: the same names serve the account and the product environments.</summary>
    public static string RoleText(string name, ScopeType scope) => scope == ScopeType.Account ? $"{name} (account)" : $"{name} (product environments)";

    /// <summary>The page's users' own account and product-environment roles, in short, in two queries.</summary>
    private async Task<ILookup<string, string>> RolesOfAsync(string accountId, List<string> ids, CancellationToken ct)
    {
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.PrincipalType == PrincipalType.User && ids.Contains(a.PrincipalId)
                && a.FolderId == null && a.CollectionId == null)
            .Select(a => new { a.PrincipalId, a.RoleId, a.ScopeId })
            .ToListAsync(ct);
        var roles = await RoleInfo.FindAllAsync(db, accountId, held.Select(a => a.RoleId), ct);
        var names = ProductEnvironmentChoices.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        return held.Where(a => roles.ContainsKey(a.RoleId))
            .GroupBy(a => (a.PrincipalId, a.RoleId, Account: a.ScopeId is null))
            .OrderBy(g => g.Key.Account ? 0 : 1).ThenBy(g => roles[g.Key.RoleId].Name, StringComparer.Ordinal)
            .ToLookup(g => g.Key.PrincipalId, g => g.Key.Account
                ? $"{roles[g.Key.RoleId].Name} (account)"
                : $"{roles[g.Key.RoleId].Name} ({string.Join(", ", g.Select(a => a.ScopeId == CustomPolicy.AllProductEnvironments ? "all" : names.GetValueOrDefault(a.ScopeId!, a.ScopeId!)).Order(StringComparer.OrdinalIgnoreCase))})",
                StringComparer.Ordinal);
    }

    /// <summary>The query string read into a search; what cannot be used is left out with a note.</summary>
    private UserSearch Read(bool legacy)
    {
        ShowInactive = ShowInactiveText is "true" or "on" or "1";
        string? prefix = null;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            if (Query.Length > MaxQueryLength)
            {
                Notes.Add($"A search is at most {MaxQueryLength} characters; the rest was left out.");
                Query = Query[..MaxQueryLength];
            }
            prefix = new string(Query.Where(c => !char.IsControl(c)).ToArray()).Trim();
            if (prefix.Length == 0) prefix = null;
        }
        UserStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            var known = Statuses.FirstOrDefault(s => s.Value == Status);
            if (known.Value is null)
            {
                Notes.Add("There is no such status; showing every status.");
                Status = null;
            }
            else
            {
                status = known.Status;
                ShowInactive |= status == UserStatus.Inactive;
            }
        }
        LegacyRole? legacyRole = null;
        string? heldRole = null;
        if (!string.IsNullOrEmpty(Role))
        {
            if (RoleChoices.All(r => r.Value != Role))
            {
                Notes.Add("There is no such role; showing every role.");
                Role = null;
            }
            else if (legacy)
            {
                legacyRole = LegacyRoles.ByName[Role];
            }
            else
            {
                heldRole = Role;
            }
        }
        if (!string.IsNullOrEmpty(Group) && GroupChoices.All(g => g.Id != Group))
        {
            Notes.Add("There is no such group in this account; showing every group.");
            Group = null;
        }
        if (!string.IsNullOrEmpty(ProductEnvironment) && ProductEnvironmentChoices.All(p => p.Id != ProductEnvironment))
        {
            Notes.Add("There is no such product environment in this account; showing every product environment.");
            ProductEnvironment = null;
        }
        if (!string.IsNullOrEmpty(Sort) && Sorts.All(s => s.Value != Sort))
        {
            Notes.Add("The list cannot be sorted that way; it is sorted by name.");
            Sort = null;
        }
        if (!string.IsNullOrEmpty(Direction) && Direction is not ("asc" or "desc"))
        {
            Notes.Add("The order is either ascending or descending; showing ascending.");
            Direction = null;
        }
        Descending = Direction == "desc";
        if (!string.IsNullOrEmpty(PageText))
        {
            if (int.TryParse(PageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1)
            {
                PageNumber = number;
            }
            else
            {
                Notes.Add("A page is a whole number from 1; showing the first page.");
            }
        }
        return new UserSearch(status, prefix, NullIfEmpty(ProductEnvironment), Role: legacyRole, HeldRoleId: heldRole,
            GroupId: NullIfEmpty(Group), IncludeInactive: ShowInactive);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>This page's address with the current choices and <paramref name="changes"/> on top (a null value drops the parameter).</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Query, ["status"] = Status, ["role"] = Role, ["group"] = Group, ["pe"] = ProductEnvironment, ["sort"] = Sort,
            ["dir"] = Direction, ["show_inactive"] = ShowInactive ? "true" : null, ["page"] = PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return query.Length == 0 ? ConsoleLinks.Users : $"{ConsoleLinks.Users}?{query}";
    }

    /// <summary>The link of a column heading: sorts by it, or reverses the order when it is the current sort.</summary>
    public string SortLink(string value) =>
        Link(("sort", value), ("dir", (Sort ?? "name") == value && !Descending ? "desc" : null), ("page", null));

    /// <summary>The heading's <c>aria-sort</c>, for the column the list is sorted by.</summary>
    public string? AriaSort(string value) => (Sort ?? "name") == value ? (Descending ? "descending" : "ascending") : null;
}
