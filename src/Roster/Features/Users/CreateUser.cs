using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Security;

namespace Roster.Features.Users;

/// <summary>A user to invite.</summary>
/// <param name="Role">One of <see cref="LegacyRoles.All"/>; null gives the default role (and, on Roles and Permissions, no roles).</param>
/// <param name="ProductEnvironmentIds">At most 30 of the account's product environments; null or empty: all of them.</param>
public sealed record NewUser(
    DisplayName Name, EmailAddress Email, LegacyRole? Role = null, IReadOnlyList<string>? ProductEnvironmentIds = null,
    bool Enabled = true, DisplayName? FirstName = null, DisplayName? LastName = null);

public static class CreateUser
{
    /// <summary>The Provisioning API's and Roster's <c>POST …/users</c>.</summary>
    public static async Task<Results<Ok<UserResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, IUserRoles roles,
        IOptions<PlanOptions> plans, OutboxPayloads outbox, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var request = Read(body);
        if (!request.Succeeded)
        {
            return request.Error;
        }
        var created = await RunAsync(accountId, request.Value, db, roles, plans.Value, outbox, actor, time, ct);
        if (!created.Succeeded)
        {
            return created.Error;
        }
        return TypedResults.Ok(await UserResponse.ReadAsync(db, created.Value, ct));
    }

    public static Outcome<NewUser> Read(RequestValues body)
    {
        var name = body.RequiredName("name");
        var email = body.RequiredEmail("email");
        var role = body.Enum("role", LegacyRoles.ByName);
        var productEnvironmentIds = body.List("sub_account_ids");
        var enabled = body.Bool("enabled") ?? true;
        var firstName = body.Name("first_name");
        var lastName = body.Name("last_name");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        return new NewUser(name!.Value, email!.Value, role, productEnvironmentIds, enabled, firstName, lastName);
    }

    /// <summary>
    /// Invites a user: a seat is taken, the e-mail address must be free across all accounts, and the invitation is
    /// issued, all in one transaction. The user is pending until the invitation is accepted.
    /// </summary>
    public static async Task<Outcome<User>> RunAsync(
        string accountId, NewUser request, RosterDb db, IUserRoles roles, PlanOptions plans, OutboxPayloads outbox, Actor actor,
        TimeProvider time, CancellationToken ct)
    {
        if (await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct) is not { } account)
        {
            return new ObjectNotFound($"Cannot find account with id {accountId}");
        }
        if (request.Role is { } role && await roles.RoleRefusalAsync(accountId, role, request.ProductEnvironmentIds, actor, ct) is { } beyondHeld)
        {
            return beyondHeld;
        }
        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = request.Name.Value,
            NameNormalized = request.Name.Normalized,
            FirstName = request.FirstName?.Value,
            LastName = request.LastName?.Value,
            Email = request.Email.Value,
            EmailNormalized = request.Email.Normalized,
            Role = request.Role ?? LegacyRoles.Default,
            Enabled = request.Enabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.AssignProductEnvironmentsAsync(user, request.ProductEnvironmentIds, ct) is { } invalid)
        {
            return invalid;
        }
        var added = await AddAsync(db, account, user, plans, outbox, actor, time, ct,
            inTransaction: async () =>
            {
                await roles.ChangingAsync(accountId, ct);
                await roles.WrittenAsync(user, request.Role is not null, before: null, actor, ct);
            });
        return added.Succeeded ? user : added.Error;
    }

    /// <summary>
    /// Adds a user with its invitation, taking a seat; the seat and the e-mail address are both checked
    /// by the database in one transaction (the caller's, if one is open). Returns the invitation's token (for a caller
    /// that shows its link), or the rule that refused it.
    /// <paramref name="inTransaction"/> stages more of the same change once the seat is taken (the account row is locked).
    /// </summary>
    public static async Task<Outcome<IssuedToken>> AddAsync(RosterDb db, Account account, User user, PlanOptions plans, OutboxPayloads outbox,
        Actor actor, TimeProvider time, CancellationToken ct, Func<Task>? inTransaction = null)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (!await db.TryTakeAsync(account, plans, ct))
        {
            return new UserLimitReached();
        }
        db.Users.Add(user);
        if (inTransaction is not null)
        {
            await inTransaction();
        }
        var invitation = await db.IssueAsync(user, TokenPurpose.Invitation, actor, outbox, time, ct);
        db.Audit(actor, time, account.Id, AuditAction.UserCreate, "user", user.Id, after: UserSnapshot.Of(user));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(RosterDb.UniqueLiveEmail, "Users.EmailNormalized"))
        {
            db.ChangeTracker.Clear();
            return new EmailAlreadyTaken();
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return invitation;
    }
}
