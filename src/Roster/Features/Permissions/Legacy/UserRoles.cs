using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>The permission system's side of <see cref="IUserRoles"/>: the legacy role mapping (<see cref="LegacyRoleField"/>) and revocation.</summary>
public sealed class UserRoles(RosterDb db, TimeProvider time) : IUserRoles
{
    public Task ChangingAsync(string accountId, CancellationToken ct) => db.BumpPermissionsVersionAsync(accountId, ct);

    public Task WrittenAsync(User user, bool roleWritten, ProductEnvironmentAccess? before, Actor actor, CancellationToken ct) =>
        LegacyRoleField.WriteAsync(db, user, roleWritten, before, actor, time, ct);

    public Task<RosterError?> RoleRefusalAsync(string accountId, LegacyRole role, IReadOnlyList<string>? productEnvironmentIds, Actor actor,
        CancellationToken ct) => GrantCheck.LegacyRoleRefusalAsync(db, accountId, actor, role, productEnvironmentIds, ct);

    public Task RemovedAsync(User user, Actor actor, CancellationToken ct) =>
        db.RevokeHeldByAsync(user.AccountId, PrincipalType.User, [user.Id], actor, time, ct);
}
