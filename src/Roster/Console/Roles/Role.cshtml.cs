using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One holding of the role: who, where (account, a product environment or all of them), with which parameters.</summary>
public sealed record RoleHolder(string AssignmentId, PrincipalName Principal, string Scope, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset Since);

/// <summary>
/// A role's page (<c>/console/roles/role/{id}</c>): its policies as Cedar, who holds it (paged), giving it and taking it away
/// through <see cref="Assignments.ApplyAsync"/> (whose refusals show next to the form), and for a custom role the way to
/// edit or delete it (<c>?handler=delete</c> asks first, and names how many principals lose it).
/// </summary>
public sealed class RoleModel(RosterDb db, TimeProvider time) : RoleManagementPage
{
    public const int PageSize = 25;
    public const string PrincipalField = "principal";
    public const string ScopeField = "scope_id";
    public const string HoldersSection = "holders";
    public const string DeleteSection = "delete";

    [BindProperty(SupportsGet = true, Name = "id")]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(Name = PrincipalField)]
    public string? Principal { get; set; }

    [BindProperty(Name = ScopeField)]
    public string? ScopeId { get; set; }

    [BindProperty(Name = "folder_id")]
    public string? FolderId { get; set; }

    [BindProperty(Name = "collection_id")]
    public string? CollectionId { get; set; }

    [BindProperty(Name = "assignment_id")]
    public string? AssignmentId { get; set; }

    [BindProperty(Name = "force")]
    public string? Force { get; set; }

    public RoleInfo? Role { get; private set; }

    public IReadOnlyList<SystemPolicy> Policies { get; private set; } = [];

    public IReadOnlyList<RoleHolder> Holders { get; private set; } = [];

    public int HolderPage { get; private set; } = 1;

    public bool HasNextPage { get; private set; }

    /// <summary>How many principals hold the role (a principal holding it in two scopes counts once).</summary>
    public int PrincipalCount { get; private set; }

    public IReadOnlyList<PrincipalName> Found { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> ProductEnvironments { get; private set; } = [];

    public bool ConfirmingDelete { get; private set; }

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is PageResult && Missing is null && Role is not null)
            {
                await DescribeAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    public async Task<IActionResult> OnGetAsync(int? page, CancellationToken ct)
    {
        HolderPage = page is > 0 and < 100_000 ? page.Value : 1;
        return await FindRoleAsync(ct) ? Page() : RoleMissing();
    }

    public async Task<IActionResult> OnGetDeleteAsync(CancellationToken ct)
    {
        if (!await FindRoleAsync(ct))
        {
            return RoleMissing();
        }
        if (Role!.ManagementType == ManagementType.System)
        {
            Errors[DeleteSection] = UpdateRole.SystemRoleIsReadOnly(Role.Id).Message;
            return Page();
        }
        ConfirmingDelete = May(CloudinaryFeatures.RolesDelete);
        if (!ConfirmingDelete)
        {
            Errors[DeleteSection] = "Your roles do not allow you to delete roles.";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.RolesAssign))
        {
            return Lacks("give roles to others", RolePath(Id));
        }
        if (!await FindRoleAsync(ct))
        {
            return RoleMissing();
        }
        var role = Role!;
        if (PrincipalName.Parse(Principal) is not { } chosen)
        {
            Errors[PrincipalField] = "Choose whom to give the role to: search for a user, group or API key, then pick one.";
            return Page();
        }
        SortedDictionary<string, string>? parameters = null;
        if (role.PolicyParameters.Count > 0)
        {
            parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in role.PolicyParameters)
            {
                if (ParameterValue(name) is { Length: > 0 } value)
                {
                    parameters[name] = value.Trim();
                }
            }
        }
        var request = new AssignmentRequest(chosen.Type, chosen.Id, role.Id, Blank(ScopeId), parameters, "", PrincipalField, "role_id");
        var accountId = AccountId;
        var refused = await db.RunAsync(accountId,
            () => Assignments.ApplyAsync(db, accountId, AssignmentOperation.Add, [request], Actor.From(HttpContext), time, ct), ct);
        if (refused is not null)
        {
            Errors[FieldOf(refused, role)] = refused.Message;
            return Page();
        }
        Flash($"The role {role.Name} is given.");
        return LocalRedirect(RolePath(role.Id));
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.RolesAssign))
        {
            return Lacks("take roles from others", RolePath(Id));
        }
        if (!await FindRoleAsync(ct))
        {
            return RoleMissing();
        }
        var (accountId, roleId, assignmentId) = (AccountId, Role!.Id, AssignmentId ?? "");
        var held = await db.RoleAssignments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.AccountId == accountId && a.RoleId == roleId && a.Id == assignmentId, ct);
        if (held is null)
        {
            Errors[HoldersSection] = "That principal does not hold this role (any more).";
            return Page();
        }
        var request = new AssignmentRequest(held.PrincipalType, held.PrincipalId, roleId, held.ScopeId, held.Parameters(), "", PrincipalField, "role_id");
        var refused = await db.RunAsync(accountId,
            () => Assignments.ApplyAsync(db, accountId, AssignmentOperation.Remove, [request], Actor.From(HttpContext), time, ct), ct);
        if (refused is not null)
        {
            Errors[HoldersSection] = refused.Message;
            return Page();
        }
        Flash($"The role {Role.Name} is taken away.");
        return LocalRedirect(RolePath(roleId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.RolesDelete))
        {
            return Lacks("delete roles", RolePath(Id));
        }
        if (!await FindRoleAsync(ct))
        {
            return RoleMissing();
        }
        var role = Role!;
        var refused = await DeleteRole.RunAsync(db, AccountId, role.Id, Force == "true", Actor.From(HttpContext), time, ct);
        if (refused is not null)
        {
            ConfirmingDelete = refused is RoleInUse;
            Errors[DeleteSection] = refused is RoleInUse ? "Others still hold this role: confirm below to take it from them and delete it." : refused.Message;
            return Page();
        }
        Flash($"The role {role.Name} is deleted.");
        return LocalRedirect(ConsoleLinks.Roles);
    }

    public string? ParameterValue(string name) => name switch
    {
        CloudinaryCatalogue.FolderIdParameter => FolderId,
        CloudinaryCatalogue.CollectionIdParameter => CollectionId,
        _ => null,
    };

    public static string ParameterLabel(string name) => name switch
    {
        CloudinaryCatalogue.FolderIdParameter => "Folder id",
        CloudinaryCatalogue.CollectionIdParameter => "Collection id",
        _ => name,
    };

    public static string HoldersText(int count) => count == 1 ? "1 principal holds this role" : $"{count} principals hold this role";

    private async Task<bool> FindRoleAsync(CancellationToken ct)
    {
        if (Id.Length is 0 or > PermissionIds.MaxLength)
        {
            return false;
        }
        Role = await RoleInfo.FindAsync(db, AccountId, Id, ct);
        return Role is not null;
    }

    private PageResult RoleMissing() => NotHere("There is no such role in this account.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The form field a refusal of <see cref="Assignments.ApplyAsync"/> is about.</summary>
    private static string FieldOf(RosterError error, RoleInfo role)
    {
        var name = error switch
        {
            InvalidField f => f.Name,
            PermissionObjectNotFound n => n.Name,
            NotAllowed { Name: { } n } => n,
            _ => PrincipalField,
        };
        return name switch
        {
            ScopeField => ScopeField,
            "policy_parameters" => role.PolicyParameters.FirstOrDefault() ?? PrincipalField,
            _ => PrincipalField,
        };
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        var role = Role!;
        var (accountId, roleId) = (AccountId, role.Id);
        Policies = role.PolicyIds.Select(CloudinaryCatalogue.FindPolicy).OfType<SystemPolicy>().ToList();
        var held = db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId && a.RoleId == roleId);
        PrincipalCount = await held.Select(a => new { a.PrincipalType, a.PrincipalId }).Distinct().CountAsync(ct);
        var rows = await held.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Skip((HolderPage - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        var names = await PrincipalNames.OfAsync(db, accountId, rows.Select(a => (a.PrincipalType, a.PrincipalId)), ct);
        var environments = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(200).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        ProductEnvironments = environments.Select(p => (p.Id, p.Name)).ToList();
        var environmentNames = environments.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        Holders = rows.Select(a => new RoleHolder(a.Id,
                names.GetValueOrDefault((a.PrincipalType, a.PrincipalId)) ?? new PrincipalName(a.PrincipalType, a.PrincipalId, a.PrincipalId),
                a.ScopeId switch
                {
                    null => "Account",
                    CustomPolicy.AllProductEnvironments => "All product environments",
                    { } id => environmentNames.GetValueOrDefault(id) ?? id,
                },
                a.Parameters(), a.CreatedAt))
            .ToList();
        if (Blank(Search) is { } search && May(CloudinaryFeatures.RolesAssign))
        {
            Found = await PrincipalNames.SearchAsync(db, accountId, search, ct);
        }
    }
}
