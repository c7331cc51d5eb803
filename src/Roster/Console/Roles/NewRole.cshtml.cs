using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Creating a custom role (<c>/console/roles/new</c>, Enterprise): choose its scope, then its name, description and system
/// policies; <see cref="CreateRole.RunAsync"/> applies the rules (policies of the role's scope, a free name).
/// </summary>
public sealed class NewRoleModel(RosterDb db, TimeProvider time) : RoleFormPage
{
    public override bool Creating => true;

    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    public IActionResult OnGet()
    {
        Kind = KindFromQuery();
        if (!HasCustom)
        {
            Errors[FormSection] = CustomRefusal;
        }
        else if (!May(CloudinaryFeatures.RolesCreate))
        {
            Errors[FormSection] = "Your roles do not allow you to create roles.";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Kind = KindFromQuery();
        if (!May(CloudinaryFeatures.RolesCreate))
        {
            return Lacks("create roles", ConsoleLinks.Roles);
        }
        if (ReadNameAndDescription() is not { } read)
        {
            return Page();
        }
        var (name, description) = read;
        var (scope, permission) = TypesOf(Kind);
        var created = await CreateRole.RunAsync(db, AccountId, new NewRole(null, name, permission, scope, description, ChosenPolicies()),
            Actor.From(HttpContext), time, ct);
        if (!created.Succeeded)
        {
            return RefusedAt(created.Error);
        }
        Flash($"The role {created.Value.Name} is created.");
        return LocalRedirect(RolePath(created.Value.Id));
    }

    private string KindFromQuery() => Kinds.Any(k => k.Value == Scope) ? Scope! : "account";
}
