using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>
/// What Users needs of the permission system, and the only way it reaches it (Permissions implements it). Users
/// writes a user's v1_1 role and product environments; what they mean as role assignments is decided there. On a
/// Roles and Permissions account the stored <see cref="User.Role"/> is the role derived from those assignments,
/// so Users reads it, sorts and filters by it without asking.
/// </summary>
public interface IUserRoles
{
    /// <summary>Inside the transaction of a change to a user's role or product environments, before anything is read: the account's decisions change.</summary>
    Task ChangingAsync(string accountId, CancellationToken ct);

    /// <summary>
    /// After the user's role (<paramref name="roleWritten"/>) or product environments were written, in the same
    /// unit of work: the user's role assignments follow. <paramref name="before"/> is the access the user had (null for a new user).
    /// </summary>
    Task WrittenAsync(User user, bool roleWritten, ProductEnvironmentAccess? before, Actor actor, CancellationToken ct);

    /// <summary>
    /// Why <paramref name="actor"/> may not give a user the legacy <paramref name="role"/> on <paramref name="productEnvironmentIds"/>
    /// (empty or null: all): nobody grants more than they hold. Null when it may.
    /// </summary>
    Task<RosterError?> RoleRefusalAsync(string accountId, LegacyRole role, IReadOnlyList<string>? productEnvironmentIds, Actor actor, CancellationToken ct);

    /// <summary>The user was deleted: every role it held is revoked in the same unit of work.</summary>
    Task RemovedAsync(User user, Actor actor, CancellationToken ct);
}

/// <summary>The product environments a user can use: all, or the listed ones.</summary>
public sealed record ProductEnvironmentAccess(bool All, IReadOnlySet<string> Ids)
{
    public static ProductEnvironmentAccess Of(User user) => new(user.AllProductEnvironments,
        user.ProductEnvironments.Select(p => p.ProductEnvironmentId).ToHashSet(StringComparer.Ordinal));
}
