using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Folders;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>A role the group holds: where (the account, a product environment or all of them) and on what (a folder, a collection).</summary>
public sealed record GroupHeldRole(string AssignmentId, string RoleName, string RoleId, string Scope, string? FolderId, string? CollectionId);

/// <summary>A role or a product environment a form offers.</summary>
public sealed record Choice(string Id, string Name);

/// <summary>
/// A group's roles (<c>/console/groups/{id}/roles</c>). On Roles and Permissions its account roles and its product-environment
/// roles per environment; on a legacy account, where groups carry only folder and collection access, its folder and
/// collection roles (shares). Every change is one <see cref="Assignments.ApplyAsync"/> in a <see cref="PermissionChange"/>,
/// whose refusal (a role the account has not, a legacy account's limits, a role the signed-in user may not grant) is shown
/// at the field it names.
/// </summary>
public sealed class GroupRolesModel(RosterDb db, TimeProvider time) : ConsolePage
{
    /// <summary>A group holds few roles; past this many the page says so instead of reading them all.</summary>
    public const int MaxHeld = 500;
    public const int MaxProductEnvironments = 500;

    public const string AccountRoleField = "account_role_id";
    public const string EnvironmentRoleField = "environment_role_id";
    public const string ScopeField = "scope_id";
    public const string FolderRoleField = "folder_role_id";
    public const string FolderScopeField = "folder_scope_id";
    public const string FolderField = "folder_id";
    public const string HeldSection = "held";

    protected override string? RequiredFeature => CloudinaryFeatures.GroupsView;

    [BindProperty(Name = AccountRoleField)]
    public string? AccountRoleId { get; set; }

    [BindProperty(Name = EnvironmentRoleField)]
    public string? EnvironmentRoleId { get; set; }

    [BindProperty(Name = ScopeField)]
    public string? ScopeId { get; set; }

    [BindProperty(Name = FolderRoleField)]
    public string? FolderRoleId { get; set; }

    [BindProperty(Name = FolderScopeField)]
    public string? FolderScopeId { get; set; }

    [BindProperty(Name = FolderField)]
    public string? FolderId { get; set; }

    [BindProperty(Name = "assignment_id")]
    public string? AssignmentId { get; set; }

    public GroupHeading? Group { get; private set; }

    public bool IsLegacy => Shell.PermissionSystem == PermissionSystem.Legacy;

    public bool MayAssign => May(CloudinaryFeatures.RolesAssign);

    public IReadOnlyList<GroupHeldRole> Held { get; private set; } = [];

    public bool HeldTruncated { get; private set; }

    public IReadOnlyList<Choice> AccountRoles { get; private set; } = [];

    public IReadOnlyList<Choice> EnvironmentRoles { get; private set; } = [];

    public IReadOnlyList<Choice> FolderRoleChoices { get; private set; } = [];

    public IReadOnlyList<Choice> ProductEnvironments { get; private set; } = [];

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
        AddAsync(AccountRoleField, GroupPages.CleanId(AccountRoleId), null, null, "account_", [AccountRoleField], ct);

    public Task<IActionResult> OnPostAddEnvironmentRoleAsync(CancellationToken ct)
    {
        if (GroupPages.CleanId(ScopeId).Length == 0)
        {
            Errors[ScopeField] = "Choose a product environment, or all of them.";
        }
        return AddAsync(EnvironmentRoleField, GroupPages.CleanId(EnvironmentRoleId), GroupPages.CleanId(ScopeId), null, "", [EnvironmentRoleField, ScopeField], ct);
    }

    public Task<IActionResult> OnPostAddFolderRoleAsync(CancellationToken ct)
    {
        if (GroupPages.CleanId(FolderScopeId).Length == 0)
        {
            Errors[FolderScopeField] = "Choose the folder's product environment.";
        }
        SortedDictionary<string, string>? parameters = null;
        if (string.IsNullOrWhiteSpace(FolderId))
        {
            Errors[FolderField] = "Enter the folder's id.";
        }
        else
        {
            // Note: read as the Permissions API reads an id, so the console takes exactly the folder ids the API takes.
            var input = new PermissionsInput(RequestValues.FromJson(new JsonObject { [FolderField] = FolderId }));
            if (input.Id(FolderField) is { } folder)
            {
                parameters = new(StringComparer.Ordinal) { [CloudinaryCatalogue.FolderIdParameter] = folder };
            }
            else if (input.Error is { } invalid)
            {
                Errors[FolderField] = invalid.Message;
            }
        }
        return AddAsync(FolderRoleField, GroupPages.CleanId(FolderRoleId), GroupPages.CleanId(FolderScopeId), parameters, "folder_", [FolderRoleField, FolderScopeField, FolderField], ct);
    }

