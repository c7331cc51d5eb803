using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Folders;

public sealed record FolderRolesUpdated(bool Success);

/// <summary>Folder roles to give to (<paramref name="Add"/>) or take from a user, group or API key.</summary>
public sealed record FolderRoleChange(PrincipalType PrincipalType, string PrincipalId, bool Add, IReadOnlyList<string> RoleIds);

public static class UpdateFolderRoles
{
    /// <summary>Who can hold a folder role: not the provisioning key, which holds the whole account.</summary>
    private static readonly PrincipalType[] _holders = [PrincipalType.User, PrincipalType.Group, PrincipalType.ApiKey];

    private static readonly string[] _operations = ["add", "remove"];

    public static async Task<Results<Ok<FolderRolesUpdated>, RosterError>> HandleAsync(
        [FromRoute(Name = "folder_id")] string folderId, HttpContext context, RequestValues body, RosterDb db, Actor actor,
        TimeProvider time, CancellationToken ct)
    {
        var caller = FolderCaller.From(context, folderId, body);
        if (!caller.Succeeded)
        {
            return caller.Error;
        }
        var change = Read(body);
        if (!change.Succeeded)
        {
            return change.Error;
        }
        return await RunAsync(caller.Value, change.Value, db, actor, time, ct) is { } refused
            ? refused
            : TypedResults.Ok(new FolderRolesUpdated(true));
    }

    public static Outcome<FolderRoleChange> Read(RequestValues body)
    {
        var principal = body.Attributes("principal");
        var operation = body.OneOf("operation", _operations);
        var roleIds = body.List("roles")?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        if (principal is null)
        {
            return new InvalidInput("'principal' is required: {\"type\": \"user\", \"id\": \"…\"}.");
        }
        var typeText = principal.GetValueOrDefault("type");
        if (typeText is null || !Wire.PrincipalTypes.TryGetValue(typeText, out var type) || !_holders.Contains(type))
        {
            return new InvalidInput($"'principal.type' must be one of: {string.Join(", ", _holders.Select(h => h.Wire()))}.");
        }
        if (principal.GetValueOrDefault("id") is not { Length: > 0 and <= PermissionIds.MaxLength } principalId || principalId.Any(char.IsControl))
        {
            return new InvalidInput("'principal.id' is required: the user id, group id or api_key.");
        }
        if (operation is null)
        {
            return new InvalidInput("'operation' is required: add or remove.");
        }
        if (roleIds.Count is 0 or > FolderRoles.MaxRolesPerRequest)
        {
            return new InvalidInput($"'roles' takes 1 to {FolderRoles.MaxRolesPerRequest} folder role ids.");
        }
        return new FolderRoleChange(type, principalId, operation == "add", roleIds);
    }

    /// <summary>
    /// Grants or takes folder roles on the caller's folder. The caller (an access key of the folder's product environment)
    /// may grant or take only roles it holds there; the principal must be of the account, and an API key of the same
    /// product environment.
    /// </summary>
    public static async Task<RosterError?> RunAsync(
        FolderCaller caller, FolderRoleChange change, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var (type, principalId, add, roleIds) = change;
        var folderRoles = (await FolderRoles.AllAsync(db, caller.AccountId, ct)).Select(r => r.Summary.Id).ToHashSet(StringComparer.Ordinal);
        if (roleIds.FirstOrDefault(r => !folderRoles.Contains(r)) is { } notFolderRole)
        {
            return new InvalidField("roles", notFolderRole, $"'roles': {notFolderRole} is not a folder role (folder roles: {string.Join(", ", folderRoles)}).");
        }
        if (type == PrincipalType.ApiKey && await db.IsLegacyAsync(caller.AccountId, ct))
        {
            return LegacyMode.Refusal("principal.type", "apiKey");
        }
        var permitted = (await FolderRoles.PermittedAsync(db, caller, ct)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (roleIds.FirstOrDefault(r => !permitted.Contains(r)) is { } beyond)
        {
            return new NotAllowed($"The API key does not hold {beyond} on this folder, so it cannot {(add ? "grant" : "take")} it; "
                + $"it may grant: {(permitted.Count == 0 ? "no folder role" : string.Join(", ", permitted))}.", "roles", beyond);
        }
        if (await CheckPrincipalAsync(db, caller, type, principalId, ct) is { } refused)
        {
            return refused;
        }

        return await db.RunAsync(caller.AccountId, async () =>
        {
            await (add ? GrantAsync(db, caller, type, principalId, roleIds, actor, time, ct) : RevokeAsync(db, caller, type, principalId, roleIds, actor, time, ct));
            return null;
        }, ct);
    }

    private static async Task<RosterError?> CheckPrincipalAsync(RosterDb db, FolderCaller caller, PrincipalType type, string id, CancellationToken ct) =>
        await Principals.LookUpAsync(db, caller.AccountId, type, id, ct) switch
        {
            null => type switch
            {
                PrincipalType.User => UsersApi.Missing(id),
                PrincipalType.Group => new ObjectNotFound($"Cannot find user group with id {id}"),
                _ => new ObjectNotFound($"Cannot find API key {id}"),
            },
            { IsRoot: true } => new NotAllowed(RootUser.HoldsEverything, "principal.id", id),
            { Status: UserStatus.Inactive } => new UserIsInactive(),
            { ProductEnvironmentId: { } own } when own != caller.ProductEnvironmentId => new InvalidInput(
                $"The API key {id} belongs to another product environment; an API key holds roles only in its own."),
            _ => null,
        };

    private static async Task GrantAsync(RosterDb db, FolderCaller caller, PrincipalType type, string principalId, IReadOnlyList<string> roleIds,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var wanted = roleIds.Distinct().Select(r => RoleAssignment.New(caller.AccountId, type, principalId, r, caller.ProductEnvironmentId, Parameters(caller), now))
            .ToList();
        var fingerprints = wanted.Select(a => a.Fingerprint).ToList();
        var held = await db.RoleAssignments.Where(a => a.AccountId == caller.AccountId && fingerprints.Contains(a.Fingerprint))
            .Select(a => a.Fingerprint).ToListAsync(ct);
        foreach (var assignment in wanted.Where(a => !held.Contains(a.Fingerprint)))
        {
            db.RoleAssignments.Add(assignment);
            db.Audit(actor, time, caller.AccountId, AuditAction.RoleAssignmentCreate, "role_assignment", assignment.Id, after: AssignmentSnapshot.Of(assignment));
        }
    }

    private static async Task RevokeAsync(RosterDb db, FolderCaller caller, PrincipalType type, string principalId, IReadOnlyList<string> roleIds,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var parameters = Parameters(caller);
        var fingerprints = roleIds.Select(r => RoleAssignment.FingerprintOf(type, principalId, r, caller.ProductEnvironmentId, parameters)).ToList();
        var held = await db.RoleAssignments.Where(a => a.AccountId == caller.AccountId && fingerprints.Contains(a.Fingerprint)).ToListAsync(ct);
        db.Revoke(held, actor, time);
    }

    private static SortedDictionary<string, string> Parameters(FolderCaller caller) =>
        new(StringComparer.Ordinal) { [CloudinaryCatalogue.FolderIdParameter] = caller.FolderId };
}
