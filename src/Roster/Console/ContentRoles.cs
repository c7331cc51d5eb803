using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>A role a user or a group holds: where (the account, a product environment or all of them) and on what (a folder, a collection).</summary>
public sealed record HeldRole(string AssignmentId, string RoleName, string RoleId, string Scope, string? FolderId, string? CollectionId)
{
    /// <summary>What the role applies to, as the tables show it.</summary>
    public string On => FolderId is { } folder ? "Folder " + folder : CollectionId is { } collection ? "Collection " + collection : "Everything";
}

/// <summary>A role or a product environment a form offers.</summary>
public sealed record Choice(string Id, string Name);

/// <summary>Who holds the roles a page shows: a user or a group of the signed-in user's account, by its id and name.</summary>
public sealed record RolePrincipal(PrincipalType Type, string Id, string Name)
{
    /// <summary>"the user Jo" or "the group Editors", as the page's sentences name it.</summary>
    public string Described => $"the {Principals.Noun(Type)} {Name}";
}

/// <summary>A page that shows <see cref="ContentRoles"/> through the partials <c>_HeldContentRoles</c> and <c>_ContentRoleForms</c>.</summary>
public interface IContentRolesPage
{
    ContentRoles ContentRoles { get; }

    string? ErrorFor(string field);

    string Invalid(string field);
}

/// <summary>
/// The folder and collection roles of a user or a group (shares, on a legacy account), as its roles page lists, gives and
/// takes them; the user's and the group's roles pages share it with the partials <c>Shared/_HeldContentRoles.cshtml</c> and
/// <c>Shared/_ContentRoleForms.cshtml</c>. Every change is one <see cref="Assignments.ApplyAsync"/> in a
/// <see cref="PermissionChange"/> made by the signed-in user, as the Permissions API makes it, so its rules hold here too
/// (a legacy account takes only system content roles, nobody gives or takes a role they do not hold, <see cref="GrantCheck"/>),
/// and its audit events name that user; a refusal is shown at the field it names.
/// </summary>
public sealed class ContentRoles(RosterDb db, TimeProvider time, ConsolePage page)
{
    /// <summary>A principal holds few roles; past this many the page says so instead of reading them all.</summary>
    public const int MaxHeld = 500;
    public const int MaxProductEnvironments = 500;

    public const string FolderRoleField = "folder_role_id";
    public const string FolderScopeField = "folder_scope_id";
    public const string FolderField = "folder_id";
    public const string CollectionRoleField = "collection_role_id";
    public const string CollectionScopeField = "collection_scope_id";
    public const string CollectionField = "collection_id";
    public const string AssignmentField = "assignment_id";

    /// <summary>Where a refusal that belongs to no field of a form the page shows is written: above the roles held.</summary>
    public const string HeldSection = "held";

    /// <summary>The page's handler that takes a held role away by its <see cref="AssignmentField"/>.</summary>
    public string RemoveHandler { get; init; } = "remove";

    /// <summary>Whether the page shows the forms; a refusal of a form it does not show is written above the roles held.</summary>
    public bool ShowsForms { get; set; } = true;

    public RolePrincipal? Holder { get; private set; }

    /// <summary>Whether the signed-in user may give and take roles at all (each handler checks again).</summary>
    public bool MayAssign { get; private set; }

    /// <summary>The folder and collection roles held, oldest first.</summary>
    public IReadOnlyList<HeldRole> Held { get; private set; } = [];

    public bool HeldTruncated { get; private set; }

    public IReadOnlyList<Choice> FolderRoleChoices { get; private set; } = [];

    public IReadOnlyList<Choice> CollectionRoleChoices { get; private set; } = [];

    public IReadOnlyList<Choice> ProductEnvironments { get; private set; } = [];

    /// <summary>What the forms were posted with, shown again after a refusal.</summary>
    public string? FolderRoleId => Posted(FolderRoleField);
    public string? FolderScopeId => Posted(FolderScopeField);
    public string? FolderId => Posted(FolderField);
    public string? CollectionRoleId => Posted(CollectionRoleField);
    public string? CollectionScopeId => Posted(CollectionScopeField);
    public string? CollectionId => Posted(CollectionField);