    private async Task<IActionResult> AddAsync(string roleField, string roleId, string? scopeId, SortedDictionary<string, string>? parameters,
        string prefix, string[] fields, CancellationToken ct)
    {
        if (!MayAssign)
        {
            Errors[roleField] = "Your roles do not allow giving roles.";
            return Shown(roleField);
        }
        if (roleId.Length == 0)
        {
            Errors[roleField] = "Choose a role.";
        }
        if (Errors.Count > 0 || await GroupPages.FindAsync(db, AccountId, RouteId, ct) is not { } group)
        {
            return Shown(roleField);
        }
        var request = new AssignmentRequest(PrincipalType.Group, group.Id, roleId, scopeId, parameters, prefix, roleField, roleField);
        if (await ApplyAsync(AssignmentOperation.Add, request, ct) is { } refused)
        {
            var field = FieldOf(refused) is { } named
                ? named == prefix + "policy_parameters" && fields.Contains(FolderField) ? FolderField : named
                : null;
            Errors[field is not null && fields.Contains(field) ? field : roleField] = refused.Message;
            return Shown(roleField);
        }
        Flash($"The group {group.Name} holds the role.");
        return LocalRedirect(GroupPages.Roles(group.Id));
    }

    /// <summary>
    /// The page with the refusals where they can be read: at their fields, or, for a form this account's page does not
    /// show (global roles on a legacy account, a folder role on Roles and Permissions), above the roles held.
    /// </summary>
    private PageResult Shown(string roleField)
    {
        if (IsLegacy != (roleField == FolderRoleField) && Errors.Count > 0)
        {
            var first = Errors.Values.First();
            Errors.Clear();
            Errors[HeldSection] = first;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!MayAssign)
        {
            Errors[HeldSection] = "Your roles do not allow taking roles away.";
            return Page();
        }
        if (await GroupPages.FindAsync(db, AccountId, RouteId, ct) is not { } group)
        {
            return Page();
        }
        var (accountId, assignmentId) = (AccountId, GroupPages.CleanId(AssignmentId));
        var held = await db.RoleAssignments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == assignmentId && a.AccountId == accountId && a.PrincipalType == PrincipalType.Group && a.PrincipalId == group.Id, ct);
        if (held is null)
        {
            Errors[HeldSection] = "The group does not hold that role.";
            return Page();
        }
        var request = new AssignmentRequest(PrincipalType.Group, group.Id, held.RoleId, held.ScopeId, held.Parameters(), "", HeldSection, HeldSection);
        if (await ApplyAsync(AssignmentOperation.Remove, request, ct) is { } refused)
        {
            Errors[HeldSection] = refused.Message;
            return Page();
        }
        Flash($"The group {group.Name} no longer holds the role.");
        return LocalRedirect(GroupPages.Roles(group.Id));
    }

    private Task<RosterError?> ApplyAsync(AssignmentOperation operation, AssignmentRequest request, CancellationToken ct)
    {
        var (accountId, actor) = (AccountId, Actor.From(HttpContext));
        return db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation, [request], actor, time, ct), ct);
    }

    private static string? FieldOf(RosterError error) => error switch
    {
        InvalidField invalid => invalid.Name,
        NotAllowed notAllowed => notAllowed.Name,
        PermissionObjectNotFound notFound => notFound.Name,
        _ => null,
    };

    private async Task DescribeAsync(CancellationToken ct)
    {
        Group = await GroupPages.FindAsync(db, AccountId, RouteId, ct);
        if (Group is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var (accountId, groupId) = (AccountId, Group.Id);
        var assignments = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.PrincipalType == PrincipalType.Group && a.PrincipalId == groupId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(MaxHeld + 1)
            .ToListAsync(ct);
        HeldTruncated = assignments.Count > MaxHeld;
        assignments = [.. assignments.Take(MaxHeld)];
        var roles = await RoleInfo.FindAllAsync(db, accountId, assignments.Select(a => a.RoleId), ct);
        var scopeIds = assignments.Select(a => a.ScopeId).OfType<string>().Distinct().ToList();
        var names = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId && scopeIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Held = [.. assignments.Select(a => new GroupHeldRole(a.Id, roles.GetValueOrDefault(a.RoleId)?.Name ?? a.RoleId, a.RoleId,
            a.ScopeId switch
            {
                null => "Account",
                Grant.AllProductEnvironments => "All product environments",
                var id => names.GetValueOrDefault(id) ?? id,
            },
            a.FolderId, a.CollectionId))];

        if (!MayAssign)
        {
            return;
        }
        ProductEnvironments = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(MaxProductEnvironments)
            .Select(p => new Choice(p.Id, p.Name))
            .ToListAsync(ct);
        if (IsLegacy)
        {
            FolderRoleChoices = [.. (await FolderRoles.AllAsync(db, accountId, ct)).Select(r => new Choice(r.Summary.Id, r.Summary.Name))];
            return;
        }
        var custom = await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId && r.PermissionType == PermissionType.Global)
            .OrderBy(r => r.NameNormalized).ToListAsync(ct);
        var global = RoleInfo.System.Where(r => r.PermissionType == PermissionType.Global).Concat(custom.Select(RoleInfo.Of)).ToList();
        AccountRoles = [.. global.Where(r => r.ScopeType == ScopeType.Account).Select(r => new Choice(r.Id, Label(r)))];
        EnvironmentRoles = [.. global.Where(r => r.ScopeType == ScopeType.Prodenv).Select(r => new Choice(r.Id, Label(r)))];
    }

    private static string Label(RoleInfo role) => role.ManagementType == ManagementType.Custom ? role.Name + " (custom)" : role.Name;
}
