using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Outbox;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>How long the one-time links live, from <c>Roster:Invitations</c>.</summary>
public sealed class InvitationOptions
{
    public const string Section = "Roster:Invitations";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>A reset an administrator asks for; a user's own request passes its own, shorter lifetime.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan EmailChangeLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan For(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.Invitation => Lifetime,
        TokenPurpose.PasswordReset => PasswordResetLifetime,
        TokenPurpose.EmailChange => EmailChangeLifetime,
    };
}

/// <summary>A one-time token just issued, for the caller that shows its link (the CLI, the demo account); never stored in clear.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>The one-time links and the e-mails about a user's access: one method per kind of message.</summary>
public static class Invitations
{
    /// <summary>
    /// Creates a one-time token of <paramref name="purpose"/> for <paramref name="user"/> and the e-mail that carries
    /// it (an invitation or a password reset), in the current unit of work. Only the token's hash is kept on the user's
    /// side, and the e-mail's payload is encrypted (<see cref="OutboxPayloads"/>), so no usable token is ever at rest.
    /// <paramref name="lifetime"/> null: the configured lifetime of the purpose (<see cref="InvitationOptions"/>).
    /// </summary>
    public static async Task<IssuedToken> IssueAsync(this RosterDb db, User user, TokenPurpose purpose, Actor actor, OutboxPayloads outbox,
        TimeProvider time, CancellationToken ct, TimeSpan? lifetime = null)
    {
        if (purpose == TokenPurpose.EmailChange)
        {
            throw new ArgumentException("An e-mail change confirms a new address: IssueEmailChangeAsync.", nameof(purpose));
        }
        var issued = db.NewToken(user, purpose, lifetime ?? outbox.Lifetimes.For(purpose), time);
        var origin = await db.OriginAsync(user.AccountId, actor, ct);
        db.Enqueue(purpose == TokenPurpose.Invitation ? MailKind.Invitation : MailKind.PasswordReset, user.AccountId, user.Email,
            new MailPayload(user.Id, user.Name, origin.AccountName, origin.Inviter, issued.Token, issued.ExpiresAt), outbox, time);
        return issued;
    }

    /// <summary>
    /// A link that confirms <paramref name="newEmail"/> as the user's address, e-mailed to that address (the change is
    /// the caller's to make once the link is redeemed).
    /// </summary>
    public static async Task<IssuedToken> IssueEmailChangeAsync(this RosterDb db, User user, EmailAddress newEmail, Actor actor,
        OutboxPayloads outbox, TimeProvider time, CancellationToken ct, TimeSpan? lifetime = null)
    {
        var issued = db.NewToken(user, TokenPurpose.EmailChange, lifetime ?? outbox.Lifetimes.EmailChangeLifetime, time);
        var origin = await db.OriginAsync(user.AccountId, actor, ct);
        db.Enqueue(MailKind.EmailChange, user.AccountId, newEmail.Value,
            new MailPayload(user.Id, user.Name, origin.AccountName, origin.Inviter, issued.Token, issued.ExpiresAt, newEmail.Value), outbox, time);
        return issued;
    }

    /// <summary>A notice to the address the user had, <paramref name="oldEmail"/>, that it is now <c>user.Email</c>; it carries no link.</summary>
    public static async Task EnqueueEmailChangedAsync(this RosterDb db, User user, string oldEmail, Actor actor, OutboxPayloads outbox,
        TimeProvider time, CancellationToken ct)
    {
        var origin = await db.OriginAsync(user.AccountId, actor, ct);
        db.Enqueue(MailKind.EmailChanged, user.AccountId, oldEmail,
            new MailPayload(user.Id, user.Name, origin.AccountName, origin.Inviter, NewEmail: user.Email), outbox, time);
    }

    /// <summary>
    /// Marks the user's unused tokens of <paramref name="purpose"/> used, in the current unit of work, so the links sent
    /// before no longer work (a new one replaces them).
    /// </summary>
    public static async Task InvalidateAsync(this RosterDb db, string userId, TokenPurpose purpose, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var token in await db.UserTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null).ToListAsync(ct))
        {
            token.UsedAt = now;
        }
    }

    private static IssuedToken NewToken(this RosterDb db, User user, TokenPurpose purpose, TimeSpan lifetime, TimeProvider time)
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
            ExpiresAt = now + lifetime,
        });
        return new IssuedToken(token, now + lifetime);
    }
}
