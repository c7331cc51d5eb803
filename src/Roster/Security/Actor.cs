using System.Reflection;
using Roster.Common;

namespace Roster.Security;

/// <summary>Who makes a change, for the audit log: an account key, a user, or the system itself.</summary>
public sealed record Actor(string Type, string? Id, string? ClientAddress, string? RequestId)
{
    public const string AccountKey = "account_key";
    public const string UserType = "user";
    public const string SystemType = "system";

    /// <summary>A product environment's access key (the per-cloud Admin API).</summary>
    public const string ApiKeyType = "api_key";

    public static Actor System { get; } = new(SystemType, null, null, null);

    public static ValueTask<Actor?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Actor?>(From(context));

    public static Actor From(HttpContext context) => new(
        context.User.FindFirst(RosterClaims.ApiKey) is null ? SystemType
            : context.User.HasClaim(c => c.Type == RosterClaims.ProductEnvironmentId) ? ApiKeyType
            : AccountKey,
        context.User.FindFirst(RosterClaims.ApiKey)?.Value,
        context.Connection.RemoteIpAddress?.ToString(),
        context.TraceIdentifier);

    /// <summary>The account the authenticated key belongs to.</summary>
    public static string AccountOf(HttpContext context) =>
        context.User.FindFirst(RosterClaims.AccountId)?.Value ?? throw new InvalidOperationException("No account on this request.");
}
