using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class CreateCustomPolicy
{
    public static async Task<Results<Created<DataResponse<CustomPolicyData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        input.RequireAll("name", "scope_type", "policy_statement");
        var name = input.Name("name");
        var scopeType = input.ScopeType().GetValueOrDefault();
        var statement = input.RequiredString("policy_statement");
        if (input.Error is null && PolicyStatements.Refusal(statement) is { } notCedar)
        {
            return notCedar;
        }
        var description = input.Text("description", CustomPolicyRules.MaxDescription);
        var enabled = input.Bool("enabled") ?? true;
        var givenScopeId = input.Id("scope_id");
        if (input.Error is { } invalid)
        {
            return invalid;
        }

        CustomPolicy? policy = null;
        var refused = await db.RunAsync(accountId, async () =>
        {
            var (scopeId, invalid) = await CustomPolicyRules.ScopeIdAsync(db, accountId, scopeType, givenScopeId, ct);
            if (invalid is not null)
            {
                return invalid;
            }
            var scopeKey = CustomPolicy.KeyOf(scopeType, scopeId);
            if (await CustomPolicyRules.NameTakenAsync(db, accountId, scopeKey, name, null, ct) is { } taken)
            {
                return taken;
            }
            var now = time.GetUtcNow();
            policy = new CustomPolicy
            {
                AccountId = accountId,
                Id = Secrets.NewId(),
                Name = name,
                NameNormalized = name.ToLowerInvariant(),
                Description = description,
                Statement = statement,
                ScopeType = scopeType,
                ScopeId = scopeId,
                ScopeKey = scopeKey,
                Enabled = enabled,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.CustomPolicies.Add(policy);
            db.Audit(actor, time, accountId, AuditAction.CustomPolicyCreate, "custom_policy", policy.Id, after: CustomPolicySnapshot.Of(policy));
            return null;
        }, ct, CustomPolicyRules.NameIndexConflict(name));
        if (refused is not null)
        {
            return refused;
        }
        return TypedResults.Created($"policies/custom/{policy!.Id}", new DataResponse<CustomPolicyData>(CustomPolicyData.Of(policy)));
    }
}
