using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Users;

public static class DeleteUser
{
    public static async Task<Results<Ok<MessageResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RosterDb db, IUserRoles roles, Actor actor, TimeProvider time, CancellationToken ct) =>
        await RunAsync(accountId, userId, db, roles, actor, time, ct) is { } refused ? refused : TypedResults.Ok(MessageResponse.Ok);

    /// <summary>Deletes a user: it becomes inactive for good, its seat and e-mail address are freed, what it held is revoked.</summary>
    public static async Task<RosterError?> RunAsync(
        string accountId, string userId, RosterDb db, IUserRoles roles, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (await db.LoadUserAsync(accountId, userId, ct) is not { } user)
        {
            return UsersApi.Missing(userId);
        }
        if (user.RootRefuses(RootUserChange.Delete) is { } immutable)
        {
            return immutable;
        }
        if (!user.IsLive)
        {
            return new UserIsInactive();
        }

        var before = UserSnapshot.Of(user);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReleaseAsync(accountId, ct);
        await DeactivateAsync(db, user, time, ct);
        await roles.RemovedAsync(user, actor, ct);
        db.Audit(actor, time, accountId, AuditAction.UserDelete, "user", user.Id, before, UserSnapshot.Of(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Makes a user inactive for good: it keeps its id and history, leaves its groups, can no longer
    /// sign in, and frees its e-mail address (the unique index covers live users only) and its accounts at external
    /// providers, so that a user invited again with the address links them afresh.
    /// </summary>
    public static async Task DeactivateAsync(RosterDb db, User user, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        user.Status = UserStatus.Inactive;
        user.Enabled = false;
        user.DeletedAt = now;
        user.UpdatedAt = now;
        user.PasswordHash = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        db.GroupMemberships.RemoveRange(user.Memberships);
        user.Memberships.Clear();
        await db.UserTokens.Where(t => t.UserId == user.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        await db.ExternalLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(ct);
    }
}
