using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>The one-time links that activate a user (invitation) or set a new password (reset).</summary>
public static class RedeemToken
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

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
        return redeemed.Succeeded ? TypedResults.Ok(redeemed.Value) : redeemed.Error;
    }

    /// <summary>
    /// Redeems a one-time link: the token must be unused, unexpired and of <paramref name="purpose"/>; the user gets
    /// the password and becomes active, and every earlier session ends. <paramref name="actor"/> names where the request
    /// came from; the change is the user's own.
    /// </summary>
    public static async Task<Outcome<SessionChange>> RunAsync(
        TokenPurpose purpose, Redemption request, RosterDb db, IPasswordHasher<User> hasher, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (request.Password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            return new InvalidInput($"The password must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        }
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
        // A token is good once: the conditional update is the claim, so two concurrent redemptions cannot both pass.
        var claimed = await db.UserTokens.Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed != 1)
        {
            return new InvalidToken();
        }
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        user.Status = UserStatus.Active;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = now;
        db.Audit(actor with { Type = ActorType.User, Id = user.Id }, time, user.AccountId,
            purpose == TokenPurpose.Invitation ? AuditAction.UserAcceptInvitation : AuditAction.UserPasswordSet, "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new SessionChange(purpose == TokenPurpose.Invitation ? "Invitation accepted." : "Password set.", user.Id);
    }
}

/// <summary>A one-time token from an e-mail and the password to set with it.</summary>
public sealed record Redemption(string Token, string Password);
