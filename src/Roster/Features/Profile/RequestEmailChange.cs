using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.SignIn;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>A new address for the signed-in user, and the current password that confirms the request is theirs.</summary>
public sealed record EmailChangeRequest(EmailAddress NewEmail, string? CurrentPassword);

/// <summary>An address change waiting for its link to be opened.</summary>
public sealed record PendingEmailChange(string NewEmail, DateTimeOffset ExpiresAt);

/// <summary>
/// My Profile → E-mail address, the first half: nothing changes yet. The user gives the new address and the current
/// password; Roster mails a one-time link (24 hours) to the new address, and the address changes only when that link is
/// opened (<see cref="ConfirmEmailChange"/>), so no one can move a user to an address they cannot read. A newer request
/// replaces an older one: the link sent before stops working.
/// </summary>
public static class RequestEmailChange
{
    public const string NewEmailField = "new_email";
    public const string PasswordField = "email_password";
    public const string During = "email_change_request";

    /// <summary>The new address the form's field holds, or the refusal to show next to it.</summary>
    public static Outcome<EmailAddress> ReadEmail(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new InvalidField(NewEmailField, null, "Enter the new e-mail address.")
        : EmailAddress.Parse(text) is { } email ? email
        : new InvalidField(NewEmailField, null, "Enter a valid e-mail address, such as name@example.com.");

    public static async Task<Outcome<PendingEmailChange>> RunAsync(
        string userId, EmailChangeRequest request, RosterDb db, IPasswordHasher<User> hasher, OutboxPayloads outbox, SignInLimits limits,
        Actor actor, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        var user = loaded.Value;
        var newEmail = request.NewEmail;
        if (newEmail.Normalized == user.EmailNormalized)
        {
            return new InvalidField(NewEmailField, null, "This is your e-mail address already.");
        }
        // Note: the password first, so that a session alone cannot ask which addresses other users have.
        if (await ProfileUser.ConfirmPasswordAsync(user, request.CurrentPassword, PasswordField, During, db, hasher, limits, actor, time, logger, ct)
            is { } refused)
        {
            return refused;
        }
        // A friendly early answer only: the unique index decides when the link is opened, which may be after someone
        // else took the address.
        var normalized = newEmail.Normalized;
        if (await db.Users.AnyAsync(u => u.EmailNormalized == normalized && u.Status != UserStatus.Inactive, ct))
        {
            return new EmailAlreadyTaken();
        }
        await db.InvalidateAsync(user.Id, TokenPurpose.EmailChange, time, ct);
        var issued = await db.IssueEmailChangeAsync(user, newEmail, actor, outbox, time, ct);
        db.Audit(actor, time, user.AccountId, AuditAction.UserEmailChangeRequest, "user", user.Id,
            new { email = user.Email }, new { new_email = newEmail.Value, expires_at = issued.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return new PendingEmailChange(newEmail.Value, issued.ExpiresAt);
    }

    /// <summary>The user's address change still waiting for its link, if any (the newest; a newer request voids the older).</summary>
    public static async Task<PendingEmailChange?> PendingAsync(RosterDb db, string userId, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Purpose == TokenPurpose.EmailChange && t.UsedAt == null && t.ExpiresAt > now && t.NewEmail != null)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new { t.NewEmail, t.ExpiresAt })
            .FirstOrDefaultAsync(ct);
        return pending is null ? null : new PendingEmailChange(pending.NewEmail!, pending.ExpiresAt);
    }
}
