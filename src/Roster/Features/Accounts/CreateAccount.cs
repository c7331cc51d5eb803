using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Accounts;

/// <param name="PermissionSystem">Roles and Permissions (every new account) or legacy (one role per user, until migrated).</param>
public sealed record NewAccount(string Name, string RootEmail, string? RootName, Plan Plan, int? Seats,
    PermissionSystem PermissionSystem = PermissionSystem.Roles);

/// <summary>
/// What account creation hands back once: the only time the API secret is ever seen, and the root user's invitation link
/// (also e-mailed to the root user) with which it sets its password.
/// </summary>
public sealed record CreatedAccount(
    string AccountId, string Name, string Plan, string RootUserId, string ProvisioningApiKey, string ProvisioningApiSecret, string AccountUrl,
    string RootInvitationUrl)
{
    /// <summary>When the root user's invitation expires.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset RootInvitationExpiresAt { get; init; }
}

public static class CreateAccount
{
    /// <summary>
    /// Creates the account and its root user, who is invited: the invitation is e-mailed, and its link (under
    /// <paramref name="publicUrl"/>) is handed back too, since the root user may have no working mail yet.
    /// </summary>
    public static async Task<(CreatedAccount? Created, RosterError? Error)> RunAsync(
        NewAccount request, RosterDb db, PlanOptions plans, OutboxPayloads outbox, string publicUrl, TimeProvider time, CancellationToken ct)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > Names.MaxLength)
        {
            return (null, new InvalidInput($"The account name must be 1 to {Names.MaxLength} characters."));
        }
        if (EmailAddress.Parse(request.RootEmail) is not { } email)
        {
            return (null, new InvalidField("email", null, "'email' must be a valid e-mail address."));
        }
        if (request.Seats is not null && !request.Plan.IsContract())
        {
            return (null, new InvalidInput("Seats are set only on enterprise and custom plans; the other plans have fixed limits."));
        }
        if (request.Seats is < 1 or > 1_000_000)
        {
            return (null, new InvalidInput("Seats must be between 1 and 1000000."));
        }

        var now = time.GetUtcNow();
        var secret = Secrets.NewSecret(32);
        var account = new Account
        {
            Id = Secrets.NewId(),
            Name = name,
            Plan = request.Plan,
            Seats = request.Plan.IsContract() ? request.Seats ?? plans.DefaultContractSeats : null,
            ApiKey = Secrets.NewApiKey(),
            ApiSecretHash = Secrets.HashSecret(secret),
            PermissionSystem = request.PermissionSystem,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var rootName = string.IsNullOrWhiteSpace(request.RootName) ? email.Value.Split('@')[0] : request.RootName.Trim();
        var root = new User
        {
            Id = Secrets.NewId(),
            AccountId = account.Id,
            Name = rootName,
            Email = email.Value,
            EmailNormalized = email.Normalized,
            NameNormalized = Names.Normalize(rootName),
            Role = LegacyRole.MasterAdmin,
            IsRoot = true,
            AllProductEnvironments = true,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The account and its root user exist together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Accounts.Add(account);
        db.Audit(Actor.System, time, account.Id, AuditAction.AccountCreate, "account", account.Id,
            after: new { account.Id, account.Name, plan = account.Plan.Wire(), account.Seats, account.PermissionSystem });
        await db.SaveChangesAsync(ct);
        var invitation = await CreateUser.AddAsync(db, account, root, plans, outbox, Actor.System, time, ct);
        if (!invitation.Succeeded)
        {
            return (null, invitation.Error);
        }
        await transaction.CommitAsync(ct);
        return (new CreatedAccount(account.Id, account.Name, account.Plan.Wire(), root.Id, account.ApiKey, secret,
            $"account://{account.ApiKey}:{secret}@{account.Id}", MailLinks.Invitation(publicUrl, invitation.Value.Token))
        {
            RootInvitationExpiresAt = invitation.Value.ExpiresAt,
        }, null);
    }
}
