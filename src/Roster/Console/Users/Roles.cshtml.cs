using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One role a user holds where it holds it: the account, all product environments, or one of them.</summary>
public sealed record UserHeldRole(string RoleId, string RoleName, string? ScopeId, string ScopeName);

/// <summary>
/// A user's roles (<c>/console/users/{id}/roles</c>): on a Roles and Permissions account its account roles and its roles on
/// each product environment, each removable, and a form to add one; on both permission systems its folder and collection
/// roles (on a legacy account, whose users' other access comes from their one role, its shares), through
/// <see cref="ContentRoles"/>, which the group's roles page shares. Every change is <see cref="Assignments.ApplyAsync"/> inside a
/// <see cref="PermissionChange"/>, as the Permissions API makes it, so its rules hold here too (the root user holds every
/// permission and takes no role; nobody grants or removes more than they hold, <see cref="GrantCheck"/>).
/// </summary>
public sealed class UserRolesModel(RosterDb db, TimeProvider time) : ConsolePage, IContentRolesPage
{
    private ContentRoles? _content;

    public const string RoleField = "role_id";
    public const string ScopeField = "scope_id";

    protected override string? RequiredFeature => CloudinaryFeatures.RolesAssign;

    [BindProperty(Name = RoleField)] public string? RoleId { get; set; }
    [BindProperty(Name = ScopeField)] public string? ScopeId { get; set; }

    public ContentRoles ContentRoles => _content ??= new ContentRoles(db, time, this) { RemoveHandler = "removeContentRole" };

    public UserLabel? Target { get; private set; }
    public string TargetId { get; private set; } = "";
    public bool Missing => Target is null;
    public bool Legacy => Shell.PermissionSystem == PermissionSystem.Legacy;
    public bool IsRoot { get; private set; }

    /// <summary>Whether the user can be given roles at all: not the root user (it holds everything), not an inactive user.</summary>
    public bool TakesRoles => !IsRoot && !Target!.IsInactive;
    public IReadOnlyList<UserHeldRole> AccountRoles { get; private set; } = [];
    public IReadOnlyList<UserHeldRole> ProductEnvironmentRoles { get; private set; } = [];

