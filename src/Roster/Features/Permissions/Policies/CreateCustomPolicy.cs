using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

/// <summary>
/// A custom policy: Cedar <paramref name="Statement"/> in an account or product-environment scope
/// (<paramref name="ScopeId"/>: a product environment, <c>all</c>, or null at account scope).
/// </summary>
public sealed record PolicyDefinition(string Name, ScopeType ScopeType, string? ScopeId, string Statement, string? Description, bool Enabled);

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
        var description = input.Text("description", CustomPolicyRules.MaxDescription);
        var enabled = input.Bool("enabled") ?? true;
        var givenScopeId = input.Id("scope_id");
        if (input.Error is { } invalid)
        {
            // Note: an account off the Enterprise plan hears the plan's refusal first, whatever it sent.
            return await CustomPermissions.RefusalAsync(db, accountId, ct) ?? invalid;
        }
        var created = await RunAsync(db, accountId, new PolicyDefinition(name, scopeType, givenScopeId, statement, description, enabled), actor, time, ct);
        return created.Succeeded
            ? TypedResults.Created($"policies/custom/{created.Value.Id}", new DataResponse<CustomPolicyData>(CustomPolicyData.Of(created.Value)))
            : created.Error;
    }

    public static async Task<Outcome<CustomPolicy>> RunAsync(RosterDb db, string accountId, PolicyDefinition definition, Actor actor,
        TimeProvider time, CancellationToken ct)
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
                NameNormalized = Names.Normalize(name),
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
        return refused is null ? policy! : refused;
    }
}
