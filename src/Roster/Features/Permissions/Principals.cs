using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;

namespace Roster.Features.Permissions;

/// <summary>A principal of the account: for API keys, the product environment the key belongs to.</summary>
public sealed record PrincipalRef(PrincipalType Type, string Id, string? ProductEnvironmentId = null);

/// <summary>What the account knows of one of its principals: enough for every rule about holding roles and deciding.</summary>
public sealed record PrincipalFacts(PrincipalType Type, string Id)
{
    public bool IsRoot { get; init; }
    public UserStatus Status { get; init; } = UserStatus.Active;

    /// <summary>A disabled user or API key keeps its assignments but holds nothing until enabled again.</summary>
    public bool Enabled { get; init; } = true;

    public string? Email { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>For an API key, the product environment it belongs to.</summary>
    public string? ProductEnvironmentId { get; init; }

    public PrincipalRef Ref => new(Type, Id, ProductEnvironmentId);
}

/// <summary>
/// Finding a principal in an account: the one lookup behind role assignments, folder roles and decisions,
/// each of which applies its own rules to the facts.
/// </summary>
public static class Principals
{
    /// <summary>The principal's facts in one query; null when the account has no such principal.</summary>
    public static async Task<PrincipalFacts?> LookUpAsync(RosterDb db, string accountId, PrincipalType type, string id, CancellationToken ct)
    {
        switch (type)
        {
            case PrincipalType.User:
                var user = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && u.Id == id)
                    .Select(u => new { u.IsRoot, u.Email, u.Enabled, u.Status, Groups = u.Memberships.Select(m => m.GroupId).ToList() })
                    .FirstOrDefaultAsync(ct);
                return user is null ? null
                    : new PrincipalFacts(type, id) { IsRoot = user.IsRoot, Status = user.Status, Enabled = user.Enabled, Email = user.Email, Groups = user.Groups };
            case PrincipalType.Group:
                return await db.UserGroups.AnyAsync(g => g.AccountId == accountId && g.Id == id, ct) ? new PrincipalFacts(type, id) : null;
            case PrincipalType.ApiKey:
                var key = await db.AccessKeys.Where(k => k.ApiKey == id)
                    .Join(db.ProductEnvironments.Where(p => p.AccountId == accountId), k => k.ProductEnvironmentId, p => p.Id,
                        (k, p) => new { ProductEnvironmentId = p.Id, k.Enabled })
                    .FirstOrDefaultAsync(ct);
                return key is null ? null : new PrincipalFacts(type, id) { ProductEnvironmentId = key.ProductEnvironmentId, Enabled = key.Enabled };
            case PrincipalType.ProvisioningKey:
                return await db.Accounts.AnyAsync(a => a.Id == accountId && a.ApiKey == id, ct) ? new PrincipalFacts(type, id) : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    /// <summary>
    /// Finds the principal in the account, refusing in the Permissions API's terms. <paramref name="toHoldRoles"/>
    /// adds the rules for receiving a role: the root user and the provisioning key already hold everything, and
    /// deleted users hold nothing.
    /// </summary>
    public static async Task<(PrincipalRef? Principal, RosterError? Error)> FindAsync(
        RosterDb db, string accountId, PrincipalType type, string id, string field, bool toHoldRoles, CancellationToken ct)
    {
        var facts = await LookUpAsync(db, accountId, type, id, ct);
        RosterError? refusal = facts switch
        {
            null => new PermissionObjectNotFound(field, id, Noun(type)),
            _ when !toHoldRoles => null,
            { IsRoot: true } => new NotAllowed(RootUser.HoldsEverything, field, id),
            { Status: UserStatus.Inactive } => new InvalidField(field, id, "The user is inactive (deleted) and can be given no role."),
            { Type: PrincipalType.ProvisioningKey } => new NotAllowed(
                "The account's provisioning key holds every permission of the account and can be given no role.", field, id),
            _ => null,
        };
        return refusal is null ? (facts!.Ref, null) : (null, refusal);
    }

    /// <summary>The principal type as a sentence names it.</summary>
    public static string Noun(PrincipalType type) => type switch
    {
        PrincipalType.User => "user",
        PrincipalType.Group => "group",
        PrincipalType.ApiKey => "API key",
        PrincipalType.ProvisioningKey => "provisioning key",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
