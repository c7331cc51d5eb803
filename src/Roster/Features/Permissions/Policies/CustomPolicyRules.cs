using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

/// <summary>The scope and name rules of custom policies.</summary>
public static class CustomPolicyRules
{
    public const int MaxDescription = 2000;

    /// <summary>
    /// The scope id a custom policy is stored with: none at account scope; <c>all</c> (the default) or one
    /// of the account's product environments at product-environment scope.
    /// </summary>
    public static async Task<(string? ScopeId, RosterError? Error)> ScopeIdAsync(
        RosterDb db, string accountId, ScopeType scopeType, string? scopeId, CancellationToken ct)
    {
        if (scopeType == ScopeType.Account)
        {
            return scopeId is null ? (null, null) : (null, new InvalidField("scope_id", scopeId, "An account-scope policy takes no scope_id."));
        }
        if (scopeId is null || scopeId == CustomPolicy.AllProductEnvironments)
        {
            return (CustomPolicy.AllProductEnvironments, null);
        }
        return await db.ProductEnvironments.AnyAsync(p => p.AccountId == accountId && p.Id == scopeId, ct)
            ? (scopeId, null)
            : (null, new PermissionObjectNotFound("scope_id", scopeId, "product environment"));
    }

    public static async Task<RosterError?> NameTakenAsync(RosterDb db, string accountId, string scopeKey, string name, string? exceptId, CancellationToken ct)
    {
        var normalized = Names.Normalize(name);
        return await db.CustomPolicies.AnyAsync(p => p.AccountId == accountId && p.ScopeKey == scopeKey && p.NameNormalized == normalized && p.Id != exceptId, ct)
            ? NameConflict(name)
            : null;
    }

    public static AlreadyExists NameConflict(string name) => new("name", name, $"already exists: a custom policy named {name} in this scope");

    public static Func<DbUpdateException, RosterError?> NameIndexConflict(string name) => e =>
        e.IsUniqueViolation(RosterDb.UniqueCustomPolicyName, "CustomPolicies.AccountId, CustomPolicies.ScopeKey, CustomPolicies.NameNormalized")
            ? NameConflict(name)
            : null;

    public static PermissionObjectNotFound Missing(string policyId) => new("policy_id", policyId, "custom policy");
}