    private string? Posted(string field) =>
        page.Request.HasFormContentType && page.Request.Form.TryGetValue(field, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Reads what the partials show: the content roles <paramref name="holder"/> holds and, when the user may assign, the choices.</summary>
    public async Task DescribeAsync(RolePrincipal holder, bool mayAssign, CancellationToken ct)
    {
        (Holder, MayAssign) = (holder, mayAssign);
        var accountId = page.AccountId;
        var assignments = await HeldQuery(accountId, holder)
            .Where(a => a.FolderId != null || a.CollectionId != null)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Take(MaxHeld + 1)
            .ToListAsync(ct);
        HeldTruncated = assignments.Count > MaxHeld;
        Held = await DescribeAsync([.. assignments.Take(MaxHeld)], ct);
        if (!mayAssign)
        {
            return;
        }
        ProductEnvironments = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(MaxProductEnvironments)
            .Select(p => new Choice(p.Id, p.Name))
            .ToListAsync(ct);
        var custom = await db.Roles.AsNoTracking().Where(r => r.AccountId == accountId && r.PermissionType == PermissionType.Content)
            .OrderBy(r => r.NameNormalized).ToListAsync(ct);
        var content = RoleInfo.System.Concat(custom.Select(RoleInfo.Of)).Where(r => r.PermissionType == PermissionType.Content).ToList();
        FolderRoleChoices = Offered(content, CloudinaryCatalogue.FolderIdParameter);
        CollectionRoleChoices = Offered(content, CloudinaryCatalogue.CollectionIdParameter);
    }

    private static List<Choice> Offered(List<RoleInfo> roles, string parameter) =>
        [.. roles.Where(r => r.PolicyParameters.SequenceEqual([parameter])).Select(r => new Choice(r.Id, Label(r)))];

    public static string Label(RoleInfo role) => role.ManagementType == ManagementType.Custom ? role.Name + " (custom)" : role.Name;

    /// <summary>The assignments as the tables show them: the role's name, the product environment's, the folder or collection.</summary>
    public async Task<IReadOnlyList<HeldRole>> DescribeAsync(IReadOnlyList<RoleAssignment> assignments, CancellationToken ct)
    {
        var accountId = page.AccountId;
        var roles = await RoleInfo.FindAllAsync(db, accountId, assignments.Select(a => a.RoleId), ct);
        var scopeIds = assignments.Select(a => a.ScopeId).OfType<string>().Distinct().ToList();
        var names = await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId && scopeIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. assignments.Select(a => new HeldRole(a.Id, roles.GetValueOrDefault(a.RoleId)?.Name ?? a.RoleId, a.RoleId,
            a.ScopeId switch
            {
                null => "Account",
                Grant.AllProductEnvironments => "All product environments",
                var id => names.GetValueOrDefault(id) ?? id,
            },
            a.FolderId, a.CollectionId))];
    }

