using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

/// <summary>What a custom role must be: a fresh id and name, and system policies that fit its scope and type.</summary>
public static class RoleRules
{
    public const int MaxDescription = 2000;
    public const int MaxPolicies = 200;

    /// <summary>A custom role id: letters, digits, <c>_ - . :</c>; never the catalogue's <c>cld::</c> prefix.</summary>
    public static InvalidField? IdProblem(string id) =>
        id.StartsWith(RoleInfo.SystemPrefix, StringComparison.OrdinalIgnoreCase)
            ? new InvalidField("id", id, "Ids starting with cld:: belong to system roles; choose another id.")
            : !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')
                ? new InvalidField("id", id, "'id' may hold only letters, digits and _ - . :")
                : null;

    /// <summary>
    /// The policies' parameters, once every id is a known system policy of the role's scope and permission
    /// type; a content role's policies must all take the same parameters (a folder role or a collection role).
    /// </summary>
    public static Outcome<IReadOnlyList<string>> PolicyParameters(PermissionType permissionType, ScopeType scopeType, IReadOnlyList<string> policyIds)
    {
        const string field = "system_policy_ids";
        if (permissionType == PermissionType.Content && scopeType == ScopeType.Account)
        {
            return new InvalidField("permission_type", "content", "Content roles apply to folders or collections of a product environment: use scope_type prodenv.");
        }
        if (permissionType == PermissionType.Content && policyIds.Count == 0)
        {
            return new InvalidField(field, null, "A content role needs at least one content policy: its parameters (folder_id or collection_id) come from them.");
        }
        if (policyIds.Count > MaxPolicies)
        {
            return new InvalidField(field, policyIds.Count, $"A role holds at most {MaxPolicies} policies.");
        }
        IReadOnlyList<string>? parameters = null;
        foreach (var id in policyIds)
        {
            if (CloudinaryCatalogue.FindPolicy(id) is not { } policy)
            {
                return new InvalidField(field, id, $"There is no system policy {id}.");
            }
            if (policy.ScopeType != scopeType || policy.PermissionType != permissionType)
            {
                return new InvalidField(field, id,
                    $"{id} is a {policy.ScopeType.Wire()} {policy.PermissionType.Wire()} policy; a {scopeType.Wire()} {permissionType.Wire()} role takes only policies of its own scope and type.");
            }
            if (parameters is not null && !parameters.SequenceEqual(policy.PolicyParameters))
            {
                return new InvalidField(field, id,
                    "A content role's policies must all take the same parameters (folder policies and collection policies go in separate roles).");
            }
            parameters = policy.PolicyParameters;
        }
        return parameters is null ? Array.Empty<string>() : [.. parameters];
    }

    /// <summary>Refuses a name another custom role of the account has, or a system role's name.</summary>
    public static async Task<RosterError?> NameTakenAsync(RosterDb db, string accountId, string name, string? exceptRoleId, CancellationToken ct)
    {
        var normalized = Names.Normalize(name);
        var taken = CloudinaryCatalogue.SystemRoles.Any(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            || await db.Roles.AnyAsync(r => r.AccountId == accountId && r.NameNormalized == normalized && r.Id != exceptRoleId, ct);
        return taken ? NameConflict(name) : null;
    }

    public static AlreadyExists NameConflict(string name) => new("name", name, $"already exists: a role named {name}");

    /// <summary>The backstop for the unique index on names, should two requests still meet there.</summary>
    public static Func<Microsoft.EntityFrameworkCore.DbUpdateException, RosterError?> NameIndexConflict(string name) => e =>
        e.IsUniqueViolation(RosterDb.UniqueRoleName, "Roles.AccountId, Roles.NameNormalized") ? NameConflict(name) : null;
}
