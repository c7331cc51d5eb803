using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Groups;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One row of the form as typed, kept when the page comes back.</summary>
public sealed record NewUserRow(string Email, string FirstName, string LastName)
{
    public bool IsEmpty => Email.Length == 0 && FirstName.Length == 0 && LastName.Length == 0;
}

/// <summary>A product environment or a group the pickers offer.</summary>
public sealed record PickerItem(string Id, string Name, string? Detail);

/// <summary>
/// Add users (<c>/console/users/new</c>): up to five people invited at once with one set of common settings — the legacy
/// role, or on Roles and Permissions an access bundle or an account and a product-environment role; the product
/// environments (all, or up to 30 picked with a server-side search); the groups. Each row is its own
/// <see cref="CreateUser"/> (which takes the seat, checks the address across accounts and mails the invitation), then its
/// groups (<see cref="GroupMembers.RunAddAsync"/>) and roles (<see cref="Assignments.ApplyAsync"/>, the rules of the
/// Permissions API): a refused row stays in the form with its reason at its address, the created ones are listed.
/// </summary>
public sealed class AddUsersModel(
    RosterDb db, IUserRoles roles, IOptions<PlanOptions> plans, OutboxPayloads outbox, TimeProvider time) : ConsolePage
{
    public const int MaxRows = 5;
    public const int PickerPageSize = 50;

    /// <summary>More group boxes than this in one post is not a person using the form.</summary>
    public const int MaxGroups = 100;

    public const string RowsSection = "rows";
    public const string RoleField = "role";
    public const string AccessField = "access";
    public const string BundleField = "bundle";
    public const string AccountRoleField = "account_role";
    public const string ProductEnvironmentRoleField = "pe_role";
    public const string ProductEnvironmentAccessField = "pe_access";
    public const string ProductEnvironmentsField = "pe";
    public const string ProductEnvironmentSearchField = "pe_q";
    public const string GroupsField = "group";
    public const string GroupSearchField = "group_q";

    public static string EmailField(int row) => $"users[{row}].email";
    public static string FirstNameField(int row) => $"users[{row}].first_name";
    public static string LastNameField(int row) => $"users[{row}].last_name";

    protected override string? RequiredFeature => CloudinaryFeatures.UsersCreate;

    public List<NewUserRow> Rows { get; private set; } = [];

    [BindProperty(Name = RoleField)]
    public string? Role { get; set; }

    [BindProperty(Name = AccessField)]
    public string? Access { get; set; }

    [BindProperty(Name = BundleField)]
    public string? Bundle { get; set; }

    [BindProperty(Name = AccountRoleField)]
    public string? AccountRole { get; set; }

    [BindProperty(Name = ProductEnvironmentRoleField)]
    public string? ProductEnvironmentRole { get; set; }

    [BindProperty(Name = ProductEnvironmentAccessField)]
    public string? ProductEnvironmentAccess { get; set; }

    [BindProperty(Name = ProductEnvironmentsField, SupportsGet = true)]
    public List<string>? ChosenProductEnvironmentIds { get; set; }

    [BindProperty(Name = ProductEnvironmentSearchField, SupportsGet = true)]
    public string? ProductEnvironmentSearch { get; set; }

    [BindProperty(Name = GroupsField, SupportsGet = true)]
    public List<string>? ChosenGroupIds { get; set; }

    [BindProperty(Name = GroupSearchField, SupportsGet = true)]
    public string? GroupSearch { get; set; }

    /// <summary>The users this post created, by address (shown when some rows were refused and the page comes back).</summary>
    public List<string> Created { get; } = [];

    /// <summary>Created users whose groups or roles could not all be given, with the reason.</summary>
    public List<string> CreatedWithProblems { get; } = [];

    public AccountResponse Seats { get; private set; } = null!;

    public int SeatsLeft => Math.Max(0, Seats.UserLimit - Seats.Users);

    public bool CanBuyAdditionalUsers => Shell.Plan.CanBuyAdditionalUsers();

    public IReadOnlyList<PickerItem> ProductEnvironments { get; private set; } = [];

    public IReadOnlySet<string> ChosenProductEnvironments { get; private set; } = new HashSet<string>();

    public int ProductEnvironmentCount { get; private set; }

    public IReadOnlyList<PickerItem> Groups { get; private set; } = [];

    public IReadOnlySet<string> ChosenGroups { get; private set; } = new HashSet<string>();

    public int GroupCount { get; private set; }

    public bool Legacy => Shell.PermissionSystem == PermissionSystem.Legacy;

    public static IReadOnlyList<SystemRole> AccountRoles { get; } =
        [.. CloudinaryCatalogue.SystemRoles.Where(r => r.ScopeType == ScopeType.Account && r.PermissionType == PermissionType.Global)];

    public static IReadOnlyList<SystemRole> ProductEnvironmentRoles { get; } =
        [.. CloudinaryCatalogue.SystemRoles.Where(r => r.ScopeType == ScopeType.Prodenv && r.PermissionType == PermissionType.Global)];

    public bool AllProductEnvironments => ProductEnvironmentAccess != "selected";

    public bool CustomAccess => Access == "custom";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = [.. Enumerable.Range(0, MaxRows).Select(_ => new NewUserRow("", "", ""))];
        (Role, Access, Bundle) = (LegacyRole.Admin.Wire(), "bundle", "admin");
        await DescribeAsync(ct);
    }

    /// <summary>The pickers' search: the same form comes back filtered, with everything typed kept; nothing is saved.</summary>
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        Rows = ReadRows();
        await DescribeAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Rows = ReadRows();
        if (!May(CloudinaryFeatures.UsersCreate))
        {
            Errors[RowsSection] = "Your roles do not allow adding users.";
            return await PageAsync(ct);
        }
        if (Request.HasFormContentType && Request.Form.Keys.Any(k => k.StartsWith("users[", StringComparison.Ordinal)
                && RowOf(k) is not (>= 0 and < MaxRows) && Request.Form[k].Any(v => !string.IsNullOrWhiteSpace(v))))
        {
            Errors[RowsSection] = $"At most {MaxRows} users can be added at a time.";
            return await PageAsync(ct);
        }

        var settings = ReadSettings();
        var groups = await ReadGroupsAsync(ct);
        var parsed = ParseRows();
        if (Rows.All(r => r.IsEmpty))
        {
            Errors[EmailField(0)] = "Enter the e-mail address of at least one user.";
        }
        if (parsed.Count == 0 || settings is null || groups is null)
        {
            return await PageAsync(ct);
        }

        var actor = Actor.From(HttpContext);
        var kept = new List<NewUserRow>();
        var stopped = false;
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (!parsed.TryGetValue(i, out var request) || stopped)
            {
                if (!row.IsEmpty)
                {
                    Move(i, kept.Count);
                    kept.Add(row);
                }
                continue;
            }
            var created = await CreateUser.RunAsync(AccountId, request with
            {
                Role = settings.LegacyRole,
                ProductEnvironmentIds = settings.ProductEnvironmentIds,
            }, db, roles, plans.Value, outbox, actor, time, ct);
            if (!created.Succeeded)
            {
                if (created.Error is TooManyProductEnvironments or ObjectNotFound)
                {
                    // Note: the product environments are common to every row; nothing was created for this row.
                    Errors[ProductEnvironmentsField] = created.Error is TooManyProductEnvironments
                        ? created.Error.Message
                        : "One of the chosen product environments does not exist: search and choose again.";
                    stopped = true;
                }
                else
                {
                    Errors[EmailField(i)] = created.Error.Message;
                }
                Move(i, kept.Count);
                kept.Add(row);
                continue;
            }
            Created.Add(created.Value.Email);
            var problems = await GiveAccessAsync(created.Value, settings, groups, actor, ct);
            if (problems is not null)
            {
                CreatedWithProblems.Add($"{created.Value.Email}: {problems}");
                stopped = true;
            }
        }

        if (kept.Count == 0 && CreatedWithProblems.Count == 0)
        {
            Flash($"Invited {Created.Count} {(Created.Count == 1 ? "user" : "users")}: {string.Join(", ", Created)}. Each gets an e-mail with a link to set a password.");
            return LocalRedirect(ConsoleLinks.AddUsers);
        }
        Rows = kept;
        return await PageAsync(ct);
    }

    /// <summary>A row kept in the form moves up to <paramref name="to"/>: its errors move with it.</summary>
    private void Move(int from, int to)
    {
        if (from == to)
        {
            return;
        }
        foreach (var field in new[] { EmailField(from), FirstNameField(from), LastNameField(from) })
        {
            if (Errors.Remove(field, out var message))
            {
                Errors[field.Replace($"[{from}]", $"[{to}]", StringComparison.Ordinal)] = message;
            }
        }
    }

    /// <summary>The common settings, checked before any user is created; null (with the errors at their fields) when unusable.</summary>
    private AccessSettings? ReadSettings()
    {
        var productEnvironmentIds = AllProductEnvironments ? null : (ChosenProductEnvironmentIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList();
        if (productEnvironmentIds is { Count: 0 })
        {
            Errors[ProductEnvironmentsField] = "Choose the product environments, or give access to all of them.";
        }
        if (Legacy)
        {
            if (Role is null || !LegacyRoles.ByName.TryGetValue(Role, out var legacyRole))
            {
                Errors[RoleField] = "Choose one of the roles.";
                return null;
            }
            return Errors.ContainsKey(ProductEnvironmentsField) ? null : new AccessSettings(legacyRole, null, null, productEnvironmentIds);
        }
        string? accountRole, productEnvironmentRole;
        if (CustomAccess)
        {
            accountRole = string.IsNullOrEmpty(AccountRole) ? null : AccountRole;
            productEnvironmentRole = string.IsNullOrEmpty(ProductEnvironmentRole) ? null : ProductEnvironmentRole;
            if (accountRole is not null && AccountRoles.All(r => r.Id != accountRole))
            {
                Errors[AccountRoleField] = "Choose one of the account roles, or none.";
            }
            if (productEnvironmentRole is not null && ProductEnvironmentRoles.All(r => r.Id != productEnvironmentRole))
            {
                Errors[ProductEnvironmentRoleField] = "Choose one of the product environment roles, or none.";
            }
        }
        else if (CloudinaryCatalogue.FindBundle(Bundle ?? "") is { } bundle)
        {
            (accountRole, productEnvironmentRole) = (bundle.AccountRoleId, bundle.ProductEnvironmentRoleId);
        }
        else
        {
            Errors[BundleField] = "Choose one of the access bundles.";
            return null;
        }
        return Errors.Count > 0 ? null : new AccessSettings(null, accountRole, productEnvironmentRole, productEnvironmentIds);
    }

    /// <summary>The chosen groups, each one of this account's; null (with the error at the field) when any is not.</summary>
    private async Task<IReadOnlyList<string>?> ReadGroupsAsync(CancellationToken ct)
    {
        var ids = (ChosenGroupIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct().ToList();
        if (ids.Count > MaxGroups)
        {
            Errors[GroupsField] = $"Choose at most {MaxGroups} groups at a time.";
            return null;
        }
        var accountId = AccountId;
        var known = await db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        if (known.Count < ids.Count)
        {
            Errors[GroupsField] = "One of the chosen groups does not exist: search and choose again.";
            return null;
        }
        return known;
    }

    /// <summary>Each non-empty row read into the use case's record, by row; a row that cannot be read gets its reason at its field.</summary>
    private Dictionary<int, NewUser> ParseRows()
    {
        var parsed = new Dictionary<int, NewUser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.IsEmpty)
            {
                continue;
            }
            DisplayName? first = null, last = null;
            if (row.FirstName.Length > 0 && (first = DisplayName.Parse(row.FirstName)) is null)
            {
                Errors[FirstNameField(i)] = $"The first name {Names.Problem(row.FirstName.Trim())}.";
            }
            if (row.LastName.Length > 0 && (last = DisplayName.Parse(row.LastName)) is null)
            {
                Errors[LastNameField(i)] = $"The last name {Names.Problem(row.LastName.Trim())}.";
            }
            EmailAddress? email = null;
            if (row.Email.Length == 0)
            {
                Errors[EmailField(i)] = "Enter the user's e-mail address.";
            }
            else if ((email = EmailAddress.Parse(row.Email)) is null)
            {
                Errors[EmailField(i)] = "Enter a valid e-mail address, such as jo@example.com.";
            }
            else if (!seen.Add(email.Value.Normalized))
            {
                Errors[EmailField(i)] = "This address is already in another row.";
                email = null;
            }
            if (email is null || Errors.ContainsKey(FirstNameField(i)) || Errors.ContainsKey(LastNameField(i)))
            {
                continue;
            }
            var full = string.Join(" ", new[] { first?.Value, last?.Value }.Where(n => n is not null));
            if ((full.Length > 0 ? DisplayName.Parse(full) : DisplayName.Parse(email.Value.Value.Split('@')[0])) is not { } name)
            {
                Errors[FirstNameField(i)] = $"The first and last name together must be at most {Names.MaxLength} characters.";
                continue;
            }
            parsed[i] = new NewUser(name, email.Value, FirstName: first, LastName: last);
        }
        return parsed;
    }

    /// <summary>
    /// The groups and (on Roles and Permissions) the roles of a created user, each through its use case; the reason when one
    /// was refused (the user exists, the rest is not given).
    /// </summary>
    private async Task<string?> GiveAccessAsync(User user, AccessSettings settings, IReadOnlyList<string> groups, Actor actor, CancellationToken ct)
    {
        foreach (var groupId in groups)
        {
            var added = await GroupMembers.RunAddAsync(AccountId, groupId, user.Id, db, actor, time, ct);
            if (!added.Succeeded)
            {
                Errors[GroupsField] = added.Error.Message;
                return $"invited, but not added to its groups: {added.Error.Message}";
            }
        }
        var requests = new List<AssignmentRequest>();
        if (settings.AccountRoleId is { } accountRole)
        {
            requests.Add(Assignment(user.Id, accountRole, null));
        }
        if (settings.ProductEnvironmentRoleId is { } productEnvironmentRole)
        {
            requests.AddRange((settings.ProductEnvironmentIds ?? [Grant.AllProductEnvironments])
                .Select(scope => Assignment(user.Id, productEnvironmentRole, scope)));
        }
        if (requests.Count == 0)
        {
            return null;
        }
        var accountId = AccountId;
        var refused = await db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, AssignmentOperation.Add, requests, actor, time, ct), ct);
        if (refused is null)
        {
            return null;
        }
        Errors[CustomAccess ? AccountRoleField : BundleField] = refused.Message;
        return $"invited, but not given its roles: {refused.Message}";
    }

    private static AssignmentRequest Assignment(string userId, string roleId, string? scope) =>
        new(PrincipalType.User, userId, roleId, scope, null, "", "principal.id", "role");

    private List<NewUserRow> ReadRows()
    {
        var form = Request.HasFormContentType ? Request.Form : null;
        string Value(string field) => form?[field].FirstOrDefault()?.Trim() ?? "";
        return [.. Enumerable.Range(0, MaxRows).Select(i => new NewUserRow(Value(EmailField(i)), Value(FirstNameField(i)), Value(LastNameField(i))))];
    }

    private static int RowOf(string key)
    {
        var end = key.IndexOf(']', StringComparison.Ordinal);
        return end > 6 && int.TryParse(key.AsSpan(6, end - 6), out var row) ? row : -1;
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await DescribeAsync(ct);
        return Page();
    }

    /// <summary>
    /// What the page shows: the seats left (as the account endpoint counts them), and the pickers: the chosen items always,
    /// then the first matches of the search (a prefix of the cloud name or a part of the name; for groups a prefix of the
    /// name, over its index), at most <see cref="PickerPageSize"/> each.
    /// </summary>
    private async Task DescribeAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        Seats = await AccountResponse.LoadAsync(db, account, plans.Value, ct);
        while (Rows.Count < MaxRows)
        {
            Rows.Add(new NewUserRow("", "", ""));
        }

        var chosenPe = (ChosenProductEnvironmentIds ?? []).Where(id => id is { Length: > 0 and <= 64 }).Distinct().Take(Roster.Features.Users.User.MaxNamedProductEnvironments * 2).ToList();
        var chosenItems = await db.ProductEnvironments.AsNoTracking()
            .Where(p => p.AccountId == accountId && chosenPe.Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => new PickerItem(p.Id, p.Name, p.CloudName)).ToListAsync(ct);
        var peQuery = db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId && !chosenPe.Contains(p.Id));
        if (Search(ProductEnvironmentSearch) is { } peText)
        {
            var lowered = peText.ToLowerInvariant();
            peQuery = peQuery.Where(p => p.CloudNameNormalized.StartsWith(lowered) || p.Name.ToLower().Contains(lowered));
        }
        ProductEnvironments = [.. chosenItems, .. await peQuery.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new PickerItem(p.Id, p.Name, p.CloudName)).Take(PickerPageSize).ToListAsync(ct)];
        ChosenProductEnvironments = chosenItems.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        ProductEnvironmentCount = await db.ProductEnvironments.CountAsync(p => p.AccountId == accountId, ct);

        var chosenGroups = (ChosenGroupIds ?? []).Where(id => id is { Length: > 0 and <= 64 }).Distinct().Take(MaxGroups).ToList();
        var chosenGroupItems = await db.UserGroups.AsNoTracking()
            .Where(g => g.AccountId == accountId && chosenGroups.Contains(g.Id))
            .OrderBy(g => g.NameNormalized).Select(g => new PickerItem(g.Id, g.Name, null)).ToListAsync(ct);
        var groupQuery = db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId && !chosenGroups.Contains(g.Id));
        if (Search(GroupSearch) is { } groupText)
        {
            var prefix = Names.Normalize(groupText);
            groupQuery = groupQuery.Where(g => g.NameNormalized.StartsWith(prefix));
        }
        Groups = [.. chosenGroupItems, .. await groupQuery.OrderBy(g => g.NameNormalized).ThenBy(g => g.Id)
            .Select(g => new PickerItem(g.Id, g.Name, null)).Take(PickerPageSize).ToListAsync(ct)];
        ChosenGroups = chosenGroupItems.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        GroupCount = await db.UserGroups.CountAsync(g => g.AccountId == accountId, ct);
    }

    private static string? Search(string? text) => text?.Trim() is { Length: > 0 and <= Names.MaxLength } t ? t : null;

    private sealed record AccessSettings(
        LegacyRole? LegacyRole, string? AccountRoleId, string? ProductEnvironmentRoleId, IReadOnlyList<string>? ProductEnvironmentIds);
}
