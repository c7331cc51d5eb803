using System.Text.Json.Serialization;

namespace Roster.Features.SignIn;

/// <summary>How far a session has come: past the password only, or all the way in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionStage>))]
public enum SessionStage
{
    /// <summary>The password (or first factor) was right; the authentication code is still to come.</summary>
    [JsonStringEnumMemberName("second_factor")] SecondFactor,

    [JsonStringEnumMemberName("signed_in")] SignedIn,
}

/// <summary>
/// A person's session: the browser holds a random id in a cookie, the database holds its hash, so ending a session
/// (sign-out, force logout, a password reset) takes effect at the session's very next request on every server.
/// </summary>
public sealed class UserSession
{
    /// <summary>A public id, to name the session in My Profile; not the cookie's secret.</summary>
    public required string Id { get; init; }
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public required string AccountId { get; init; }

    /// <summary>How the person signed in: <c>password</c>, or an external provider's name.</summary>
    public required string Method { get; init; }
    public SessionStage Stage { get; init; }

    /// <summary>The user's security stamp when the session started; once the user's stamp changes, the session is over.</summary>
    public required string SecurityStamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end: the session ends then however busy it is.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended (<see cref="SessionEnd"/>), for My Profile and the audit trail.</summary>
    public string? EndReason { get; set; }

    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
}

/// <summary>Why sessions end, as stored in <see cref="UserSession.EndReason"/>.</summary>
public static class SessionEnd
{
    public const string SignOut = "sign_out";
    public const string ForceLogout = "force_logout";
    public const string PasswordReset = "password_reset";
    public const string PasswordChange = "password_change";
    public const string EndedByUser = "ended_by_user";
    public const string TwoFactorReset = "two_factor_reset";
    public const string StepUp = "step_up";

    /// <summary>A new session took this one's place in the same browser (after the user changed the password).</summary>
    public const string Replaced = "replaced";
    public const string UserGone = "user_gone";
}

/// <summary>A two-factor recovery code; shown once, stored hashed, good once.</summary>
public sealed class RecoveryCode
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A user's sign-in through an external provider (Google, GitHub, an OpenID Connect provider), by the provider's subject.</summary>
public sealed class ExternalLogin
{
    public required string Provider { get; init; }
    public required string Subject { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
