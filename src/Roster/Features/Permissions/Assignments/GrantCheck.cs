using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>
/// "Nobody can grant more than they hold", in one place. A user who is not the account's root user may give or take away
/// a role only when it holds every system policy of that role where the role applies — itself or through a group, a role
/// on all product environments covering each one (<see cref="Holdings"/> decides) — and may set another user's legacy
/// role only to one whose mapped roles it could grant so. Keys and Roster itself are not people and are not held to it:
/// the provisioning key holds everything, and an access key's grants are checked by the folder endpoints.
/// </summary>
public static class GrantCheck
{
    /// <summary>The refusal of the first request the actor may not make; null when it may make them all.</summary>
    public static async Task<RosterError?> RefusalAsync(RosterDb db, string accountId, Actor actor, IReadOnlyList<AssignmentRequest> requests,
        CancellationToken ct)
    {
        if (requests.Count == 0 || await HoldingsOfAsync(db, accountId, actor, ct) is not { } holdings)
        {
            return null;
        }
        foreach (var request in requests)
        {
            var target = TargetOf(request.ScopeId, request.Parameters);
            if (!holdings.CanGrant(request.RoleId, target))
            {
                return Refusal(await NameOfAsync(db, accountId, request.RoleId, ct), request.RoleField, request.RoleId);
            }
        }
        return null;
    }

    /// <summary>
    /// The refusal of giving <paramref name="role"/> (a legacy <c>role</c>) to a user with <paramref name="productEnvironmentIds"/>
    /// (null or empty: all): the actor must be able to grant the role's account role at the account and its product-environment
    /// role on each of them. Null when it may.
    /// </summary>
    public static async Task<RosterError?> LegacyRoleRefusalAsync(RosterDb db, string accountId, Actor actor, LegacyRole role,
        IReadOnlyList<string>? productEnvironmentIds, CancellationToken ct)
    {
        if (await HoldingsOfAsync(db, accountId, actor, ct) is not { } holdings)
        {
            return null;
        }
        var mapping = CloudinaryCatalogue.FindLegacyRole(role);
        var scopes = productEnvironmentIds is { Count: > 0 } ids ? ids : [Grant.AllProductEnvironments];
        var allowed = (mapping.AccountRoleId is not { } accountRole || holdings.CanGrant(accountRole, GrantTarget.Account))
            && (mapping.ProductEnvironmentRoleId is not { } productEnvironmentRole
                || scopes.All(scope => holdings.CanGrant(productEnvironmentRole, GrantTarget.ProductEnvironment(scope))));
        return allowed ? null : Refusal(LegacyRoleNames.Of(role), "role", role.Wire());
    }

    /// <summary>Whether the actor could set a user's legacy role to a role on all product environments: for the choices a page offers.</summary>
    public static async Task<Func<LegacyRole, bool>> LegacyRolesGrantableAsync(RosterDb db, string accountId, Actor actor, CancellationToken ct)
    {
        if (await HoldingsOfAsync(db, accountId, actor, ct) is not { } holdings)
        {
            return _ => true;
        }
        return role =>
        {
            var mapping = CloudinaryCatalogue.FindLegacyRole(role);
            return (mapping.AccountRoleId is not { } a || holdings.CanGrant(a, GrantTarget.Account))
                && (mapping.ProductEnvironmentRoleId is not { } p || holdings.CanGrant(p, GrantTarget.ProductEnvironment(Grant.AllProductEnvironments)));
        };
    }

    /// <summary>Whether the actor may grant the role at the scope; for the choices a page offers (the handler checks again).</summary>
    public static async Task<Func<string, string?, bool>> GrantableAsync(RosterDb db, string accountId, Actor actor, CancellationToken ct)
    {
        if (await HoldingsOfAsync(db, accountId, actor, ct) is not { } holdings)
        {
            return (_, _) => true;
        }
        return (roleId, scopeId) => holdings.CanGrant(roleId, TargetOf(scopeId, null));
    }

