using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Accounts;

public static class CancelAccount
{
    public static async Task<Results<Ok<MessageResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, IPasswordHasher<User> hasher,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var email = body.RequiredString("email");
        var password = body.RequiredString("password");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        return await RunAsync(accountId, email, password, db, hasher, actor, time, ct) is { } refused ? refused : TypedResults.Ok(MessageResponse.Ok);
    }

    /// <summary>
    /// Cancels the account, given the root user's e-mail and password (the only user who may): every user becomes
    /// inactive and the keys stop working.
    /// </summary>
    public static async Task<RosterError?> RunAsync(string accountId, string rootEmail, string password, RosterDb db,
        IPasswordHasher<User> hasher, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var email = EmailAddress.Normalize(rootEmail);
        var user = await db.Users.FirstOrDefaultAsync(u => u.AccountId == accountId && u.EmailNormalized == email && u.Status != UserStatus.Inactive, ct);
        if (user?.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return new InvalidCredentials();
        }
        if (!user.IsRoot)
        {
            return new OnlyRootUser("Only the root user can cancel the account.");
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        account.CancelledAt = now;
        account.UpdatedAt = now;
        account.LiveUsers = 0;
        var users = await db.Users.Include(u => u.Memberships).Where(u => u.AccountId == accountId && u.Status != UserStatus.Inactive).ToListAsync(ct);
        foreach (var member in users)
        {
            await DeleteUser.DeactivateAsync(db, member, time, ct);
        }
        db.Audit(actor with { Type = ActorType.User, Id = user.Id }, time, accountId, AuditAction.AccountCancel, "account", accountId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }
}
