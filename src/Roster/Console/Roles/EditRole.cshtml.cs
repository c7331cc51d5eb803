using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Editing a custom role (<c>/console/roles/role/{id}/edit</c>): its name, description and system policies; its scope stays.
/// <see cref="UpdateRole.RunAsync"/> refuses system roles, and policies whose parameters differ while the role is held.
/// </summary>
public sealed class EditRoleModel(RosterDb db, TimeProvider time) : RoleFormPage
{
    public override bool Creating => false;

    [BindProperty(SupportsGet = true, Name = "id")]
    public string Id { get; set; } = "";

    public RoleInfo? Role { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } refused)
        {
            return refused;
        }
        (Name, Description, PolicyIds) = (Role!.Name, Role.Description, [.. Role.PolicyIds]);
        if (!May(CloudinaryFeatures.RolesUpdate))
        {
            Errors[FormSection] = "Your roles do not allow you to change roles.";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.RolesUpdate))
        {
            return Lacks("change roles", RolePath(Id));
        }
        if (await FindAsync(ct) is { } refused)
        {
            return refused;
        }
        if (ReadNameAndDescription() is not { } read)
        {
            return Page();
        }
        var (name, description) = read;
        var updated = await UpdateRole.RunAsync(db, AccountId, Role!.Id, new RoleChange(name, description, ChosenPolicies()), Actor.From(HttpContext), time, ct);
        if (!updated.Succeeded)
        {
            return RefusedAt(updated.Error);
        }
        Flash($"The role {updated.Value.Name} is saved.");
        return LocalRedirect(RolePath(updated.Value.Id));
    }

    private async Task<IActionResult?> FindAsync(CancellationToken ct)
    {
        Role = Id.Length is 0 or > PermissionIds.MaxLength ? null : await RoleInfo.FindAsync(db, AccountId, Id, ct);
        if (Role is null)
        {
            return NotHere("There is no such role in this account.");
        }
        Kind = KindOf(Role);
        if (Role.ManagementType == ManagementType.System)
        {
            Errors[FormSection] = UpdateRole.SystemRoleIsReadOnly(Role.Id).Message;
            return Page();
        }
        return null;
    }
}
