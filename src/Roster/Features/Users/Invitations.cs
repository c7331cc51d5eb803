using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;

namespace Roster.Features.Users;

public static class Invitations
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Creates a one-time token for <paramref name="user"/> and the e-mail that carries it, in the
    /// current unit of work. Only the token's hash is kept on the user's side, and the e-mail's payload is
    /// encrypted (<see cref="OutboxPayloads"/>), so no usable token is ever at rest.
    /// </summary>
    public static void Issue(this RosterDb db, User user, TokenPurpose purpose, OutboxPayloads outbox, TimeProvider time, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow();
        var token = Secrets.NewToken();
        db.UserTokens.Add(new UserToken
        {
            Id = Secrets.NewId(),
            UserId = user.Id,
            Purpose = purpose,
            TokenHash = Secrets.HashSecret(token),
            CreatedAt = now,
            ExpiresAt = now + (lifetime ?? (purpose == TokenPurpose.Invitation ? InvitationLifetime : PasswordResetLifetime)),
        });
        db.OutboxMessages.Add(new OutboxMessage
        {
            AccountId = user.AccountId,
            Kind = purpose.Wire(),
            Recipient = user.Email,
            Payload = outbox.Protect(Json.Serialize(new { user_id = user.Id, name = user.Name, token })),
            CreatedAt = now,
        });
    }
}
