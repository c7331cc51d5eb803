using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Observability;
using Roster.Security;

namespace Roster.Features.SignIn;

/// <summary>
/// Who a provider says signed in: its name, the provider's stable id for the person (<c>sub</c>), and the e-mail address
/// it reports with whether it verified that address. Only what the provider vouches for, never what the browser sent.
/// </summary>
public sealed record ExternalIdentity(string Provider, string Subject, string? Email, bool EmailVerified);

/// <summary>
/// Sign-in through an external provider. No one signs up this way: the person must already be an active, enabled user of
/// a live account. The first time, the provider's verified e-mail address finds the user and a link (provider, subject)
/// is kept; from then on the link alone is the identity, so a later change of address on either side changes nothing.
/// Every refusal answers the same <see cref="SignInFailed"/>, its reason audited when a user is known.
/// </summary>
public static class ExternalSignIn
{
    public static async Task<Outcome<SignedIn>> RunAsync(
        ExternalIdentity identity, RosterDb db, SignInLimits options, SessionLimits sessions, Actor actor, TimeProvider time,
        ILogger logger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var link = await db.ExternalLogins.FirstOrDefaultAsync(l => l.Provider == identity.Provider && l.Subject == identity.Subject, ct);
        User? user;
        if (link is not null)
        {
            user = await db.Users.FirstAsync(u => u.Id == link.UserId, ct);
        }
        else
        {
            var normalized = identity.Email is null ? "" : EmailAddress.Normalize(identity.Email);
            user = normalized.Length is 0 or > EmailAddress.MaxLength ? null
                : await db.Users.FirstOrDefaultAsync(u => u.EmailNormalized == normalized && u.Status != UserStatus.Inactive, ct);
            if (user is null)
            {
                logger.LogInformation("Sign-in with {Provider} failed: {Reason}", identity.Provider,
                    normalized.Length == 0 ? SignInFailure.NoEmail : SignInFailure.UnknownEmail);
                RosterTelemetry.SignedIn(identity.Provider, SignInFailure.UnknownEmail);
                return new SignInFailed();
            }
        }

        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == user.AccountId)
            .Select(a => new { a.CancelledAt, a.RequireTwoFactor }).FirstAsync(ct);
        // Note: an unverified address proves nothing about who holds it, so it may not make a link; a link already made
        // was made with a verified one, and the provider's subject, not the address, is what it names.
        var otherLink = link is null
            && await db.ExternalLogins.AnyAsync(l => l.UserId == user.Id && l.Provider == identity.Provider, ct);
        SignInFailure? failure =
            link is null && !identity.EmailVerified ? SignInFailure.UnverifiedEmail
            : otherLink ? SignInFailure.OtherProviderAccount
            : user.LockedUntil > now ? SignInFailure.Locked
            : account.CancelledAt is not null ? SignInFailure.AccountCancelled
            : user.Status == UserStatus.Inactive ? SignInFailure.Inactive
            : user.Status == UserStatus.Pending ? SignInFailure.Pending
            : !user.Enabled ? SignInFailure.Disabled
            : null;
        if (failure is { } reason)
        {
            await PasswordSignIn.FailAsync(db, user, reason, options, actor, time, logger, ct, method: identity.Provider);
            RosterTelemetry.SignedIn(identity.Provider, reason);
            return new SignInFailed();
        }

        var userActor = actor with { Type = ActorType.User, Id = user.Id };
        if (link is null)
        {
            link = new ExternalLogin { Provider = identity.Provider, Subject = identity.Subject, UserId = user.Id, CreatedAt = now };
            db.ExternalLogins.Add(link);
            db.Audit(userActor, time, user.AccountId, AuditAction.UserExternalLoginLink, "user", user.Id,
                after: new { provider = identity.Provider, subject = identity.Subject });
        }
        link.LastUsedAt = now;
        user.FailedSignIns = 0;
        user.SignInLocks = 0;
        user.LockedUntil = null;
        var stage = user.TwoFactorKey is null ? SessionStage.SignedIn : SessionStage.SecondFactor;
        if (stage == SessionStage.SignedIn)
        {
            user.LastLoginAt = now;
        }
        var started = db.Start(user, identity.Provider, stage, actor, sessions, time);
        db.Audit(userActor, time, user.AccountId,
            stage == SessionStage.SignedIn ? AuditAction.UserSignIn : AuditAction.UserSignInExternal, "user", user.Id,
            after: new { method = identity.Provider, session_id = started.Session.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsLinkRace(e))
        {
            // Note: the same person finishing two sign-ins at once; the other one made the link, and this one is refused
            // rather than retried, as a person does not notice (their other tab is signed in).
            logger.LogInformation("Sign-in with {Provider} for user {UserId} lost a race to link the same account", identity.Provider, user.Id);
            RosterTelemetry.SignedIn(identity.Provider, SignInFailure.OtherProviderAccount);
            return new SignInFailed();
        }
        RosterTelemetry.SignedIn(identity.Provider, null);
        return new SignedIn(started, user.Id, account.RequireTwoFactor && user.TwoFactorKey is null);
    }

    /// <summary>Whether the save failed on the link's key or on the one-link-per-provider index (a concurrent first sign-in).</summary>
    private static bool IsLinkRace(DbUpdateException e) =>
        e.IsUniqueViolation("PK_ExternalLogins", "ExternalLogins.Provider, ExternalLogins.Subject")
        || e.IsUniqueViolation(ExternalLoginIndex, "ExternalLogins.UserId, ExternalLogins.Provider");

    /// <summary>The unique index that keeps one link per user and provider.</summary>
    public const string ExternalLoginIndex = "IX_ExternalLogins_UserId_Provider";
}
