using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.Folders;

/// <summary>The product environment and access key that authenticated a per-cloud request, and the folder it is about.</summary>
/// <param name="FolderPath">Folder ids from the top folder down to the folder itself: the caller's ancestor_ids, then the folder.</param>
public sealed record FolderCaller(string AccountId, string ProductEnvironmentId, string ApiKey, IReadOnlyList<string> FolderPath)
{
    public const int MaxAncestors = 100;

    public string FolderId => FolderPath[^1];

    /// <summary>The caller from the authenticated claims; the folder and its ancestors from the path and <c>ancestor_ids</c>.</summary>
    public static Outcome<FolderCaller> From(HttpContext context, string folderId, RequestValues values)
    {
        var ancestors = values.List("ancestor_ids") ?? [];
        if (values.Error is { } invalid)
        {
            return invalid;
        }
        if (ancestors.Count > MaxAncestors)
        {
            return new InvalidField("ancestor_ids", ancestors.Count, $"'ancestor_ids' takes at most {MaxAncestors} folder ids.");
        }
        IReadOnlyList<string> path = [.. ancestors, folderId];
        if (ancestors.Append(folderId).FirstOrDefault(id => !IsFolderId(id)) is { } bad)
        {
            var name = ancestors.Contains(bad) ? "ancestor_ids" : "folder_id";
            return new InvalidField(name, RequestValues.Shorten(bad),
                $"'{name}' must hold folder ids of 1 to {PermissionIds.MaxLength} characters without control characters.");
        }
        if (path.Distinct(StringComparer.Ordinal).Count() != path.Count)
        {
            return new InvalidField("ancestor_ids", null, "'ancestor_ids' must list distinct folders above the folder, from the top folder down.");
        }
        var user = context.User;
        return new FolderCaller(
            user.FindFirst(RosterClaims.AccountId)!.Value,
            user.FindFirst(RosterClaims.ProductEnvironmentId)!.Value,
            user.FindFirst(RosterClaims.ApiKey)!.Value,
            path);
    }

    private static bool IsFolderId(string value) =>
        value.Length is > 0 and <= PermissionIds.MaxLength && !value.Any(char.IsControl) && WireText.Problem(value) is null;
}

/// <summary>A folder role as the folder endpoints show it.</summary>
public sealed record FolderRoleSummary(string Id, string Name, string? Description);

public static class FolderRoles
{
    public const int MaxRolesPerRequest = 10;

    /// <summary>Every folder role of the account: the catalogue's, then its custom content roles that take a folder.</summary>
    public static async Task<List<(FolderRoleSummary Summary, RoleDefinition Definition)>> AllAsync(RosterDb db, string accountId, CancellationToken ct)
    {
        var roles = CloudinaryCatalogue.SystemRoles
            .Where(r => r.PolicyParameters.Contains(CloudinaryCatalogue.FolderIdParameter))
            .Select(r => (new FolderRoleSummary(r.Id, r.Name, r.Description), RoleDefinition.FromSystemRole(r)))
            .ToList();
        var custom = await db.Roles.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.PermissionType == PermissionType.Content && r.ScopeType == ScopeType.Prodenv)
            .OrderBy(r => r.NameNormalized)
            .ToListAsync(ct);
        roles.AddRange(custom
            .Select(r => (Summary: new FolderRoleSummary(r.Id, r.Name, r.Description),
                Definition: RoleDefinition.Custom(r.Id, r.ScopeType, r.PermissionType, r.SystemPolicyIds)))
            .Where(r => r.Definition.PolicyParameters.SequenceEqual([CloudinaryCatalogue.FolderIdParameter])));
        return roles;
    }

    /// <summary>
    /// The folder roles the calling key may grant on the folder: those whose every policy it holds there
    /// (<see cref="Holdings"/>). In a legacy account an API key is unrestricted in its product environment, so it may grant all.
    /// </summary>
    public static async Task<List<FolderRoleSummary>> PermittedAsync(RosterDb db, FolderCaller caller, CancellationToken ct)
    {
        var roles = await AllAsync(db, caller.AccountId, ct);
        if (await db.IsLegacyAsync(caller.AccountId, ct))
        {
            return [.. roles.Select(r => r.Summary)];
        }
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == caller.AccountId && a.PrincipalType == PrincipalType.ApiKey && a.PrincipalId == caller.ApiKey)
            .ToListAsync(ct);
        var holdings = new Holdings(held.Select(AuthorizeGrants.ToGrant), await AuthorizeGrants.CustomRolesAsync(db, caller.AccountId, ct));
        var target = GrantTarget.Folder(caller.ProductEnvironmentId, caller.FolderPath);
        return [.. roles.Where(r => holdings.CanGrant(r.Definition, target)).Select(r => r.Summary)];
    }
}
