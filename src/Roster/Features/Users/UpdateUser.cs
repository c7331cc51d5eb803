using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>What to change of a user; null leaves a field as it is.</summary>
/// <param name="ProductEnvironmentIds">Empty: all product environments.</param>
public sealed record UserChanges(
    DisplayName? Name = null, EmailAddress? Email = null, LegacyRole? Role = null, IReadOnlyList<string>? ProductEnvironmentIds = null,
    bool? Enabled = null, DisplayName? FirstName = null, DisplayName? LastName = null);

public static class UpdateUser
{
    public static async Task<Results<Ok<UserResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId,
        RequestValues body, RosterDb db, IUserRoles roles, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var changes = Read(body);
        if (!changes.Succeeded)
        {
            return changes.Error;
        }
        var updated = await RunAsync(accountId, userId, changes.Value, db, roles, outbox, actor, time, ct);
        if (!updated.Succeeded)
        {
            return updated.Error;
        }
        return TypedResults.Ok(await UserResponse.ReadAsync(db, updated.Value, ct));
    }

    public static Outcome<UserChanges> Read(RequestValues body)
    {
        var changes = new UserChanges(
            body.Name("name"), body.Email("email"), body.Enum("role", LegacyRoles.ByName), body.List("sub_account_ids"),
            body.Bool("enabled"), body.Name("first_name"), body.Name("last_name"));
        return body.Error is { } invalid ? invalid : changes;
    }

    public static async Task<Outcome<User>> RunAsync(
        string accountId, string userId, UserChanges changes, RosterDb db, IUserRoles roles, OutboxPayloads outbox, Actor actor,
        TimeProvider time, CancellationToken ct)
    {
        if (await db.LoadUserAsync(accountId, userId, ct) is not { } user)
        {
            return UsersApi.Missing(userId);
        }
        if (!user.IsLive)
        {
            return new UserIsInactive();
        }
        var (role, productEnvironmentIds, enabled) = (changes.Role, changes.ProductEnvironmentIds, changes.Enabled);
        RosterError? immutable = null;
        if (enabled == false) immutable ??= user.RootRefuses(RootUserChange.Disable);
        if (role is not null && role != LegacyRole.MasterAdmin) immutable ??= user.RootRefuses(RootUserChange.GiveRole);
        if (productEnvironmentIds is { Count: > 0 }) immutable ??= user.RootRefuses(RootUserChange.LimitProductEnvironments);
        if (immutable is not null)
        {
            return immutable;
        }
        if (role is { } given && !user.IsRoot
            && await roles.RoleRefusalAsync(accountId, given, productEnvironmentIds ?? ProductEnvironmentIdsOf(user), actor, ct) is { } beyondHeld)
        {
            return beyondHeld;
        }

        var before = UserSnapshot.Of(user);
        // A new role or product environments change what the user may do: the version bump comes first, so the
        // account row is locked before anything is read, and this and a migration of the account happen one after the other.
        var permissionsChange = role is not null || productEnvironmentIds is not null;
        await using var transaction = permissionsChange ? await db.Database.BeginTransactionAsync(ct) : null;
        if (permissionsChange)
        {
            await roles.ChangingAsync(accountId, ct);
        }
        var emailChanged = changes.Email is { } email && email.Normalized != user.EmailNormalized;
        if (changes.Name is { } name) user.SetName(name);
        if (changes.Email is { } newEmail) user.SetEmail(newEmail);
        if (changes.FirstName is { } firstName) user.FirstName = firstName.Value;
        if (changes.LastName is { } lastName) user.LastName = lastName.Value;
        if (enabled is not null) user.Enabled = enabled.Value;
        if (role is { } newRole) user.Role = newRole;
        if (permissionsChange)
        {
            // A new role without a new list keeps the current choice (a master admin always has all).
            var ids = productEnvironmentIds ?? ProductEnvironmentIdsOf(user);
            var access = ProductEnvironmentAccess.Of(user);
            if (await db.AssignProductEnvironmentsAsync(user, ids, ct) is { } invalid)
            {
                return invalid;
            }
            await roles.WrittenAsync(user, role is not null, access, actor, ct);
        }
        user.UpdatedAt = time.GetUtcNow();
        if (emailChanged && user.Status == UserStatus.Pending)
        {
            // The old invitation went to the old address: its link stops working, and a new one goes to the new address.
            await db.InvalidateAsync(user.Id, TokenPurpose.Invitation, time, ct);
            await db.IssueAsync(user, TokenPurpose.Invitation, actor, outbox, time, ct);
        }
        db.Audit(actor, time, accountId, AuditAction.UserUpdate, "user", user.Id, before, UserSnapshot.Of(user));
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
        return user;
    }

    /// <summary>The user's product environments as a change names them: empty for all.</summary>
    private static IReadOnlyList<string> ProductEnvironmentIdsOf(User user) =>
        user.AllProductEnvironments ? [] : user.ProductEnvironments.Select(p => p.ProductEnvironmentId).ToList();
}