    private static NotAllowed Refusal(string roleName, string field, string value) =>
        new($"You cannot grant {roleName}: you can grant or remove only roles whose every permission you hold yourself.", field, value);

    private static async Task<string> NameOfAsync(RosterDb db, string accountId, string roleId, CancellationToken ct) =>
        await RoleInfo.FindAsync(db, accountId, roleId, ct) is { } role ? role.Name : roleId;

    private static GrantTarget TargetOf(string? scopeId, IReadOnlyDictionary<string, string>? parameters)
    {
        if (scopeId is null)
        {
            return GrantTarget.Account;
        }
        if (parameters?.GetValueOrDefault(CloudinaryCatalogue.FolderIdParameter) is { } folderId)
        {
            return GrantTarget.Folder(scopeId, [folderId]);
        }
        if (parameters?.GetValueOrDefault(CloudinaryCatalogue.CollectionIdParameter) is { } collectionId)
        {
            return GrantTarget.Collection(scopeId, collectionId);
        }
        return GrantTarget.ProductEnvironment(scopeId);
    }

    /// <summary>
    /// What the actor holds; null when the rule does not apply to it (not a user, or the account's root user). A user of another
    /// account, a deleted or a disabled one, holds nothing here.
    /// </summary>
    private static async Task<Holdings?> HoldingsOfAsync(RosterDb db, string accountId, Actor actor, CancellationToken ct)
    {
        if (actor.Type != ActorType.User || actor.Id is not { } userId)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AccountId == accountId)
            .Select(u => new { u.IsRoot, u.Role, u.Status, u.Enabled, u.AllProductEnvironments,
                ProductEnvironments = u.ProductEnvironments.Select(p => p.ProductEnvironmentId).ToList(),
                Groups = u.Memberships.Select(m => m.GroupId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (user is { IsRoot: true })
        {
            return null;
        }
        if (user is null || user.Status == UserStatus.Inactive || !user.Enabled)
        {
            return new Holdings([]);
        }
        var legacy = await db.IsLegacyAsync(accountId, ct);
        var groups = user.Groups;
        var held = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.AccountId == accountId
                && ((a.PrincipalType == PrincipalType.User && a.PrincipalId == userId)
                    || (a.PrincipalType == PrincipalType.Group && groups.Contains(a.PrincipalId))))
            .ToListAsync(ct);
        // A legacy account stores only shares; what the user's role string gives is derived as the legacy model derives it.
        var grants = held.Where(a => !legacy || a.FolderId != null || a.CollectionId != null).Select(AuthorizeGrants.ToGrant).ToList();
        if (legacy)
        {
            var mapped = LegacyModel.Mapped(user.Role, user.AllProductEnvironments ? null : user.ProductEnvironments);
            grants.AddRange(mapped.Select((h, i) => new Grant($"legacy/{i}", PrincipalType.User, userId, h.RoleId, h.ScopeId, null, null)));
        }
        return new Holdings(grants, await AuthorizeGrants.CustomRolesAsync(db, accountId, ct));
    }
}

/// <summary>The legacy roles as people read them.</summary>
public static class LegacyRoleNames
{
    /// <summary>The seven roles with the names people read, most privileged first.</summary>
    public static IReadOnlyList<(LegacyRole Role, string Name)> All { get; } = [.. Enum.GetValues<LegacyRole>().Select(r => (r, Of(r)))];

    public static string Of(LegacyRole role) => role switch
    {
        LegacyRole.MasterAdmin => "Master admin",
        LegacyRole.Admin => "Admin",
        LegacyRole.TechnicalAdmin => "Technical admin",
        LegacyRole.Billing => "Billing",
        LegacyRole.Reports => "Reports",
        LegacyRole.MediaLibraryAdmin => "Media Library admin",
        LegacyRole.MediaLibraryUser => "Media Library user",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
