using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Users;

public sealed record SessionChange(string Message, string UserId);

/// <summary>Password resets, forced logouts and the one-time links that activate a user or set a new password.</summary>
public static class UserSessions
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public static async Task<Results<Ok<SessionChange>, RosterError>> ResetPasswordAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await FindChangeableAsync(db, accountId, userId, ct) is not { } user)
        {
            return await RefusalAsync(db, accountId, userId, "have its password reset", ct);
        }
        if (user.Status == UserStatus.Pending)
        {
            return new InvalidInput("The user has not accepted the invitation yet and has no password to reset.");
        }
        user.PasswordHash = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = time.GetUtcNow();
        db.Issue(user, TokenPurpose.PasswordReset, time);
        db.Audit(actor, time, accountId, "user.password_reset", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SessionChange("Password reset: the user's sessions ended and a reset link was sent.", user.Id));
    }

    public static async Task<Results<Ok<SessionChange>, RosterError>> ForceLogoutAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await FindChangeableAsync(db, accountId, userId, ct) is not { } user)
        {
            return await RefusalAsync(db, accountId, userId, "force-logged-out", ct);
        }
        // Every session carries the stamp it was issued with; a new stamp ends them all.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, accountId, "user.force_logout", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SessionChange("The user's sessions have ended.", user.Id));
    }

    public static Task<Results<Ok<SessionChange>, RosterError>> AcceptInvitationAsync(
        RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct) =>
        RedeemAsync(TokenPurpose.Invitation, body, db, hasher, http, time, ct);

    public static Task<Results<Ok<SessionChange>, RosterError>> CompletePasswordResetAsync(
        RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct) =>
        RedeemAsync(TokenPurpose.PasswordReset, body, db, hasher, http, time, ct);

    private static async Task<Results<Ok<SessionChange>, RosterError>> RedeemAsync(
        string purpose, RequestValues body, RosterDb db, IPasswordHasher<User> hasher, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var token = body.RequiredString("token");
        var password = body.RequiredString("password");
        if (password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            return new InvalidInput($"The password must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        }
        var now = time.GetUtcNow();
        var hash = Secrets.HashSecret(token);
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
        user.PasswordHash = hasher.HashPassword(user, password);
        user.Status = UserStatus.Active;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = now;
        var actor = Actor.From(http) with { Type = Actor.UserType, Id = user.Id };
        db.Audit(actor, time, user.AccountId, purpose == TokenPurpose.Invitation ? "user.accept_invitation" : "user.password_set", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SessionChange(purpose == TokenPurpose.Invitation ? "Invitation accepted." : "Password set.", user.Id));
    }

    private static async Task<User?> FindChangeableAsync(RosterDb db, string accountId, string userId, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.AccountId == accountId && !u.IsRoot && u.Status != UserStatus.Inactive, ct);

    private static async Task<RosterError> RefusalAsync(RosterDb db, string accountId, string userId, string what, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AccountId == accountId)
            .Select(u => new { u.IsRoot, u.Status }).FirstOrDefaultAsync(ct);
        return user switch
        {
            null => UsersApi.Missing(userId),
            { IsRoot: true } => new RootUserIsImmutable($"The root user cannot {(what.StartsWith("have", StringComparison.Ordinal) ? what : "be " + what)}."),
            _ => new UserIsInactive(),
        };
    }
}
