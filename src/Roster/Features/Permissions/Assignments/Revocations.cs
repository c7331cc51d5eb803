using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.ProductEnvironments;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>
/// What goes when a principal or a product environment goes: their role assignments (and a product
/// environment's custom policies). Called inside the transaction of the deletion, before its SaveChanges.
/// </summary>
public static class Revocations
{
    public static async Task RevokeHeldByAsync(this RosterDb db, string accountId, PrincipalType type,
        IReadOnlyCollection<string> principalIds, Actor actor, TimeProvider time, CancellationToken ct)
    {
        await db.BumpPermissionsVersionAsync(accountId, ct);
        var held = await db.RoleAssignments
            .Where(a => a.AccountId == accountId && a.PrincipalType == type && principalIds.Contains(a.PrincipalId))
            .ToListAsync(ct);
        db.Revoke(held, actor, time);
    }

    /// <summary>Assignments in the product environment or held by its keys, and its custom policies.</summary>
    public static async Task RevokeInProductEnvironmentAsync(this RosterDb db, string accountId, ProductEnvironment product,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        await db.BumpPermissionsVersionAsync(accountId, ct);
        var keys = product.AccessKeys.Select(k => k.ApiKey).ToList();
        var held = await db.RoleAssignments
            .Where(a => a.AccountId == accountId
                && (a.ScopeId == product.Id || (a.PrincipalType == PrincipalType.ApiKey && keys.Contains(a.PrincipalId))))
            .ToListAsync(ct);
        db.Revoke(held, actor, time);
        var policies = await db.CustomPolicies.Where(p => p.AccountId == accountId && p.ScopeId == product.Id).ToListAsync(ct);
        foreach (var policy in policies)
        {
            db.CustomPolicies.Remove(policy);
            db.Audit(actor, time, accountId, AuditAction.CustomPolicyDelete, "custom_policy", policy.Id, before: CustomPolicySnapshot.Of(policy));
        }
    }

    /// <summary>Removes the assignments, auditing each revocation.</summary>
    public static void Revoke(this RosterDb db, IEnumerable<RoleAssignment> assignments, Actor actor, TimeProvider time)
    {
        foreach (var assignment in assignments)
        {
            db.RoleAssignments.Remove(assignment);
            db.Audit(actor, time, assignment.AccountId, AuditAction.RoleAssignmentDelete, "role_assignment", assignment.Id,
                before: AssignmentSnapshot.Of(assignment));
        }
    }
}
