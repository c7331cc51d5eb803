using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.Profile;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// A user's details (<c>/console/users/{id}/edit</c>): name, first and last name, e-mail address, enabled; on a legacy account
/// also the one role and the product environments, in the same form. Saved through <see cref="UpdateUser.RunAsync"/>, whose
/// rules (the root user, a taken address, nobody grants more than they hold) come back next to their fields.
/// </summary>
public sealed class UserEditModel(RosterDb db, IUserRoles roles, OutboxPayloads outbox, TimeProvider time) : ConsolePage
{
    public const string RoleField = "role";
    public const string AccessField = "pe_access";
    public const string ProductEnvironmentsField = "pe";

    protected override string? RequiredFeature => CloudinaryFeatures.UsersUpdate;

    [BindProperty(Name = "name")] public string? Name { get; set; }
    [BindProperty(Name = "first_name")] public string? FirstName { get; set; }
    [BindProperty(Name = "last_name")] public string? LastName { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "enabled")] public string? EnabledText { get; set; }
    [BindProperty(Name = RoleField)] public string? Role { get; set; }
    [BindProperty(Name = AccessField)] public string? Access { get; set; }
    [BindProperty(Name = ProductEnvironmentsField)] public List<string>? Chosen { get; set; }

    public User? Target { get; private set; }
    public bool Legacy { get; private set; }
    public bool Enabled => EnabledText is "true" or "on";
    public bool AllProductEnvironments => Access != "some";
    public IReadOnlyList<(string Id, string Name)> ProductEnvironments { get; private set; } = [];

    /// <summary>The legacy roles the signed-in user may give (nobody grants more than they hold); the user's own role always shows.</summary>
    public IReadOnlyList<LegacyRole> RoleChoices { get; private set; } = [];

    public string BackLink => ConsoleLinks.Users;

    /// <summary>True when the account has no user of the page's id: the page says so, with a 404.</summary>
    public bool Missing => Target is null;

    /// <summary>The user and the form's choices; false when the account has no such user.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var accountId = AccountId;
        Target = await db.LoadUserAsync(accountId, id, ct);
        if (Target is null)
        {
            return false;
        }
        Legacy = Shell.PermissionSystem == PermissionSystem.Legacy;
        ProductEnvironments = (await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
                .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        var grantable = await GrantCheck.LegacyRolesGrantableAsync(db, accountId, Actor.From(HttpContext), ct);
        RoleChoices = [.. Enum.GetValues<LegacyRole>().Where(r => r == Target.Role || grantable(r))];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return UserPages.NotFound(this, Page());
        }
        var user = Target!;
        (Name, FirstName, LastName, Email) = (user.Name, user.FirstName, user.LastName, user.Email);
        EnabledText = user.Enabled ? "true" : null;
        Role = user.Role.Wire();
        Access = user.AllProductEnvironments ? "all" : "some";
        Chosen = [.. user.ProductEnvironments.Select(p => p.ProductEnvironmentId)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return UserPages.NotFound(this, Page());
        }
        var user = Target!;
        if (!user.IsLive)
        {
            Errors["form"] = new UserIsInactive().Message;
            return Page();
        }
        var name = string.IsNullOrWhiteSpace(Name) ? null : DisplayName.Parse(Name);
        if (name is null)
        {
            Errors["name"] = string.IsNullOrWhiteSpace(Name) ? "Enter the user's name." : $"The name {Names.Problem(Name.Trim())}.";
        }
        foreach (var refusal in new[] { ChangeName.Refusal(ChangeName.FirstNameField, FirstName), ChangeName.Refusal(ChangeName.LastNameField, LastName) }
                     .OfType<InvalidField>())
        {
            Errors[refusal.Name] = refusal.Message;
        }
        var email = string.IsNullOrWhiteSpace(Email) ? null : EmailAddress.Parse(Email);
        if (email is null)
        {
            Errors["email"] = string.IsNullOrWhiteSpace(Email) ? "Enter the user's e-mail address." : "That is not an e-mail address.";
        }
        LegacyRole? role = null;
        IReadOnlyList<string>? productEnvironmentIds = null;
        if (Legacy && !user.IsRoot)
        {
            if (Role is null || !LegacyRoles.ByName.TryGetValue(Role, out var chosenRole))
            {
                Errors[RoleField] = "Choose one of the roles.";
            }
            else
            {
                // The role as it was is no grant: only a new one is checked against what the signed-in user holds.
                role = chosenRole == user.Role ? null : chosenRole;
                // A master admin has every product environment, and its list is not shown as a choice until its role changes.
                if (chosenRole == LegacyRole.MasterAdmin || AllProductEnvironments)
                {
                    productEnvironmentIds = user.Role == LegacyRole.MasterAdmin && chosenRole != LegacyRole.MasterAdmin ? null : [];
                }
                else if (user.Role != LegacyRole.MasterAdmin)
                {
                    productEnvironmentIds = [.. (Chosen ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal)];
                    if (productEnvironmentIds.Count == 0)
                    {
                        Errors[ProductEnvironmentsField] = "Choose at least one product environment, or All.";
                    }
                }
            }
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var changes = new UserChanges(
            Name: name, Email: email, Role: role, ProductEnvironmentIds: productEnvironmentIds,
            Enabled: user.IsRoot ? null : Enabled,
            FirstName: string.IsNullOrWhiteSpace(FirstName) ? null : DisplayName.Parse(FirstName),
            LastName: string.IsNullOrWhiteSpace(LastName) ? null : DisplayName.Parse(LastName));
        var updated = await UpdateUser.RunAsync(AccountId, user.Id, changes, db, roles, outbox, Actor.From(HttpContext), time, ct);
        if (!updated.Succeeded)
        {
            db.ChangeTracker.Clear();
            return updated.Error switch
            {
                EmailAlreadyTaken => Refused(new InvalidField("email", null, "Another user of Roster has this address: choose another one."), "email"),
                NotAllowed { Name: "role" } refusal => Refused(new InvalidField(RoleField, null, refusal.Message), RoleField),
                RootUserIsImmutable or UserIsInactive => Refused(updated.Error, "form"),
                TooManyProductEnvironments or ObjectNotFound => Refused(updated.Error, ProductEnvironmentsField),
                _ => Refused(updated.Error, "form"),
            };
        }
        Flash($"{updated.Value.Name}'s details are saved.");
        return LocalRedirect(ConsoleLinks.Users);
    }
}

/// <summary>What the user pages share: the page for a user id this account does not have.</summary>
public static class UserPages
{
    /// <summary>The page as a 404 that names no one: an id of another account reads as no user at all.</summary>
    public static IActionResult NotFound(ConsolePage page, Microsoft.AspNetCore.Mvc.RazorPages.PageResult result)
    {
        page.ViewData["Title"] = "No such user";
        result.StatusCode = StatusCodes.Status404NotFound;
        return result;
    }
}
