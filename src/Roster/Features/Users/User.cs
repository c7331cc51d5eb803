using System.Text.Json.Serialization;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Users;

/// <summary>Where a user is in its life: invited, active (the invitation accepted), or inactive (deleted, for good).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserStatus>))]
public enum UserStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("inactive")] Inactive,
}

public static class LegacyRoles
{
    /// <summary>Cloudinary does not document the default role; the least privileged one is the safe choice.</summary>
    public const LegacyRole Default = LegacyRole.MediaLibraryUser;

    /// <summary>The seven roles by their wire names, for reading a <c>role</c> field.</summary>
    public static IReadOnlyDictionary<string, LegacyRole> ByName => WireEnum<LegacyRole>.ByName;
}

public sealed class User
{
    public const int MaxNamedProductEnvironments = 30;

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased e-mail; unique among live users across every account (a filtered unique index).</summary>
    public required string EmailNormalized { get; set; }

    /// <summary>Lower-cased name, for case-insensitive prefix search over an index.</summary>
    public required string NameNormalized { get; set; }

    /// <summary>The legacy role as stored; on a Roles and Permissions account the role the user reads as is derived from its assignments.</summary>
    public required LegacyRole Role { get; set; }
    public UserStatus Status { get; set; } = UserStatus.Pending;
    public bool Enabled { get; set; } = true;
    public bool IsRoot { get; init; }
    public bool AllProductEnvironments { get; set; } = true;

    public string? PasswordHash { get; set; }

    /// <summary>Set by an administrator's password reset: the old password is gone and the user reads as <c>password_reset</c> until a new one is set.</summary>
    public DateTimeOffset? PasswordResetAt { get; set; }

    /// <summary>Failed sign-ins in a row since the last success or lock.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Locks since the last successful sign-in; each one lasts twice as long as the one before.</summary>
    public int SignInLocks { get; set; }

    /// <summary>No sign-in succeeds before this, not even with the right password.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The TOTP key, protected with Data Protection; null when two-factor authentication is off.</summary>
    public string? TwoFactorKey { get; set; }
    public DateTimeOffset? TwoFactorEnabledAt { get; set; }

    /// <summary>The time step of the last authentication code accepted, so that no code is good twice.</summary>
    public long TwoFactorLastStep { get; set; }

    /// <summary>The user's e-mail preferences (the <c>email_preferences</c> field), by name.</summary>
    public Dictionary<string, string> EmailPreferences { get; set; } = [];

    /// <summary>Changes whenever the user's sessions must end (force logout, password reset, a 2FA reset).</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public List<UserProductEnvironment> ProductEnvironments { get; } = [];
    public List<Groups.GroupMembership> Memberships { get; } = [];

    /// <summary>The user's accounts at external providers (Google, GitHub, an OpenID Connect provider) it signs in with.</summary>
    public List<SignIn.ExternalLogin> ExternalLogins { get; } = [];

    public bool IsLive => Status != UserStatus.Inactive;

    /// <summary>The refusal of <paramref name="change"/> when this is the root user, who no one can change that way; else null.</summary>
    public RootUserIsImmutable? RootRefuses(RootUserChange change) => IsRoot ? RootUser.Refusal(change) : null;

    /// <summary>Gives the user a new e-mail address; its uniqueness among live users is the database's to enforce on save.</summary>
    public void SetEmail(EmailAddress email)
    {
        Email = email.Value;
        EmailNormalized = email.Normalized;
    }

    public void SetName(DisplayName name)
    {
        Name = name.Value;
        NameNormalized = name.Normalized;
    }
}

/// <summary>What no one may do to an account's root user, the user created with the account.</summary>
public enum RootUserChange
{
    Delete,
    Disable,
    GiveRole,
    LimitProductEnvironments,
    AddToGroup,
    ResetPassword,
    ForceLogout,
    ResetTwoFactor,
}

/// <summary>
/// The root user cannot be changed: it is created with its account, always active, a master admin with every
/// product environment, in no group, and holds every permission of the account. Its refusals are worded here.
/// </summary>
public static class RootUser
{
    /// <summary>Why the root user can be given no role, in the Permissions API and the folder roles.</summary>
    public const string HoldsEverything = "The root user holds every permission of the account and can be given no role.";

    public static RootUserIsImmutable Refusal(RootUserChange change) => new(change switch
    {
        RootUserChange.Delete => "The root user cannot be deleted.",
        RootUserChange.Disable => "The root user cannot be disabled.",
        RootUserChange.GiveRole => "The root user cannot be given a role.",
        RootUserChange.LimitProductEnvironments => "The root user always has access to all product environments.",
        RootUserChange.AddToGroup => "The root user cannot be added to a group.",
        RootUserChange.ResetPassword => "The root user cannot have its password reset.",
        RootUserChange.ForceLogout => "The root user cannot be force-logged-out.",
        RootUserChange.ResetTwoFactor => "The root user's two-factor authentication cannot be reset by anyone else; the root user turns it off in My Profile.",
    });
}

public sealed class UserProductEnvironment
{
    public required string UserId { get; init; }
    public required string ProductEnvironmentId { get; init; }
}

/// <summary>What a one-time token sent by e-mail is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TokenPurpose>))]
public enum TokenPurpose
{
    [JsonStringEnumMemberName("invitation")] Invitation,
    [JsonStringEnumMemberName("password_reset")] PasswordReset,

    /// <summary>Confirms a new e-mail address; sent to that address.</summary>
    [JsonStringEnumMemberName("email_change")] EmailChange,
}

/// <summary>A one-time token sent by e-mail; only its hash is stored.</summary>
public sealed class UserToken
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required TokenPurpose Purpose { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>For an e-mail change: the address the link confirms.</summary>
    public string? NewEmail { get; init; }
}
