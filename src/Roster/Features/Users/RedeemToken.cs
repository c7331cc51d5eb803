using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>The one-time links that activate a user (invitation) or set a new password (reset).</summary>
public static class RedeemToken
{
    public static Task<Results<Ok<SessionChange>, RosterError>> AcceptInvitationAsync(
        RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct) =>
        RedeemAsync(TokenPurpose.Invitation, body, db, hasher, http, time, ct);

    public static Task<Results<Ok<SessionChange>, RosterError>> CompletePasswordResetAsync(
        RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct) =>
        RedeemAsync(TokenPurpose.PasswordReset, body, db, hasher, http, time, ct);

    private static async Task<Results<Ok<SessionChange>, RosterError>> RedeemAsync(
        TokenPurpose purpose, RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var token = body.RequiredString("token");
        var password = body.RequiredString("password");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var redeemed = await RunAsync(purpose, new Redemption(token, password), db, hasher, Actor.From(http), time, ct);
        return redeemed.Succeeded ? TypedResults.Ok(new SessionChange(redeemed.Value.Message, redeemed.Value.User.Id)) : redeemed.Error;
    }

    /// <summary>The live user a still-good token of <paramref name="purpose"/> belongs to, for the page that asks for the password; else null.</summary>
    public static async Task<User?> PeekAsync(TokenPurpose purpose, string token, RosterDb db, TimeProvider time, CancellationToken ct)
    {
        var hash = Secrets.HashSecret(token);
        var now = time.GetUtcNow();
        var userId = await db.UserTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => t.UserId).FirstOrDefaultAsync(ct);
        return userId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.Status != UserStatus.Inactive, ct);
    }

    /// <summary>
    /// Redeems a one-time link: the token must be unused, unexpired and of <paramref name="purpose"/>; the user gets
    /// the password and becomes active, and every earlier session ends. <paramref name="actor"/> names where the request
    /// came from; the change is the user's own. With <paramref name="signIn"/> the user is also signed in, in the same
    /// unit of work (a user with two-factor authentication still has to give a code).
    /// </summary>
    public static async Task<Outcome<Redeemed>> RunAsync(
        TokenPurpose purpose, Redemption request, RosterDb db, IPasswordHasher<User> hasher, Actor actor, TimeProvider time, CancellationToken ct,
        SessionLimits? signIn = null)
    {
        var now = time.GetUtcNow();
        // Note: the token is found by its hash through the unique index, not compared in code; what the lookup's timing
        // could tell is at most something of a SHA-256 of 256 random bits, which leads back to no token. The secrets
        // Roster compares itself (account and access-key secrets) go through Secrets.VerifySecret, in constant time.
        var hash = Secrets.HashSecret(request.Token);
        var stored = await db.UserTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, ct);
        if (stored is null || stored.UsedAt is not null || stored.ExpiresAt <= now)
        {
            return new InvalidToken();
        }
        var user = await db.Users.FirstAsync(u => u.Id == stored.UserId, ct);
        if (!user.IsLive)
        {
            return new InvalidToken();
        }
        if (PasswordPolicy.Refusal(request.Password, user.Email) is { } weak)
        {
            return weak;
        }
        // A token is good once: the conditional update is the claim, so two concurrent redemptions cannot both pass.
        var claimed = await db.UserTokens.Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed != 1)
        {
            return new InvalidToken();
        }
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        user.PasswordResetAt = null;
        user.Status = UserStatus.Active;
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.UpdatedAt = now;
        await db.EndEverySessionAsync(user, SessionEnd.PasswordReset, time, ct);
        var userActor = actor with { Type = ActorType.User, Id = user.Id };
        db.Audit(userActor, time, user.AccountId,
            purpose == TokenPurpose.Invitation ? AuditAction.UserAcceptInvitation : AuditAction.UserPasswordSet, "user", user.Id);
        StartedSession? session = null;
        if (signIn is not null && user.Enabled)
        {
            var stage = user.TwoFactorKey is null ? SessionStage.SignedIn : SessionStage.SecondFactor;
            session = db.Start(user, PasswordSignIn.Method, stage, userActor, signIn, time);
            if (stage == SessionStage.SignedIn)
            {
                user.LastLoginAt = now;
            }
            db.Audit(userActor, time, user.AccountId, stage == SessionStage.SignedIn ? AuditAction.UserSignIn : AuditAction.UserSignInPassword,
                "user", user.Id, after: new { method = PasswordSignIn.Method, session_id = session.Session.Id });
        }
        await db.SaveChangesAsync(ct);
        return new Redeemed(purpose == TokenPurpose.Invitation ? "Invitation accepted." : "Password set.", user, session);
    }
}

/// <summary>A redeemed link: what to tell the user, the user, and the session started when signing in was asked for.</summary>
public sealed record Redeemed(string Message, User User, StartedSession? Session);

/// <summary>A one-time token from an e-mail and the password to set with it.</summary>
public sealed record Redemption(string Token, string Password);
