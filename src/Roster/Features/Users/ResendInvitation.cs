using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>What re-sending an invitation answers: the new link's expiry (the link itself goes only to the user).</summary>
public sealed record InvitationResent(string Message, string UserId, DateTimeOffset ExpiresAt);

public static class ResendInvitation
{
    public static async Task<Results<Ok<InvitationResent>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var resent = await RunAsync(accountId, userId, db, outbox, actor, time, ct);
        return resent.Succeeded ? TypedResults.Ok(resent.Value) : resent.Error;
    }

    /// <summary>
    /// Sends a pending user a new invitation; the links sent before stop working, so only the newest one does.
    /// A user who accepted has no invitation to resend (a password reset is for that), and an inactive one none at all.
    /// </summary>
    public static async Task<Outcome<InvitationResent>> RunAsync(
        string accountId, string userId, RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.LoadUserAsync(accountId, userId, ct) is not { } user)
        {
            return UsersApi.Missing(userId);
        }
        if (!user.IsLive)
        {
            return new UserIsInactive();
        }
        if (user.Status != UserStatus.Pending)
        {
            return new InvitationAlreadyAccepted();
        }
        await db.InvalidateAsync(user.Id, TokenPurpose.Invitation, time, ct);
        var issued = await db.IssueAsync(user, TokenPurpose.Invitation, actor, outbox, time, ct);
        db.Audit(actor, time, accountId, AuditAction.UserResendInvitation, "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new InvitationResent("Invitation sent again: the links sent before no longer work.", user.Id, issued.ExpiresAt);
    }
}
