using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.SignIn;
using Roster.Features.TwoFactor;
using Roster.Features.Users;

namespace Roster.Features.Accounts;

/// <summary>
/// Roster's own account endpoints, beside the Cloudinary-compatible ones: they answer for every plan
/// (the Provisioning API is Enterprise-only) and cover what Cloudinary does in its console.
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder account)
    {
        account.WithTags("Roster: accounts");
        account.MapGet("/", GetAccount.HandleAsync).WithSummary("The account: plan, user limit and seats in use");
        account.MapPut("/additional_user_subscriptions", SetAdditionalUserSubscriptions.HandleAsync)
            .WithSummary("Buy or drop additional user subscriptions")
            .WithDescription("Body: count (0–20). Only plus and advanced plans, which are billed directly, can hold them.");
        account.MapPut("/two_factor_requirement", SetTwoFactorRequirement.HandleAsync)
            .WithSummary("Require two-factor authentication, or stop requiring it")
            .WithDescription("Body: required (true or false). While it is on, a user without two-factor authentication is sent to set it up "
                + "after signing in, and can use no other console page until done. The account's require_two_factor shows it.");
        account.MapPost("/api_key/rotate", RotateAccountKey.HandleAsync)
            .WithSummary("Give the account management key a new secret")
            .WithDescription("No body. Answers the key, its new secret and the account URL, the only time the secret is shown; "
                + "the old secret stops working at once. The key id stays the same.");
        account.MapPost("/cancel", CancelAccount.HandleAsync)
            .WithSummary("Cancel the account")
            .WithDescription("Body: email and password of the root user, the only user who may cancel. Every user becomes inactive and the keys stop working.");
        account.MapPost("/users", CreateUser.HandleAsync).WithSummary("Invite a user (every plan)").WithTags("Roster: users");
        account.MapPost("/users/{user_id}/password_reset", ResetPassword.HandleAsync)
            .WithSummary("Reset a user's password")
            .WithDescription("Ends the user's sessions, invalidates the password and e-mails a link to set a new one. Not for the root user.")
            .WithTags("Roster: users");
        account.MapPost("/users/{user_id}/resend_invitation", ResendInvitation.HandleAsync)
            .WithSummary("Send a pending user's invitation again")
            .WithDescription("Issues a new invitation link and e-mails it; the links sent before stop working. Only for a user who has not accepted yet.")
            .WithTags("Roster: users");
        account.MapPost("/users/{user_id}/force_logout", ForceLogout.HandleAsync)
            .WithSummary("End a user's sessions").WithDescription("Not for the root user.").WithTags("Roster: users");
        account.MapPost("/users/{user_id}/unlock", UnlockUser.HandleAsync)
            .WithSummary("Clear a user's sign-in lock")
            .WithDescription("After five failed sign-ins in a row a user is locked for a minute, doubling with each further lock up to "
                + "15 minutes; the user's locked_until shows it. This ends the lock and clears the count.")
            .WithTags("Roster: users");
        account.MapPost("/users/{user_id}/two_factor_reset", ResetTwoFactor.HandleAsync)
            .WithSummary("Reset a user's two-factor authentication")
            .WithDescription("For a user who lost the authenticator and the recovery codes: removes the key and the recovery codes and "
                + "ends the user's sessions. The user signs in with the password alone next time. Not for the root user.")
            .WithTags("Roster: users");
        account.MapGet("/audit_events", ListAuditEvents.HandleAsync)
            .WithSummary("The account's audit trail")
            .WithDescription("Newest first. Filters: action, target_id; paging: limit (1–500, default 100) and before (an event id).")
            .WithTags("Roster: audit");
        account.MapOutboxApi();
        return account;
    }

    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        api.WithTags("Roster: invitations");
        api.MapPost("/invitations/accept", RedeemToken.AcceptInvitationAsync)
            .WithSummary("Accept an invitation").WithDescription("Body: token (from the invitation e-mail), password (8–256 characters).");
        api.MapPost("/password_resets/complete", RedeemToken.CompletePasswordResetAsync)
            .WithSummary("Set a new password after a reset").WithDescription("Body: token (from the reset e-mail), password.");
        return api;
    }
}
