using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public static class UpdateCustomPolicy
{
    /// <summary>Replaces the policy (all fields, enabled required). A PUT that changes nothing is refused with 409, as the spec asks.</summary>
    public static async Task<Results<Ok<DataResponse<CustomPolicyData>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "policy_id")] string policyId, RequestValues body,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        input.RequireAll("name", "scope_type", "policy_statement", "enabled");
        var name = input.Name("name");
        var scopeType = input.ScopeType().GetValueOrDefault();
        var statement = input.RequiredString("policy_statement");
        var description = input.Text("description", CustomPolicyRules.MaxDescription);
        var enabled = input.Bool("enabled").GetValueOrDefault();
        var givenScopeId = input.Id("scope_id");
        if (input.Error is { } invalid)
        {
            // Note: an account off the Enterprise plan hears the plan's refusal first, whatever it sent.
            return await CustomPermissions.RefusalAsync(db, accountId, ct) ?? invalid;
        }
        var updated = await RunAsync(db, accountId, policyId, new PolicyDefinition(name, scopeType, givenScopeId, statement, description, enabled),
            actor, time, ct);
        return updated.Succeeded ? TypedResults.Ok(new DataResponse<CustomPolicyData>(CustomPolicyData.Of(updated.Value))) : updated.Error;
    }

    public static async Task<Outcome<CustomPolicy>> RunAsync(RosterDb db, string accountId, string policyId, PolicyDefinition definition,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
        {
            return notEnterprise;
        }
        var (name, scopeType, givenScopeId, statement, description, enabled) = definition;
        if (PolicyStatements.Refusal(statement) is { } notCedar)
        {
            return notCedar;
        }
        CustomPolicy? policy = null;
        var refused = await db.RunAsync(accountId, async () =>
        {
            policy = await db.CustomPolicies.FirstOrDefaultAsync(p => p.AccountId == accountId && p.Id == policyId, ct);
            if (policy is null)
            {
                return CustomPolicyRules.Missing(policyId);
            }
            var (scopeId, invalid) = await CustomPolicyRules.ScopeIdAsync(db, accountId, scopeType, givenScopeId, ct);
            if (invalid is not null)
            {
                return invalid;
            }
            var scopeKey = CustomPolicy.KeyOf(scopeType, scopeId);
            if (policy.Statement == statement && policy.Name == name && policy.Description == description
                && policy.Enabled == enabled && policy.ScopeKey == scopeKey)
            {
                return new AlreadyExists("policy_statement", statement.Length > 200 ? statement[..200] + "…" : statement,
                    "already exists: the policy already reads exactly so; nothing to change.");
            }
            if (await CustomPolicyRules.NameTakenAsync(db, accountId, scopeKey, name, policyId, ct) is { } taken)
            {
                return taken;
            }
            var before = CustomPolicySnapshot.Of(policy);
            policy.Name = name;
            policy.NameNormalized = Names.Normalize(name);
            policy.Description = description;
            policy.Statement = statement;
            policy.ScopeType = scopeType;
            policy.ScopeId = scopeId;
            policy.ScopeKey = scopeKey;
            policy.Enabled = enabled;
            policy.UpdatedAt = time.GetUtcNow();
            db.Audit(actor, time, accountId, AuditAction.CustomPolicyUpdate, "custom_policy", policy.Id, before, CustomPolicySnapshot.Of(policy));
            return null;
        }, ct, CustomPolicyRules.NameIndexConflict(name));
        return refused is null ? policy! : refused;
    }
}
