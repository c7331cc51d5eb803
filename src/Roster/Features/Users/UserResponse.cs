using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Features.Users;

public sealed record GroupSummary(string Id, string Name);

/// <summary>
/// A user as the clients read it: the fields of the 0.2 spec plus the older <c>sub_account_ids</c> and
/// <c>groups</c> that SDK models still read.
/// </summary>
public sealed record UserResponse(
    string Id,
    string Name,
    string? FirstName,
    string? LastName,
    string Email,
    LegacyRole Role,
    bool Pending,
    string Status,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastLogin,
    bool AllSubAccounts,
    IReadOnlyList<string> SubAccountIds,
    IReadOnlyList<GroupSummary> Groups,
    int GroupCount,
    int SubAccountCount,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, string> EmailPreferences,
    string AccountId,
    bool TwoFactor,
    bool Root,
    bool PasswordResetPending,
    DateTimeOffset? LockedUntil)
{
    /// <param name="productEnvironmentCount">How many product environments the account has, for users who have all.</param>
    public static UserResponse From(User u, int productEnvironmentCount)
    {
        var ids = u.AllProductEnvironments ? [] : u.ProductEnvironments.Select(p => p.ProductEnvironmentId).Order(StringComparer.Ordinal).ToList();
        var groups = u.Memberships.Where(m => m.Group is not null)
            .Select(m => new GroupSummary(m.Group!.Id, m.Group.Name)).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new(
            u.Id, u.Name, u.FirstName, u.LastName, u.Email, u.Role,
            u.Status == UserStatus.Pending, StatusOf(u), u.Enabled,
            u.CreatedAt, u.UpdatedAt, u.LastLoginAt,
            u.AllProductEnvironments, ids, groups, groups.Count,
            u.AllProductEnvironments ? productEnvironmentCount : ids.Count,
            ProvidersOf(u), u.EmailPreferences, u.AccountId, u.TwoFactorKey is not null, u.IsRoot,
            u.PasswordResetAt is not null && u.Status == UserStatus.Active,
            u.LockedUntil);
    }

    /// <summary>How the user signs in: <c>password</c> when it has one, then its external providers by name.</summary>
    public static IReadOnlyList<string> ProvidersOf(User u) =>
        [.. (u.PasswordHash is null ? [] : new[] { PasswordSignIn.Method }),
            .. u.ExternalLogins.Select(l => l.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The status the user reads as: <c>pending</c>, <c>active</c> or <c>inactive</c>, and <c>password_reset</c> between an
    /// administrator's password reset and the new password.
    /// </summary>
    public static string StatusOf(User u) =>
        u.Status == UserStatus.Active && u.PasswordResetAt is not null ? PasswordResetStatus : u.Status.Wire();

    public const string PasswordResetStatus = "password_reset";

    /// <summary>The user as the Provisioning API answers it.</summary>
    public static async Task<UserResponse> ReadAsync(RosterDb db, User user, CancellationToken ct)
    {
        var count = user.AllProductEnvironments ? await db.CountProductEnvironmentsAsync(user.AccountId, ct) : 0;
        return From(user, count);
    }
}

/// <summary>What the audit log keeps of a user: no password hash, no security stamp.</summary>
public sealed record UserSnapshot(
    string Id, string Name, string? FirstName, string? LastName, string Email, LegacyRole Role, UserStatus Status, bool Enabled,
    bool Root, bool AllSubAccounts, IReadOnlyList<string> SubAccountIds)
{
    public static UserSnapshot Of(User u) => new(
        u.Id, u.Name, u.FirstName, u.LastName, u.Email, u.Role, u.Status, u.Enabled, u.IsRoot, u.AllProductEnvironments,
        u.AllProductEnvironments ? [] : u.ProductEnvironments.Select(p => p.ProductEnvironmentId).Order(StringComparer.Ordinal).ToList());
}

public sealed record UserList(IReadOnlyList<UserResponse> Users);

public sealed record UserGroupsResponse(IReadOnlyList<GroupSummary> Groups);

public sealed record ProductEnvironmentSummary(string Id, string Name, string? Description, string CloudName, bool Enabled);

public sealed record UserProductEnvironmentsResponse(IReadOnlyList<ProductEnvironmentSummary> SubAccounts);