    /// <summary>The roles the form offers: those the signed-in user may grant somewhere (the handler checks the scope chosen).</summary>
    public IReadOnlyList<RoleInfo> RoleChoices { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> ProductEnvironments { get; private set; } = [];

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var accountId = AccountId;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id && u.AccountId == accountId)
            .Select(u => new { u.Id, u.Name, u.Email, u.IsRoot, u.Status }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return false;
        }
        (TargetId, IsRoot) = (user.Id, user.IsRoot);
        Target = new UserLabel(user.Name, user.Email, user.IsRoot, user.Status == UserStatus.Inactive);
        ContentRoles.ShowsForms = TakesRoles;
        await ContentRoles.DescribeAsync(Holder, mayAssign: TakesRoles, ct);
        if (Legacy)
        {
            return true;
        }
        ProductEnvironments = (await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
                .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        var custom = await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId && r.PermissionType == PermissionType.Global)
            .OrderBy(r => r.Name).Take(500).ToListAsync(ct);
        var grantable = await GrantCheck.GrantableAsync(db, accountId, Actor.From(HttpContext), ct);
        RoleChoices = [.. RoleInfo.System.Where(r => r.PermissionType == PermissionType.Global).Concat(custom.Select(RoleInfo.Of))
            .Where(r => r.ScopeType == ScopeType.Account ? grantable(r.Id, null)
                : grantable(r.Id, CustomPolicy.AllProductEnvironments) || ProductEnvironments.Any(p => grantable(r.Id, p.Id)))];

        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.PrincipalType == PrincipalType.User && a.PrincipalId == user.Id
                && a.FolderId == null && a.CollectionId == null)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { a.RoleId, a.ScopeId })
            .ToListAsync(ct);
        var roles = await RoleInfo.FindAllAsync(db, accountId, held.Select(a => a.RoleId), ct);
        var names = ProductEnvironments.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var rows = held.Where(a => roles.ContainsKey(a.RoleId))
            .Select(a => new UserHeldRole(a.RoleId, roles[a.RoleId].Name, a.ScopeId,
                a.ScopeId is null ? "Account" : a.ScopeId == CustomPolicy.AllProductEnvironments ? "All product environments"
                : names.GetValueOrDefault(a.ScopeId, a.ScopeId)))
            .ToList();
        AccountRoles = [.. rows.Where(r => r.ScopeId is null)];
        ProductEnvironmentRoles = [.. rows.Where(r => r.ScopeId is not null).OrderBy(r => r.ScopeId == CustomPolicy.AllProductEnvironments ? 0 : 1)
            .ThenBy(r => r.ScopeName, StringComparer.OrdinalIgnoreCase)];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : UserPages.NotFound(this, Page());

    public async Task<IActionResult> OnPostAddAsync(string id, CancellationToken ct)
    {
        var result = await AddAsync(id, ct);
        // Note: the page has no such form for a legacy account, the root user or an inactive user; the refusal shows above.
        if (Target is not null && (Legacy || !TakesRoles) && Errors.Count > 0 && !Errors.ContainsKey(ContentRoles.HeldSection))
        {
            var first = Errors.Values.First();
            Errors.Clear();
            Errors[ContentRoles.HeldSection] = first;
        }
        return result;
    }

    private async Task<IActionResult> AddAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return UserPages.NotFound(this, Page());
        }
        if (string.IsNullOrEmpty(RoleId) || RoleId.Length > PermissionIds.MaxLength)
        {
            Errors[RoleField] = "Choose a role.";
            return Page();
        }
        var role = await RoleInfo.FindAsync(db, AccountId, RoleId, ct);
        if (role is null || role.PermissionType != PermissionType.Global)
        {
            Errors[RoleField] = "There is no such role in this account.";
            return Page();
        }
        string? scope = null;
        if (role.ScopeType == ScopeType.Prodenv)
        {
            if (string.IsNullOrEmpty(ScopeId))
            {
                Errors[ScopeField] = $"{role.Name} is a product-environment role: choose All product environments or one of them.";
                return Page();
            }
            scope = ScopeId;
        }
        return await ApplyAsync(AssignmentOperation.Add, role.Id, scope, $"{role.Name} is given to {Target!.Name}.", ct);
    }

    public async Task<IActionResult> OnPostAddFolderRoleAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await ContentRoles.AddFolderRoleAsync(Holder, ct)) : UserPages.NotFound(this, Page());

    public async Task<IActionResult> OnPostAddCollectionRoleAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await ContentRoles.AddCollectionRoleAsync(Holder, ct)) : UserPages.NotFound(this, Page());

    public async Task<IActionResult> OnPostRemoveContentRoleAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await ContentRoles.RemoveAsync(Holder, ct)) : UserPages.NotFound(this, Page());

    private RolePrincipal Holder => new(PrincipalType.User, TargetId, Target!.Name);

    private IActionResult Done(string? done)
    {
        if (done is null)
        {
            return Page();
        }
        Flash(done);
        return LocalRedirect(Path);
    }

    private string Path => $"{ConsoleLinks.Users}/{Uri.EscapeDataString(TargetId)}/roles";

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return UserPages.NotFound(this, Page());
        }
        var held = AccountRoles.Concat(ProductEnvironmentRoles).FirstOrDefault(r => r.RoleId == RoleId && r.ScopeId == NullIfEmpty(ScopeId));
        if (held is null)
        {
            Errors["held"] = "The user does not hold that role there (any more).";
            return Page();
        }
        return await ApplyAsync(AssignmentOperation.Remove, held.RoleId, held.ScopeId, $"{held.RoleName} ({held.ScopeName}) is removed from {Target!.Name}.", ct);
    }

    private async Task<IActionResult> ApplyAsync(AssignmentOperation operation, string roleId, string? scopeId, string done, CancellationToken ct)
    {
        var accountId = AccountId;
        var actor = Actor.From(HttpContext);
        var request = new AssignmentRequest(PrincipalType.User, TargetId, roleId, scopeId, null, "", RoleField, RoleField);
        var refused = await db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation, [request], actor, time, ct), ct);
        if (refused is not null)
        {
            var field = operation == AssignmentOperation.Remove ? ContentRoles.HeldSection
                : refused is InvalidField { Name: ScopeField } ? ScopeField : RoleField;
            Errors[field] = refused.Message;
            await LoadAsync(TargetId, ct);
            return Page();
        }
        Flash(done);
        return LocalRedirect(Path);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
