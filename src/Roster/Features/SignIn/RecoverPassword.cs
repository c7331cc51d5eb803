using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.SignIn;

/// <summary>
/// "Forgot your password?": a one-hour link to set a new password, mailed only to an existing user who signs in with a
/// password. The caller answers the same whatever happened, so the page tells no one whether an address is known. The
/// root user can recover their own password this way, though no one else can reset it.
/// </summary>
public static class RecoverPassword
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    public const string Answer = "If a user with that address exists, we have sent a link to set a new password. It works for one hour.";

    public static async Task RunAsync(string email, RosterDb db, OutboxPayloads outbox, Actor actor, TimeProvider time, ILogger logger,
        CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        if (normalized.Length is 0 or > EmailAddress.MaxLength)
        {
            return;
        }
        var user = await db.Users.FirstOrDefaultAsync(
            u => u.EmailNormalized == normalized && u.Status == UserStatus.Active && u.Enabled
                && (u.PasswordHash != null || u.PasswordResetAt != null), ct);
        var account = user is null ? null : await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == user.AccountId, ct);
        if (user is null || account!.CancelledAt is not null)
        {
            logger.LogInformation("Password recovery asked for an address with no user who signs in with a password");
            return;
        }
        await db.IssueAsync(user, TokenPurpose.PasswordReset, actor with { Type = ActorType.User, Id = user.Id }, outbox, time, ct, LinkLifetime);
        db.Audit(actor with { Type = ActorType.User, Id = user.Id }, time, user.AccountId, AuditAction.UserPasswordRecovery, "user", user.Id);
        await db.SaveChangesAsync(ct);
    }
}
