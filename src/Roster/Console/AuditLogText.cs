using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Roster.Common;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One field an event changed, as the log shows it: its value before and after (null where there was none).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// How the audit log speaks of events, on the page and in its CSV export alike: a readable name for every action, who
/// acted, and the fields a change touched, so a person need not read JSON to see what happened.
/// </summary>
public static class AuditLogText
{
    /// <summary>How much of one value the compact summary shows; the full snapshot is one click away.</summary>
    public const int MaxValueLength = 80;

    /// <summary>How many fields a summary lists before it says "and N more".</summary>
    public const int MaxChanges = 8;

    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    /// <summary>The action's name for people ("User created"); the wire name (<c>user.create</c>) is shown beside it.</summary>
    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.AccessKeyCreate => "Access key created",
        AuditAction.AccessKeyDelete => "Access key deleted",
        AuditAction.AccessKeyUpdate => "Access key updated",
        AuditAction.AccountAdditionalUserSubscriptions => "Additional user subscriptions changed",
        AuditAction.AccountCancel => "Account cancelled",
        AuditAction.AccountCreate => "Account created",
        AuditAction.AccountMigratePermissions => "Account moved to Roles and Permissions",
        AuditAction.AccountPlanChange => "Plan or seats changed",
        AuditAction.AccountRotateKey => "Account management key rotated",
        AuditAction.AccountTwoFactorRequirement => "Two-factor requirement changed",
        AuditAction.CustomPolicyCreate => "Custom policy created",
        AuditAction.CustomPolicyDelete => "Custom policy deleted",
        AuditAction.CustomPolicyUpdate => "Custom policy updated",
        AuditAction.OutboxMessageRetry => "E-mail sent again",
        AuditAction.PermissionsMigratePrincipal => "Principal moved to Roles and Permissions",
        AuditAction.ProductEnvironmentCreate => "Product environment created",
        AuditAction.ProductEnvironmentDelete => "Product environment deleted",
        AuditAction.ProductEnvironmentUpdate => "Product environment updated",
        AuditAction.RoleCreate => "Role created",
        AuditAction.RoleDelete => "Role deleted",
        AuditAction.RoleUpdate => "Role updated",
        AuditAction.RoleAssignmentCreate => "Role assigned",
        AuditAction.RoleAssignmentDelete => "Role unassigned",
        AuditAction.UserAcceptInvitation => "Invitation accepted",
        AuditAction.UserCreate => "User created",
        AuditAction.UserDelete => "User deleted",
        AuditAction.UserForceLogout => "User's sessions ended",
        AuditAction.UserPasswordReset => "Password reset",
        AuditAction.UserPasswordSet => "Password set after a reset",
        AuditAction.UserResendInvitation => "Invitation sent again",
        AuditAction.UserUpdate => "User updated",
        AuditAction.UserSignIn => "Signed in",
        AuditAction.UserSignInPassword => "Password accepted, code to come",
        AuditAction.UserSignInExternal => "Signed in through an external provider, code to come",
        AuditAction.UserExternalLoginLink => "External sign-in linked",
        AuditAction.UserSignInFailed => "Sign-in failed",
        AuditAction.UserSignOut => "Signed out",
        AuditAction.UserSessionEnd => "Session ended",
        AuditAction.UserLock => "User locked",
        AuditAction.UserUnlock => "User unlocked",
        AuditAction.UserPasswordChange => "Password changed",
        AuditAction.UserPasswordRecovery => "Password recovery requested",
        AuditAction.UserEmailChangeRequest => "E-mail change requested",
        AuditAction.UserEmailChange => "E-mail address changed",
        AuditAction.UserTwoFactorEnable => "Two-factor authentication turned on",
        AuditAction.UserTwoFactorDisable => "Two-factor authentication turned off",
        AuditAction.UserTwoFactorReset => "Two-factor authentication reset",
        AuditAction.UserRecoveryCodeUse => "Recovery code used",
        AuditAction.UserGroupAddUser => "User added to group",
        AuditAction.UserGroupCreate => "Group created",
        AuditAction.UserGroupDelete => "Group deleted",
        AuditAction.UserGroupRemoveUser => "User removed from group",
        AuditAction.UserGroupUpdate => "Group updated",
        _ => action.Wire(),
    };

    /// <summary>Every action, by readable name, for the filter's list.</summary>
    public static IReadOnlyList<(string Wire, string Name)> Actions { get; } =
        Enum.GetValues<AuditAction>().Select(a => (a.Wire(), ActionName(a))).OrderBy(a => a.Item2, StringComparer.Ordinal).ToList();

    /// <summary>What kind of actor it was, in words.</summary>
    public static string ActorKind(ActorType type) => type switch
    {
        ActorType.User => "User",
        ActorType.AccountKey => "Account key",
        ActorType.ApiKey => "API key",
        ActorType.System => "Roster",
        _ => type.Wire(),
    };

    /// <summary>A user as the log labels it, deleted users marked Inactive.</summary>
    public static UserLabel LabelOf(AuditUser user) => new(user.Name, user.Email, user.IsRoot, user.Status == UserStatus.Inactive);

    /// <summary>The user who acted, when a user did and the account knows them (deleted users included).</summary>
    public static AuditUser? ActorOf(AuditEventPage page, AuditEvent e) =>
        e.ActorType == ActorType.User && e.ActorId is { } id ? page.Users.GetValueOrDefault(id) : null;

    /// <summary>The user the event is about, when it is about one of the account's users.</summary>
    public static AuditUser? TargetUserOf(AuditEventPage page, AuditEvent e) =>
        e.TargetType == ListAuditEvents.UserTarget && e.TargetId is { } id ? page.Users.GetValueOrDefault(id) : null;

    /// <summary>What kind of thing the event is about, in words ("Custom policy" for <c>custom_policy</c>).</summary>
    public static string TargetKind(string targetType) => targetType switch
    {
        "access_key" => "Access key",
        "account" => "Account",
        "custom_policy" => "Custom policy",
        "outbox_message" => "E-mail",
        "product_environment" => "Product environment",
        "role" => "Role",
        "role_assignment" => "Role assignment",
        ListAuditEvents.UserTarget => "User",
        "user_group" => "Group",
        "" => "",
        _ => char.ToUpperInvariant(targetType[0]) + targetType[1..].Replace('_', ' '),
    };

    /// <summary>
    /// The fields the event touched: for a change, those whose values differ between the snapshots; for a creation or a
    /// deletion, the fields of the one snapshot there is.
    /// </summary>
    public static IReadOnlyList<AuditChange> Changes(string? before, string? after)
    {
        var (old, now) = (ParseObject(before), ParseObject(after));
        if (old is null && now is null)
        {
            return [];
        }
        var fields = (old?.Select(p => p.Key) ?? []).Concat(now?.Select(p => p.Key) ?? []).Distinct(StringComparer.Ordinal);
        return fields
            .Select(f => (Field: f, Old: old is not null && old.TryGetPropertyValue(f, out var o) ? o : null, HadOld: old?.ContainsKey(f) ?? false,
                New: now is not null && now.TryGetPropertyValue(f, out var n) ? n : null, HasNew: now?.ContainsKey(f) ?? false))
            // Note: a creation or a deletion lists the fields it had values for; a change, the fields whose values differ.
            .Where(c => old is null || now is null ? (c.Old ?? c.New) is not null : c.HadOld != c.HasNew || !JsonNode.DeepEquals(c.Old, c.New))
            .Select(c => new AuditChange(c.Field, c.HadOld ? Compact(c.Old) : null, c.HasNew ? Compact(c.New) : null))
            .ToList();
    }

    /// <summary>The changes in one line, for the CSV export: <c>name: "A" → "B"; role: admin</c>.</summary>
    public static string ChangesLine(string? before, string? after) =>
        string.Join("; ", Changes(before, after).Select(c => c switch
        {
            { Before: { } b, After: { } a } => $"{c.Field}: {b} → {a}",
            { After: { } a } => $"{c.Field}: {a}",
            { Before: { } b } => $"{c.Field}: {b} → (removed)",
            _ => c.Field,
        }));

    /// <summary>A snapshot indented for reading; what cannot be parsed is shown as stored.</summary>
    public static string? Pretty(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(_indented) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A time as the log shows it: to the second, in UTC.</summary>
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time as the export writes it: ISO 8601 in UTC.</summary>
    public static string IsoTime(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject? ParseObject(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(json) };
        }
        catch (JsonException)
        {
            return new JsonObject { ["value"] = json };
        }
    }

    private static string Compact(JsonNode? value)
    {
        var text = value switch
        {
            null => "none",
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => value.ToJsonString(),
        };
        return text.Length <= MaxValueLength ? text : text[..(MaxValueLength - 1)] + "…";
    }
}
