using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>An address change applied: the user with the new address, and the address it had.</summary>
public sealed record EmailChanged(User User, string OldEmail);

/// <summary>
/// My Profile → E-mail address, the second half: the link mailed to the new address applies the change. The link is the
/// proof that the user reads that mailbox; it works once, for 24 hours, and only for the address it was sent to. The
/// address must still be free when the link is opened (the unique index decides, across every account); the old address
/// is told of the change.
/// </summary>
public static class ConfirmEmailChange
{
    /// <summary>The address a still-good link would confirm, and for whom, for the page that asks to confirm; else null.</summary>
    public static async Task<(User User, string NewEmail)?> PeekAsync(string token, RosterDb db, TimeProvider time, CancellationToken ct)
    {
        if (token.Length is 0 or > 128)
        {
            return null;
        }
        var hash = Secrets.HashSecret(token);
        var now = time.GetUtcNow();
        var stored = await db.UserTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == TokenPurpose.EmailChange && t.UsedAt == null && t.ExpiresAt > now && t.NewEmail != null)
            .Select(t => new { t.UserId, t.NewEmail }).FirstOrDefaultAsync(ct);
        var user = stored is null ? null
            : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == stored.UserId && u.Status != UserStatus.Inactive, ct);
        return user is null ? null : (user, stored!.NewEmail!);
    }

    /// <summary>
    /// Applies the change <paramref name="token"/> confirms. <paramref name="actor"/> names where the request came from (the
    /// page is open without a session: the link may be opened on another device); the change is the user's own.
    /// </summary>
    public static async Task<Outcome<EmailChanged>> RunAsync(
        string token, RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (token.Length is 0 or > 128)
        {
            return new InvalidToken();
        }
        // Note: found by its hash through the unique index, as every one-time token is (RedeemToken).
        var hash = Secrets.HashSecret(token);
        var stored = await db.UserTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == TokenPurpose.EmailChange, ct);
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now || stored.NewEmail is null
            || EmailAddress.Parse(stored.NewEmail) is not { } newEmail)
        {
            return new InvalidToken();
        }
        var loaded = await ProfileUser.LoadAsync(db, stored.UserId, ct);
        if (!loaded.Succeeded)
        {
            return new InvalidToken();
        }
        var user = loaded.Value;
        var userActor = actor with { Type = ActorType.User, Id = user.Id };

        // The claim and the change are one transaction: when the address turns out to be taken, the whole confirmation
        // is undone, so a refused link changes nothing (and stays good, should the address become free within its day).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A link is good once: the conditional update is the claim, so two concurrent confirmations cannot both pass.
        var claimed = await db.UserTokens.Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed != 1)
        {
            return new InvalidToken();
        }
        var before = UserSnapshot.Of(user);
        var oldEmail = user.Email;
        user.SetEmail(newEmail);
        user.UpdatedAt = now;
        await db.EnqueueEmailChangedAsync(user, oldEmail, userActor, outbox, time, ct);
        db.Audit(userActor, time, user.AccountId, AuditAction.UserEmailChange, "user", user.Id, before, UserSnapshot.Of(user));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(RosterDb.UniqueLiveEmail, "Users.EmailNormalized"))
        {
            await transaction.RollbackAsync(ct);
            // Note: what was not saved must not be saved by a later call in the same scope.
            db.ChangeTracker.Clear();
            return new EmailAlreadyTaken();
        }
        await transaction.CommitAsync(ct);
        return new EmailChanged(user, oldEmail);
    }
}
