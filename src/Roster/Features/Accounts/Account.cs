namespace Roster.Features.Accounts;

public enum Plan { Free, Plus, Advanced, Enterprise, Custom }

public sealed class Account
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public Plan Plan { get; set; }

    /// <summary>Seats bought on an enterprise or custom contract; null on the self-service plans.</summary>
    public int? Seats { get; set; }

    /// <summary>Extra user subscriptions bought on top of a plus or advanced plan (0–20).</summary>
    public int AdditionalUserSubscriptions { get; set; }

    // Note: the number of users that count against the limit is kept on the account row so that the
    // database enforces the limit under concurrency: a user is added only after
    // "UPDATE … SET LiveUsers = LiveUsers + 1 WHERE LiveUsers < limit" changed exactly one row.
    public int LiveUsers { get; set; }

    public required string ApiKey { get; init; }
    public required string ApiSecretHash { get; set; }

    /// <summary>Which model decides access.</summary>
    public Permissions.PermissionSystem PermissionSystem { get; set; } = Permissions.PermissionSystem.Roles;

    /// <summary>
    /// Bumped in the transaction of every change to the account's roles, assignments or custom policies,
    /// so that compiled policies can be cached per account and version.
    /// </summary>
    public long PermissionsVersion { get; set; }

    /// <summary>"Require two-factor authentication": users without it are sent to enrolment right after sign-in.</summary>
    public bool RequireTwoFactor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}

public static class Plans
{
    public const int MaxAdditionalUserSubscriptions = 20;

    public static string Wire(this Plan plan) => plan.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out Plan plan)
    {
        plan = default;
        return value is not null
            && !int.TryParse(value, out _)
            && Enum.TryParse(value, ignoreCase: true, out plan)
            && Enum.IsDefined(plan);
    }

    /// <summary>Enterprise and custom plans are sold by the seat; the others carry a fixed limit.</summary>
    public static bool IsContract(this Plan plan) => plan is Plan.Enterprise or Plan.Custom;

    /// <summary>Only paid plans billed directly can buy extra user subscriptions.</summary>
    public static bool CanBuyAdditionalUsers(this Plan plan) => plan is Plan.Plus or Plan.Advanced;

    public static int UserLimit(this Account account, PlanOptions options) =>
        account.Plan.IsContract()
            ? account.Seats ?? options.DefaultContractSeats
            : options.BaseLimit(account.Plan) + account.AdditionalUserSubscriptions;
}

/// <summary>Plan limits, bound from the "Roster:Plans" configuration section.</summary>
public sealed class PlanOptions
{
    public int FreeUsers { get; set; } = 3;
    public int PlusUsers { get; set; } = 3;
    public int AdvancedUsers { get; set; } = 5;
    public int DefaultContractSeats { get; set; } = 25;

    public int BaseLimit(Plan plan) => plan switch
    {
        Plan.Free => FreeUsers,
        Plan.Plus => PlusUsers,
        Plan.Advanced => AdvancedUsers,
        Plan.Enterprise or Plan.Custom => DefaultContractSeats,
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };
}
