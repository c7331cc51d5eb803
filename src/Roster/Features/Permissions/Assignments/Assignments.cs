using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Permissions;

public enum AssignmentOperation { Add, Remove }

/// <summary>
/// One role for one principal, as a request asks for it; <paramref name="Parameters"/> is null when not given.
/// <paramref name="Field"/> prefixes the names refusals give scope_id and policy_parameters (e.g. <c>principals[1].</c>);
/// <paramref name="PrincipalField"/> and <paramref name="RoleField"/> name the principal's and the role's ids.
/// </summary>
public sealed record AssignmentRequest(
    PrincipalType PrincipalType, string PrincipalId, string RoleId, string? ScopeId, SortedDictionary<string, string>? Parameters,
    string Field, string PrincipalField, string RoleField);

/// <summary>Granting and revoking roles: the rules every assignment must pass, shared by both assignment endpoints.</summary>
public static class Assignments
{
    public const int MaxPerRequest = 100;

    public static readonly IReadOnlyDictionary<string, AssignmentOperation> Operations =
        new Dictionary<string, AssignmentOperation>(StringComparer.OrdinalIgnoreCase) { ["add"] = AssignmentOperation.Add, ["remove"] = AssignmentOperation.Remove };

    /// <summary>
    /// Applies the requests inside a <see cref="PermissionChange"/>: every one is checked first (a user may grant and
    /// remove only what it holds, <see cref="GrantCheck"/>) and the first refusal leaves everything unchanged. Adding what is already held and removing what is not are no-ops.
    /// </summary>
    public static async Task<RosterError?> ApplyAsync(RosterDb db, string accountId, AssignmentOperation operation,
        IReadOnlyList<AssignmentRequest> requests, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var roles = await RoleInfo.FindAllAsync(db, accountId, requests.Select(r => r.RoleId), ct);
        if (requests.FirstOrDefault(r => !roles.ContainsKey(r.RoleId)) is { } unknown)
        {
            return new PermissionObjectNotFound(unknown.RoleField, unknown.RoleId, "role");
        }
        // A legacy account takes only shares: system folder and collection roles of users and groups.
        if (await db.IsLegacyAsync(accountId, ct)
            && requests.Select(r => LegacyMode.Check(r.RoleId, r.PrincipalType, r.RoleField)).FirstOrDefault(e => e is not null) is { } legacy)
        {
            return legacy;
        }
        if (await GrantCheck.RefusalAsync(db, accountId, actor, requests, ct) is { } beyondHeld)
        {
            return beyondHeld;
        }
        return operation switch
        {
            AssignmentOperation.Add => await AddAsync(db, accountId, requests, roles, actor, time, ct),
            AssignmentOperation.Remove => await RemoveAsync(db, accountId, requests, actor, time, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static async Task<RosterError?> AddAsync(RosterDb db, string accountId, IReadOnlyList<AssignmentRequest> requests,
        Dictionary<string, RoleInfo> roles, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var principals = new Dictionary<(PrincipalType, string), PrincipalRef>();
        var productEnvironments = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new Dictionary<string, RoleAssignment>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var request in requests)
        {
            if (!principals.TryGetValue((request.PrincipalType, request.PrincipalId), out var principal))
            {
                var (found, error) = await Principals.FindAsync(db, accountId, request.PrincipalType, request.PrincipalId,
                    request.PrincipalField, toHoldRoles: true, ct);
                if (error is not null)
                {
                    return error;
                }
                principal = principals[(request.PrincipalType, request.PrincipalId)] = found!;
            }
            var role = roles[request.RoleId];
            if (Fit(role, principal, request) is { } misfit)
            {
                return misfit;
            }
            if (request.ScopeId is { } scopeId and not Grant.AllProductEnvironments && !productEnvironments.Contains(scopeId))
            {
                if (!await db.ProductEnvironments.AnyAsync(p => p.AccountId == accountId && p.Id == scopeId, ct))
                {
                    return new PermissionObjectNotFound(request.Field + "scope_id", scopeId, "product environment");
                }
                productEnvironments.Add(scopeId);
            }
            var parameters = request.Parameters ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
            var assignment = RoleAssignment.New(accountId, request.PrincipalType, request.PrincipalId, role.Id, request.ScopeId, parameters, now);
            wanted.TryAdd(assignment.Fingerprint, assignment);
        }

        var fingerprints = wanted.Keys.ToList();
        var held = await db.RoleAssignments.Where(a => a.AccountId == accountId && fingerprints.Contains(a.Fingerprint))
            .Select(a => a.Fingerprint).ToListAsync(ct);
        foreach (var assignment in wanted.Values.Where(a => !held.Contains(a.Fingerprint)))
        {
            db.RoleAssignments.Add(assignment);
            db.Audit(actor, time, accountId, AuditAction.RoleAssignmentCreate, "role_assignment", assignment.Id, after: AssignmentSnapshot.Of(assignment));
        }
        return null;
    }

    /// <summary>Removes the matching assignments; without parameters, every parameter set of the role in that scope.</summary>
    private static async Task<RosterError?> RemoveAsync(RosterDb db, string accountId, IReadOnlyList<AssignmentRequest> requests,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var (_, missing) = await Principals.FindAsync(db, accountId, request.PrincipalType, request.PrincipalId,
                request.PrincipalField, toHoldRoles: false, ct);
            if (missing is not null)
            {
                return missing;
            }
            var matching = db.RoleAssignments.Where(a => a.AccountId == accountId && a.PrincipalType == request.PrincipalType
                && a.PrincipalId == request.PrincipalId && a.RoleId == request.RoleId && a.ScopeId == request.ScopeId);
            if (request.Parameters is { } parameters)
            {
                var fingerprint = RoleAssignment.FingerprintOf(request.PrincipalType, request.PrincipalId, request.RoleId, request.ScopeId, parameters);
                matching = matching.Where(a => a.Fingerprint == fingerprint);
            }
            var found = await matching.ToListAsync(ct);
            db.Revoke(found.Where(a => removed.Add(a.Id)), actor, time);
        }
        return null;
    }

    /// <summary>Whether the role fits the principal, the scope and the parameters of the request.</summary>
    private static RosterError? Fit(RoleInfo role, PrincipalRef principal, AssignmentRequest request)
    {
        var field = request.Field;
        if (!role.MayBeHeldBy(principal.Type))
        {
            var reason = principal.Type == PrincipalType.ApiKey && role.ScopeType == ScopeType.Account
                ? $"API keys belong to one product environment and can hold only product-environment roles; {role.Id} is an account role."
                : $"Collection roles can be held only by users and groups; {role.Id} cannot be given to an API key.";
            return new InvalidField(request.PrincipalField, principal.Id, reason);
        }
        switch (role.ScopeType)
        {
            case ScopeType.Account when request.ScopeId is not null:
                return new InvalidField(field + "scope_id", request.ScopeId,
                    $"{role.Id} is an account role: it applies to the whole account and takes no scope_id.");
            case ScopeType.Prodenv when request.ScopeId is null:
                return new InvalidField(field + "scope_id", null,
                    $"{role.Id} is a product-environment role: give the product environment's id as scope_id, or all for every one.");
            case ScopeType.Prodenv when principal.ProductEnvironmentId is { } own && own != request.ScopeId:
                return new InvalidField(field + "scope_id", request.ScopeId,
                    $"An API key can hold roles only in its own product environment ({own}).");
        }
        var given = request.Parameters?.Keys.ToList() ?? [];
        if (role.PermissionType == PermissionType.Global && given.Count > 0)
        {
            return new InvalidField(field + "policy_parameters", string.Join(",", given),
                $"{role.Id} is a global role: it applies to everything in its scope and takes no policy_parameters.");
        }
        if (role.PolicyParameters.FirstOrDefault(p => !given.Contains(p)) is { } missing)
        {
            return new InvalidField(field + "policy_parameters", null,
                $"{role.Id} is a content role: policy_parameters must give {missing}, the {missing.Replace("_id", "", StringComparison.Ordinal)} it applies to.");
        }
        if (given.FirstOrDefault(p => !role.PolicyParameters.Contains(p)) is { } extra)
        {
            return new InvalidField(field + "policy_parameters", extra,
                $"{role.Id} takes only {string.Join(", ", role.PolicyParameters)} as policy_parameters, not {extra}.");
        }
        return null;
    }
}
