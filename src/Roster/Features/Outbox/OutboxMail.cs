using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Features.Outbox;

/// <summary>
/// What a message says, stored encrypted until it is sent: whom it is for, the account, who caused it, and for a link
/// its one-time token and expiry. The sender renders the e-mail from it, so the token is in clear only in the message.
/// </summary>
/// <param name="Inviter">Who caused the message, as the recipient reads it: a user's name, or "an administrator of …".</param>
/// <param name="NewEmail">For an address change: the address being confirmed, or the one it changed to.</param>
public sealed record MailPayload(
    string UserId, string Name, string AccountName, string Inviter, string? Token = null, DateTimeOffset? ExpiresAt = null,
    string? NewEmail = null);

/// <summary>The account a message speaks for and who caused it.</summary>
public sealed record MailOrigin(string AccountName, string Inviter);

public static class OutboxMail
{
    /// <summary>
    /// Adds a message to the current unit of work, so it is sent if, and only if, the change that causes it is saved.
    /// The payload is encrypted (<see cref="OutboxPayloads"/>); the message is due at once.
    /// </summary>
    public static OutboxMessage Enqueue(this RosterDb db, MailKind kind, string accountId, string recipient, MailPayload payload,
        OutboxPayloads outbox, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var message = new OutboxMessage
        {
            AccountId = accountId,
            Kind = kind,
            Recipient = recipient,
            Payload = outbox.Protect(Json.Serialize(payload)),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>
    /// The account's name and who <paramref name="actor"/> is to a recipient: a user by name; a key, or Roster itself,
    /// as an administrator of the account (a key has no name a person would know).
    /// </summary>
    public static async Task<MailOrigin> OriginAsync(this RosterDb db, string accountId, Actor actor, CancellationToken ct)
    {
        var account = db.Accounts.Local.FirstOrDefault(a => a.Id == accountId)?.Name
            ?? await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).FirstAsync(ct);
        string? user = null;
        if (actor is { Type: ActorType.User, Id: { } userId })
        {
            user = db.Users.Local.FirstOrDefault(u => u.Id == userId)?.Name
                ?? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        return new MailOrigin(account, user ?? $"an administrator of {account}");
    }
}
