using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Users;

namespace Roster.Features.Permissions;

/// <summary>Where a held role comes from in a legacy account.</summary>
public static class LegacySources
{
    /// <summary>The user's legacy <c>role</c> string, through the catalogue's legacy role mapping.</summary>
    public const string LegacyRole = "legacy_role";

    /// <summary>A folder or collection share: a content role assignment, kept as it is.</summary>
    public const string Share = "share";

    /// <summary>An API key: unrestricted within its product environment, i.e. its master admin.</summary>
    public const string ApiKey = "api_key";
}

/// <summary>One role a principal holds in a legacy account, or will hold once the account is migrated.</summary>
/// <param name="ScopeId">Null at account scope; a product environment id, or <c>all</c> for a user who has every product environment.</param>
/// <param name="AssignmentId">For a share, the stored content assignment; null for what the legacy model derives.</param>
public sealed record LegacyHolding(
    string RoleId, ScopeType ScopeType, string? ScopeId, IReadOnlyDictionary<string, string> PolicyParameters, string Source,
    string? AssignmentId = null);

public sealed record LegacyUser(string Id, string Email, LegacyRole LegacyRole, bool Root, IReadOnlyList<LegacyHolding> Holds);

public sealed record LegacyGroup(string Id, string Name, IReadOnlyList<LegacyHolding> Holds);

public sealed record LegacyApiKey(string ApiKey, string ProductEnvironmentId, string? Name, IReadOnlyList<LegacyHolding> Holds);

/// <summary>
/// What every principal of a legacy account holds, in Roles and Permissions terms: the seeds' legacy model.
/// A user's one <c>role</c> string becomes the account role and the product-environment role of its legacy
/// mapping (the latter on each product environment the user may use, or on <c>all</c>); folder and
/// collection shares of users and groups are content role assignments and stay as they are; every API key
/// is unrestricted within its product environment (its master admin). The root user holds everything and
/// so needs nothing here. Legacy-mode decisions and the migration both read this one model, which is why
/// a migrated account decides exactly as it did before.
/// </summary>
public sealed record LegacyModel(
    string AccountId, IReadOnlyList<LegacyUser> Users, IReadOnlyList<LegacyGroup> Groups, IReadOnlyList<LegacyApiKey> ApiKeys)
{
    private static readonly IReadOnlyDictionary<string, string> _noParameters = new Dictionary<string, string>();

    /// <summary>Every holding, with its principal.</summary>
    public IEnumerable<(PrincipalType Type, string Id, LegacyHolding Holding)> All =>
        Users.SelectMany(u => u.Holds.Select(h => (PrincipalType.User, u.Id, h)))
            .Concat(Groups.SelectMany(g => g.Holds.Select(h => (PrincipalType.Group, g.Id, h))))
            .Concat(ApiKeys.SelectMany(k => k.Holds.Select(h => (PrincipalType.ApiKey, k.ApiKey, h))));

    /// <summary>Reads the account's live users, groups, content assignments and API keys.</summary>
    public static async Task<LegacyModel> LoadAsync(RosterDb db, string accountId, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Status != UserStatus.Inactive)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.Email, u.Role, u.IsRoot, u.AllProductEnvironments })
            .ToListAsync(ct);
        var named = (await db.UserProductEnvironments.AsNoTracking()
                .Join(db.Users.Where(u => u.AccountId == accountId && u.Status != UserStatus.Inactive && !u.AllProductEnvironments),
                    x => x.UserId, u => u.Id, (x, _) => new { x.UserId, x.ProductEnvironmentId })
                .ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.ProductEnvironmentId, StringComparer.Ordinal);
        var groups = await db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var shares = (await db.RoleAssignments.AsNoTracking()
                .Where(a => a.AccountId == accountId && (a.FolderId != null || a.CollectionId != null)
                    && (a.PrincipalType == PrincipalType.User || a.PrincipalType == PrincipalType.Group))
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .ToListAsync(ct))
            .ToLookup(a => (a.PrincipalType, a.PrincipalId));
        var keys = await db.AccessKeys.AsNoTracking()
            .Join(db.ProductEnvironments.Where(p => p.AccountId == accountId), k => k.ProductEnvironmentId, p => p.Id, (k, p) => k)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.ApiKey)
            .Select(k => new { k.ApiKey, k.ProductEnvironmentId, k.Name })
            .ToListAsync(ct);

        return new LegacyModel(
            accountId,
            [.. users.Select(u => new LegacyUser(u.Id, u.Email, u.Role, u.IsRoot, u.IsRoot
                ? []
                : [.. Mapped(u.Role, u.AllProductEnvironments ? null : named[u.Id].Order(StringComparer.Ordinal).ToList()),
                   .. shares[(PrincipalType.User, u.Id)].Select(Share)]))],
            [.. groups.Select(g => new LegacyGroup(g.Id, g.Name, [.. shares[(PrincipalType.Group, g.Id)].Select(Share)]))],
            [.. keys.Select(k => new LegacyApiKey(k.ApiKey, k.ProductEnvironmentId, k.Name,
                [new LegacyHolding(SystemRoleIds.ProdenvMasterAdmin, ScopeType.Prodenv, k.ProductEnvironmentId, _noParameters, LegacySources.ApiKey)]))]);
    }

    /// <summary>
    /// The roles a legacy role string maps to: the account role, and the product-environment role on each of
    /// <paramref name="productEnvironmentIds"/> (null: on <c>all</c>).
    /// </summary>
    public static IReadOnlyList<LegacyHolding> Mapped(LegacyRole legacyRole, IReadOnlyList<string>? productEnvironmentIds)
    {
        var mapping = CloudinaryCatalogue.FindLegacyRole(legacyRole);
        var holds = new List<LegacyHolding>();
        if (mapping.AccountRoleId is { } accountRole)
        {
            holds.Add(new LegacyHolding(accountRole, ScopeType.Account, null, _noParameters, LegacySources.LegacyRole));
        }
        if (mapping.ProductEnvironmentRoleId is { } productEnvironmentRole)
        {
            foreach (var scope in productEnvironmentIds ?? [CustomPolicy.AllProductEnvironments])
            {
                holds.Add(new LegacyHolding(productEnvironmentRole, ScopeType.Prodenv, scope, _noParameters, LegacySources.LegacyRole));
            }
        }
        return holds;
    }

    private static LegacyHolding Share(RoleAssignment a) => new(
        a.RoleId, ScopeType.Prodenv, a.ScopeId, a.Parameters(), LegacySources.Share, a.Id);
}
