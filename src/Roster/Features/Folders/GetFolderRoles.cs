using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Folders;

/// <summary>A folder role a principal holds; <c>inherited</c> when it is held on a folder above.</summary>
public sealed record FolderRoleHeld(string Id, string Name, string? Description, bool Inherited);

/// <summary>A principal's folder roles on one folder (the asked folder, or an ancestor for inherited roles).</summary>
public sealed record FolderShare(string Type, string Id, string FolderId, IReadOnlyList<FolderRoleHeld> Roles);

public sealed record FolderRolesResponse(
    IReadOnlyList<FolderShare> SharedWith,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FolderRoleSummary>? PermittedRoles);

public static class GetFolderRoles
{
    public static async Task<Results<Ok<FolderRolesResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "folder_id")] string folderId, HttpContext context, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var from = FolderCaller.From(context, folderId, query);
        var withPermitted = query.Bool("permitted_roles") ?? false;
        if (!from.Succeeded || query.Error is not null)
        {
            return from.Error ?? query.Error!;
        }
        var caller = from.Value;

        var path = caller.FolderPath.ToList();
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == caller.AccountId && a.ScopeId == caller.ProductEnvironmentId
                && a.FolderId != null && path.Contains(a.FolderId))
            .ToListAsync(ct);
        var roles = (await FolderRoles.AllAsync(db, caller.AccountId, ct)).ToDictionary(r => r.Summary.Id, r => r.Summary, StringComparer.Ordinal);
        var shares = held
            .GroupBy(a => (a.PrincipalType, a.PrincipalId, FolderId: a.FolderId!))
            // The folder's own roles first, then those inherited from the nearest folder up.
            .OrderByDescending(g => path.IndexOf(g.Key.FolderId))
            .ThenBy(g => g.Key.PrincipalType).ThenBy(g => g.Key.PrincipalId, StringComparer.Ordinal)
            .Select(g => new FolderShare(g.Key.PrincipalType.Wire(), g.Key.PrincipalId, g.Key.FolderId,
                [.. g.Select(a => a.RoleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id =>
                    roles.GetValueOrDefault(id) is { } role
                        ? new FolderRoleHeld(id, role.Name, role.Description, g.Key.FolderId != caller.FolderId)
                        : new FolderRoleHeld(id, id, null, g.Key.FolderId != caller.FolderId))]))
            .ToList();
        return TypedResults.Ok(new FolderRolesResponse(shares, withPermitted ? await FolderRoles.PermittedAsync(db, caller, ct) : null));
    }
}
