using System.Text.Json.Serialization;
using System.Reflection;

namespace Roster.Security;

/// <summary>What kind of caller makes a change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActorType>))]
public enum ActorType
{
    /// <summary>An account's provisioning key (the Provisioning, Permissions and account APIs).</summary>
    [JsonStringEnumMemberName("account_key")] AccountKey,

    [JsonStringEnumMemberName("user")] User,

    /// <summary>Roster itself (account creation from the command line, migrations).</summary>
    [JsonStringEnumMemberName("system")] System,

    /// <summary>A product environment's access key (the per-cloud Admin API).</summary>
    [JsonStringEnumMemberName("api_key")] ApiKey,
}

/// <summary>Who makes a change, for the audit log: an account key, a user, or the system itself.</summary>
public sealed record Actor(ActorType Type, string? Id, string? ClientAddress, string? RequestId)
{
    public static Actor System { get; } = new(ActorType.System, null, null, null);

    public static ValueTask<Actor?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Actor?>(From(context));

    public static Actor From(HttpContext context) => new(
        context.User.FindFirst(RosterClaims.ApiKey) is null ? ActorType.System
            : context.User.HasClaim(c => c.Type == RosterClaims.ProductEnvironmentId) ? ActorType.ApiKey
            : ActorType.AccountKey,
        context.User.FindFirst(RosterClaims.ApiKey)?.Value,
        context.Connection.RemoteIpAddress?.ToString(),
        context.TraceIdentifier);

    /// <summary>The account the authenticated key belongs to.</summary>
    public static string AccountOf(HttpContext context) =>
        context.User.FindFirst(RosterClaims.AccountId)?.Value ?? throw new InvalidOperationException("No account on this request.");
}
