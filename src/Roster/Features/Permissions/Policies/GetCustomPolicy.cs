using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class GetCustomPolicy
{
    public static async Task<Results<Ok<DataResponse<CustomPolicyData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "policy_id")] string policyId, RosterDb db, CancellationToken ct)
    {
        if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
        {
            return notEnterprise;
        }
        return await db.CustomPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId && p.Id == policyId, ct) is { } policy
            ? TypedResults.Ok(new DataResponse<CustomPolicyData>(CustomPolicyData.Of(policy)))
            : CustomPolicyRules.Missing(policyId);
    }
}
