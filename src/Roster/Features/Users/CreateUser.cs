using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.Features.Users;

public static class CreateUser
{
    public static async Task<Results<Ok<UserResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, IOptions<PlanOptions> plans,
        Actor actor, TimeProvider time, CancellationToken ct)
    {
        var name = Names.Required(body, "name");
        var email = UsersApi.ValidEmail(body.RequiredString("email"));
        var roleGiven = body.String("role") is not null;
        var role = body.String("role") is { } r ? UsersApi.ValidRole(r) : LegacyRoles.Default;
        var productEnvironmentIds = body.List("sub_account_ids");
        var enabled = body.Bool("enabled") ?? true;
        var firstName = Names.Optional(body, "first_name");
        var lastName = Names.Optional(body, "last_name");

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Secrets.NewId(),
            AccountId = accountId,
            Name = name,
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            EmailNormalized = User.Normalize(email),
            NameNormalized = User.Normalize(name),
            Role = role,
            Enabled = enabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.AssignProductEnvironmentsAsync(user, productEnvironmentIds, ct) is { } invalid)
        {
            return invalid;
        }
        var created = await AddAsync(db, account, user, plans.Value, actor, time, ct,
            inTransaction: async () =>
            {
                await db.BumpPermissionsVersionAsync(accountId, ct);
                await LegacyRoleField.WriteAsync(db, user, roleGiven, before: null, actor, time, ct);
            });
        return created is null
            ? TypedResults.Ok(await LegacyRoleField.ReportAsync(db, accountId, UserResponse.From(user, await db.CountProductEnvironmentsAsync(accountId, ct)), ct))
            : created;
    }

    /// <summary>
    /// Adds a user with its invitation, taking a seat; the seat and the e-mail address are both checked
    /// by the database in one transaction (the caller's, if one is open). Returns the rule that refused it, or null.
    /// <paramref name="inTransaction"/> stages more of the same change once the seat is taken (the account row is locked).
    /// </summary>
    public static async Task<RosterError?> AddAsync(RosterDb db, Account account, User user, PlanOptions plans, Actor actor,
        TimeProvider time, CancellationToken ct, Func<Task>? inTransaction = null)
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
        db.Issue(user, TokenPurpose.Invitation, time);
        db.Audit(actor, time, account.Id, "user.create", "user", user.Id, after: UserSnapshot.Of(user));
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
        return null;
    }
}
