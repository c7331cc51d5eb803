using System.Text.Json.Serialization;

namespace Roster.Features.Audit;

/// <summary>What an audit event records, by its dotted wire name (<c>user.create</c>); stored as that name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditAction>))]
public enum AuditAction
{
    [JsonStringEnumMemberName("access_key.create")] AccessKeyCreate,
    [JsonStringEnumMemberName("access_key.delete")] AccessKeyDelete,
    [JsonStringEnumMemberName("access_key.update")] AccessKeyUpdate,

    [JsonStringEnumMemberName("account.additional_user_subscriptions")] AccountAdditionalUserSubscriptions,
    [JsonStringEnumMemberName("account.cancel")] AccountCancel,
    [JsonStringEnumMemberName("account.create")] AccountCreate,
    [JsonStringEnumMemberName("account.migrate_permissions")] AccountMigratePermissions,
    [JsonStringEnumMemberName("account.plan_change")] AccountPlanChange,

    /// <summary>The account management key got a new secret; the old one stopped working.</summary>
    [JsonStringEnumMemberName("account.rotate_key")] AccountRotateKey,
    [JsonStringEnumMemberName("account.two_factor_requirement")] AccountTwoFactorRequirement,

    [JsonStringEnumMemberName("custom_policy.create")] CustomPolicyCreate,
    [JsonStringEnumMemberName("custom_policy.delete")] CustomPolicyDelete,
    [JsonStringEnumMemberName("custom_policy.update")] CustomPolicyUpdate,

    [JsonStringEnumMemberName("outbox_message.retry")] OutboxMessageRetry,

    [JsonStringEnumMemberName("permissions.migrate_principal")] PermissionsMigratePrincipal,

    [JsonStringEnumMemberName("product_environment.create")] ProductEnvironmentCreate,
    [JsonStringEnumMemberName("product_environment.delete")] ProductEnvironmentDelete,
    [JsonStringEnumMemberName("product_environment.update")] ProductEnvironmentUpdate,

    [JsonStringEnumMemberName("role.create")] RoleCreate,
    [JsonStringEnumMemberName("role.delete")] RoleDelete,
    [JsonStringEnumMemberName("role.update")] RoleUpdate,

    [JsonStringEnumMemberName("role_assignment.create")] RoleAssignmentCreate,
    [JsonStringEnumMemberName("role_assignment.delete")] RoleAssignmentDelete,

    [JsonStringEnumMemberName("user.accept_invitation")] UserAcceptInvitation,
    [JsonStringEnumMemberName("user.create")] UserCreate,
    [JsonStringEnumMemberName("user.delete")] UserDelete,
    [JsonStringEnumMemberName("user.force_logout")] UserForceLogout,
    [JsonStringEnumMemberName("user.password_reset")] UserPasswordReset,
    [JsonStringEnumMemberName("user.password_set")] UserPasswordSet,
    [JsonStringEnumMemberName("user.resend_invitation")] UserResendInvitation,
    [JsonStringEnumMemberName("user.update")] UserUpdate,
    [JsonStringEnumMemberName("user.sign_in")] UserSignIn,
    [JsonStringEnumMemberName("user.sign_in_password")] UserSignInPassword,

    /// <summary>An external provider vouched for the user; the authentication code is still to come.</summary>
    [JsonStringEnumMemberName("user.sign_in_external")] UserSignInExternal,

    /// <summary>The user's account at an external provider is linked to the user, on its first sign-in there.</summary>
    [JsonStringEnumMemberName("user.external_login_link")] UserExternalLoginLink,
    [JsonStringEnumMemberName("user.sign_in_failed")] UserSignInFailed,
    [JsonStringEnumMemberName("user.sign_out")] UserSignOut,
    [JsonStringEnumMemberName("user.session_end")] UserSessionEnd,
    [JsonStringEnumMemberName("user.lock")] UserLock,
    [JsonStringEnumMemberName("user.unlock")] UserUnlock,
    [JsonStringEnumMemberName("user.password_change")] UserPasswordChange,
    [JsonStringEnumMemberName("user.password_recovery")] UserPasswordRecovery,
    [JsonStringEnumMemberName("user.email_change_request")] UserEmailChangeRequest,
    [JsonStringEnumMemberName("user.email_change")] UserEmailChange,
    [JsonStringEnumMemberName("user.two_factor_enable")] UserTwoFactorEnable,
    [JsonStringEnumMemberName("user.two_factor_disable")] UserTwoFactorDisable,
    [JsonStringEnumMemberName("user.two_factor_reset")] UserTwoFactorReset,
    [JsonStringEnumMemberName("user.recovery_code_use")] UserRecoveryCodeUse,

    [JsonStringEnumMemberName("user_group.add_user")] UserGroupAddUser,
    [JsonStringEnumMemberName("user_group.create")] UserGroupCreate,
    [JsonStringEnumMemberName("user_group.delete")] UserGroupDelete,
    [JsonStringEnumMemberName("user_group.remove_user")] UserGroupRemoveUser,
    [JsonStringEnumMemberName("user_group.update")] UserGroupUpdate,
}
