using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.Users;

public static class UpdateUser
{
    public static async Task<Results<Ok<UserResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RequestValues body, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = Names.Optional(body, "name");
        var email = body.String("email") is { } e ? UsersApi.ValidEmail(e) : null;
        var role = body.String("role") is { } r ? UsersApi.ValidRole(r) : null;
        var productEnvironmentIds = body.List("sub_account_ids");
        var enabled = body.Bool("enabled");
        var firstName = Names.Optional(body, "first_name");
        var lastName = Names.Optional(body, "last_name");

        if (await db.LoadUserAsync(accountId, userId, ct) is not { } user)
        {
            return UsersApi.Missing(userId);
        }
        if (!user.IsLive)
        {
            return new UserIsInactive();
        }
        if (user.IsRoot)
        {
            if (enabled == false) return new RootUserIsImmutable("The root user cannot be disabled.");
            if (role is not null && role != LegacyRoles.MasterAdmin) return new RootUserIsImmutable("The root user cannot be given a role.");
            if (productEnvironmentIds is { Count: > 0 }) return new RootUserIsImmutable("The root user always has access to all product environments.");
        }

        var before = UserSnapshot.Of(user);
        // A new role or product environments change what the user may do: the version bump comes first, so the
        // account row is locked before anything is read, and this and a migration of the account happen one after the other.
        var permissionsChange = role is not null || productEnvironmentIds is not null;
        await using var transaction = permissionsChange ? await db.Database.BeginTransactionAsync(ct) : null;
        if (permissionsChange)
        {
            await db.BumpPermissionsVersionAsync(accountId, ct);
        }
        var emailChanged = email is not null && User.Normalize(email) != user.EmailNormalized;
        if (name is not null)
        {
            user.Name = name;
            user.NameNormalized = User.Normalize(name);
        }
        if (email is not null)
        {
            user.Email = email;
            user.EmailNormalized = User.Normalize(email);
        }
        if (firstName is not null) user.FirstName = firstName;
        if (lastName is not null) user.LastName = lastName;
        if (enabled is not null) user.Enabled = enabled.Value;
        if (role is not null) user.Role = role;
        if (role is not null || productEnvironmentIds is not null)
        {
            // A new role without a new list keeps the current choice (a master admin always has all).
            var ids = productEnvironmentIds ?? (user.AllProductEnvironments ? [] : user.ProductEnvironments.Select(p => p.ProductEnvironmentId).ToList());
            var access = LegacyRoleField.Access.Of(user);
            if (await db.AssignProductEnvironmentsAsync(user, ids, ct) is { } invalid)
            {
                return invalid;
            }
            await LegacyRoleField.WriteAsync(db, user, role is not null, access, actor, time, ct);
        }
        user.UpdatedAt = time.GetUtcNow();
        if (emailChanged && user.Status == UserStatus.Pending)
        {
            // The old invitation went to the old address; a new one goes to the new address.
            db.Issue(user, TokenPurpose.Invitation, time);
        }
        db.Audit(actor, time, accountId, "user.update", "user", user.Id, before, UserSnapshot.Of(user));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(RosterDb.UniqueLiveEmail, "Users.EmailNormalized"))
        {
            return new EmailAlreadyTaken();
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        var count = user.AllProductEnvironments ? await db.CountProductEnvironmentsAsync(accountId, ct) : 0;
        return TypedResults.Ok(await LegacyRoleField.ReportAsync(db, accountId, UserResponse.From(user, count), ct));
    }
}
