using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class DeleteCustomPolicy
{
    public static async Task<Results<NoContent, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "policy_id")] string policyId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunAsync(db, accountId, policyId, actor, time, ct) is { } refused ? refused : TypedResults.NoContent();

    public static async Task<RosterError?> RunAsync(RosterDb db, string accountId, string policyId, Actor actor, TimeProvider time, CancellationToken ct) =>
        await CustomPermissions.RefusalAsync(db, accountId, ct) ?? await db.RunAsync(accountId, async () =>
        {
            if (await db.CustomPolicies.FirstOrDefaultAsync(p => p.AccountId == accountId && p.Id == policyId, ct) is not { } policy)
            {
                return CustomPolicyRules.Missing(policyId);
            }
            db.CustomPolicies.Remove(policy);
            db.Audit(actor, time, accountId, AuditAction.CustomPolicyDelete, "custom_policy", policy.Id, before: CustomPolicySnapshot.Of(policy));
            return null;
        }, ct);
}
