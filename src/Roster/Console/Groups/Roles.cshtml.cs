using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// A group's roles (<c>/console/groups/{id}/roles</c>). On Roles and Permissions its account roles and its product-environment
/// roles per environment; on both permission systems its folder and collection roles (on a legacy account, where groups
/// carry only folder and collection access, its shares), through <see cref="ContentRoles"/>, which the user's roles page
/// shares. Every change is one <see cref="Assignments.ApplyAsync"/> in a <see cref="PermissionChange"/>, whose refusal (a
/// role the account has not, a legacy account's limits, a role the signed-in user may not grant) is shown at the field it names.
/// </summary>
public sealed class GroupRolesModel(RosterDb db, TimeProvider time) : ConsolePage, IContentRolesPage
{
    public const int MaxHeld = ContentRoles.MaxHeld;

    public const string AccountRoleField = "account_role_id";
    public const string EnvironmentRoleField = "environment_role_id";
    public const string ScopeField = "scope_id";
    public const string HeldSection = ContentRoles.HeldSection;

    private ContentRoles? _content;

    protected override string? RequiredFeature => CloudinaryFeatures.GroupsView;

    [BindProperty(Name = AccountRoleField)]
    public string? AccountRoleId { get; set; }

    [BindProperty(Name = EnvironmentRoleField)]
    public string? EnvironmentRoleId { get; set; }

    [BindProperty(Name = ScopeField)]
    public string? ScopeId { get; set; }

    public ContentRoles ContentRoles => _content ??= new ContentRoles(db, time, this);

    public GroupHeading? Group { get; private set; }

    public bool IsLegacy => Shell.PermissionSystem == PermissionSystem.Legacy;

    public bool MayAssign => May(CloudinaryFeatures.RolesAssign);

    /// <summary>The group's account and product-environment roles (Roles and Permissions only); its content roles are <see cref="ContentRoles.Held"/>.</summary>
    public IReadOnlyList<HeldRole> Held { get; private set; } = [];

    public bool HeldTruncated { get; private set; }

    public IReadOnlyList<Choice> AccountRoles { get; private set; } = [];

    public IReadOnlyList<Choice> EnvironmentRoles { get; private set; } = [];

    public string RouteId => RouteData.Values["id"] as string ?? "";

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                await DescribeAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAddAccountRoleAsync(CancellationToken ct) =>
        AddAsync(AccountRoleField, GroupPages.CleanId(AccountRoleId), null, "account_", [AccountRoleField], ct);

    public Task<IActionResult> OnPostAddEnvironmentRoleAsync(CancellationToken ct)
    {
        if (GroupPages.CleanId(ScopeId).Length == 0)
        {
            Errors[ScopeField] = "Choose a product environment, or all of them.";
        }
        return AddAsync(EnvironmentRoleField, GroupPages.CleanId(EnvironmentRoleId), GroupPages.CleanId(ScopeId), "", [EnvironmentRoleField, ScopeField], ct);
    }

    /// <summary>An account or product-environment role; on a legacy account, whose page has no such forms, the refusal shows above the roles held.</summary>
    private async Task<IActionResult> AddAsync(string roleField, string roleId, string? scopeId, string prefix, string[] fields, CancellationToken ct)
    {
        if (await HolderAsync(ct) is not { } group)
        {
            return Page();
        }
        return Done(group, await ContentRoles.AddAsync(group, roleField, roleId, scopeId, null, prefix, fields, shown: !IsLegacy, ct));
    }

    public async Task<IActionResult> OnPostAddFolderRoleAsync(CancellationToken ct) =>
        await HolderAsync(ct) is { } group ? Done(group, await ContentRoles.AddFolderRoleAsync(group, ct)) : Page();

    public async Task<IActionResult> OnPostAddCollectionRoleAsync(CancellationToken ct) =>
        await HolderAsync(ct) is { } group ? Done(group, await ContentRoles.AddCollectionRoleAsync(group, ct)) : Page();

    /// <summary>Takes away any role the group holds, by its assignment id.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct) =>
        await HolderAsync(ct) is { } group ? Done(group, await ContentRoles.RemoveAsync(group, ct)) : Page();

    private IActionResult Done(RolePrincipal group, string? done)
    {
        if (done is null)
        {
            return Page();
        }
        Flash(done);
        return LocalRedirect(GroupPages.Roles(group.Id));
    }

    private async Task<RolePrincipal?> HolderAsync(CancellationToken ct) =>
        await GroupPages.FindAsync(db, AccountId, RouteId, ct) is { } group ? new RolePrincipal(PrincipalType.Group, group.Id, group.Name) : null;

    private async Task DescribeAsync(CancellationToken ct)
    {
        Group = await GroupPages.FindAsync(db, AccountId, RouteId, ct);
        if (Group is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var holder = new RolePrincipal(PrincipalType.Group, Group.Id, Group.Name);
        await ContentRoles.DescribeAsync(holder, MayAssign, ct);
        if (IsLegacy)
        {
            return;
        }
        var accountId = AccountId;
        var assignments = await ContentRoles.HeldQuery(accountId, holder)
            .Where(a => a.FolderId == null && a.CollectionId == null)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(MaxHeld + 1)
            .ToListAsync(ct);
        HeldTruncated = assignments.Count > MaxHeld;
        Held = await ContentRoles.DescribeAsync([.. assignments.Take(MaxHeld)], ct);
        if (!MayAssign)
        {
            return;
        }
        var custom = await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId && r.PermissionType == PermissionType.Global)
            .OrderBy(r => r.NameNormalized).ToListAsync(ct);
        var global = RoleInfo.System.Where(r => r.PermissionType == PermissionType.Global).Concat(custom.Select(RoleInfo.Of)).ToList();
        AccountRoles = [.. global.Where(r => r.ScopeType == ScopeType.Account).Select(r => new Choice(r.Id, ContentRoles.Label(r)))];
        EnvironmentRoles = [.. global.Where(r => r.ScopeType == ScopeType.Prodenv).Select(r => new Choice(r.Id, ContentRoles.Label(r)))];
    }
}
