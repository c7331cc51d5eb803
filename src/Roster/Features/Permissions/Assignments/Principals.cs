using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;

namespace Roster.Features.Permissions;

/// <summary>A principal of the account: for API keys, the product environment the key belongs to.</summary>
public sealed record PrincipalRef(PrincipalType Type, string Id, string? ProductEnvironmentId = null);

public static class Principals
{
    /// <summary>
    /// Finds the principal in the account. <paramref name="toHoldRoles"/> adds the rules for receiving a role:
    /// the root user and the provisioning key already hold everything, and deleted users hold nothing.
    /// </summary>
    public static async Task<(PrincipalRef? Principal, RosterError? Error)> FindAsync(
        RosterDb db, string accountId, PrincipalType type, string id, string field, bool toHoldRoles, CancellationToken ct)
    {
        switch (type)
        {
            case PrincipalType.User:
                var user = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && u.Id == id)
                    .Select(u => new { u.IsRoot, u.Status }).FirstOrDefaultAsync(ct);
                if (user is null)
                {
                    return (null, new PermissionObjectNotFound(field, id, "user"));
                }
                if (toHoldRoles && user.IsRoot)
                {
                    return (null, new NotAllowed("The root user holds every permission of the account and can be given no role.", field, id));
                }
                if (toHoldRoles && user.Status == UserStatus.Inactive)
                {
                    return (null, new InvalidField(field, id, "The user is inactive (deleted) and can be given no role."));
                }
                return (new PrincipalRef(type, id), null);
            case PrincipalType.Group:
                return await db.UserGroups.AnyAsync(g => g.AccountId == accountId && g.Id == id, ct)
                    ? (new PrincipalRef(type, id), null)
                    : (null, new PermissionObjectNotFound(field, id, "group"));
            case PrincipalType.ApiKey:
                var productEnvironmentId = await db.AccessKeys.Where(k => k.ApiKey == id)
                    .Join(db.ProductEnvironments.Where(p => p.AccountId == accountId), k => k.ProductEnvironmentId, p => p.Id, (k, p) => p.Id)
                    .FirstOrDefaultAsync(ct);
                return productEnvironmentId is null
                    ? (null, new PermissionObjectNotFound(field, id, "API key"))
                    : (new PrincipalRef(type, id, productEnvironmentId), null);
            case PrincipalType.ProvisioningKey:
                if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.ApiKey == id, ct))
                {
                    return (null, new PermissionObjectNotFound(field, id, "provisioning key"));
                }
                return toHoldRoles
                    ? (null, new NotAllowed("The account's provisioning key holds every permission of the account and can be given no role.", field, id))
                    : (new PrincipalRef(type, id), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }
}