    /// <summary>Every assignment the holder has in the account.</summary>
    public IQueryable<RoleAssignment> HeldQuery(string accountId, RolePrincipal holder) =>
        db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId && a.PrincipalType == holder.Type && a.PrincipalId == holder.Id);

    /// <summary>Gives the folder role the folder form names; the flash to show when given, null when refused (at its fields).</summary>
    public Task<string?> AddFolderRoleAsync(RolePrincipal holder, CancellationToken ct) =>
        AddContentRoleAsync(holder, FolderRoleField, FolderScopeField, FolderField, CloudinaryCatalogue.FolderIdParameter, "folder", ct);

    /// <summary>Gives the collection role the collection form names; the flash to show when given, null when refused (at its fields).</summary>
    public Task<string?> AddCollectionRoleAsync(RolePrincipal holder, CancellationToken ct) =>
        AddContentRoleAsync(holder, CollectionRoleField, CollectionScopeField, CollectionField, CloudinaryCatalogue.CollectionIdParameter, "collection", ct);

    private async Task<string?> AddContentRoleAsync(RolePrincipal holder, string roleField, string scopeField, string objectField, string parameter,
        string noun, CancellationToken ct)
    {
        await ReadFormAsync(ct);
        var scopeId = Clean(Posted(scopeField));
        if (scopeId.Length == 0)
        {
            page.Errors[scopeField] = $"Choose the {noun}'s product environment.";
        }
        SortedDictionary<string, string>? parameters = null;
        var posted = Posted(objectField);
        if (string.IsNullOrWhiteSpace(posted))
        {
            page.Errors[objectField] = $"Enter the {noun}'s id.";
        }
        else
        {
            // Note: read as the Permissions API reads an id, so the console takes exactly the ids the API takes.
            var input = new PermissionsInput(RequestValues.FromJson(new JsonObject { [objectField] = posted }));
            if (input.Id(objectField) is { } id)
            {
                parameters = new(StringComparer.Ordinal) { [parameter] = id };
            }
            else if (input.Error is { } invalid)
            {
                page.Errors[objectField] = invalid.Message;
            }
        }
        var prefix = objectField[..^"id".Length];
        return await AddAsync(holder, roleField, Clean(Posted(roleField)), scopeId, parameters, prefix, [roleField, scopeField, objectField], ShowsForms, ct);
    }

    /// <summary>
    /// Gives <paramref name="holder"/> a role: the flash to show when given, null when refused. Refusals are written at the
    /// field they name among <paramref name="fields"/> (the role's field otherwise), or, when <paramref name="shown"/> is false
    /// (the form is not on the page), above the roles held. <paramref name="prefix"/> is how the assignment names its fields.
    /// </summary>
    public async Task<string?> AddAsync(RolePrincipal holder, string roleField, string roleId, string? scopeId,
        SortedDictionary<string, string>? parameters, string prefix, string[] fields, bool shown, CancellationToken ct)
    {
        if (!MayAssignNow())
        {
            page.Errors[roleField] = "Your roles do not allow giving roles.";
        }
        else if (roleId.Length == 0)
        {
            page.Errors[roleField] = "Choose a role.";
        }
        if (page.Errors.Count == 0)
        {
            var request = new AssignmentRequest(holder.Type, holder.Id, roleId, scopeId, parameters, prefix, roleField, roleField);
            if (await ApplyAsync(AssignmentOperation.Add, request, ct) is not { } refused)
            {
                return $"The {Principals.Noun(holder.Type)} {holder.Name} holds the role.";
            }
            var field = FieldOf(refused) is { } named
                ? named == prefix + "policy_parameters" ? fields.FirstOrDefault(f => f == prefix + "id") ?? roleField : named
                : null;
            page.Errors[field is not null && fields.Contains(field) ? field : roleField] = refused.Message;
        }
        if (!shown)
        {
            var first = page.Errors.Values.First();
            page.Errors.Clear();
            page.Errors[HeldSection] = first;
        }
        return null;
    }

    /// <summary>Takes away the role held by the posted <see cref="AssignmentField"/>; the flash when taken, null when refused (above the roles held).</summary>
    public async Task<string?> RemoveAsync(RolePrincipal holder, CancellationToken ct)
    {
        if (!MayAssignNow())
        {
            page.Errors[HeldSection] = "Your roles do not allow taking roles away.";
            return null;
        }
        await ReadFormAsync(ct);
        var assignmentId = Clean(Posted(AssignmentField));
        var held = await HeldQuery(page.AccountId, holder).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (held is null)
        {
            page.Errors[HeldSection] = $"The {Principals.Noun(holder.Type)} does not hold that role.";
            return null;
        }
        var request = new AssignmentRequest(holder.Type, holder.Id, held.RoleId, held.ScopeId, held.Parameters(), "", HeldSection, HeldSection);
        if (await ApplyAsync(AssignmentOperation.Remove, request, ct) is { } refused)
        {
            page.Errors[HeldSection] = refused.Message;
            return null;
        }
        return $"The {Principals.Noun(holder.Type)} {holder.Name} no longer holds the role.";
    }

    private async Task ReadFormAsync(CancellationToken ct)
    {
        if (page.Request.HasFormContentType)
        {
            await page.Request.ReadFormAsync(ct);
        }
    }

    private bool MayAssignNow() => page.May(CloudinaryFeatures.RolesAssign);

    private Task<RosterError?> ApplyAsync(AssignmentOperation operation, AssignmentRequest request, CancellationToken ct)
    {
        // The signed-in user makes the change: GrantCheck holds them to what they hold, and the audit events name them.
        var (accountId, actor) = (page.AccountId, Actor.From(page.HttpContext));
        return db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation, [request], actor, time, ct), ct);
    }

    private static string? FieldOf(RosterError error) => error switch
    {
        InvalidField invalid => invalid.Name,
        NotAllowed notAllowed => notAllowed.Name,
        PermissionObjectNotFound notFound => notFound.Name,
        _ => null,
    };

    /// <summary>An id as a form gives it, trimmed; "" when it cannot be one (see <see cref="GroupPages.CleanId"/>).</summary>
    public static string Clean(string? text) => GroupPages.CleanId(text);
}
