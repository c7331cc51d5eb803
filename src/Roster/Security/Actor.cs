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
public sealed record Actor(ActorType Type, string? Id, string? ClientAddress, string? RequestId, string? UserAgent = null)
{
    /// <summary>What of a user agent string the audit trail keeps.</summary>
    public const int MaxUserAgentLength = 512;

    public static Actor System { get; } = new(ActorType.System, null, null, null);

    public static ValueTask<Actor?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Actor?>(From(context));

    public static Actor From(HttpContext context)
    {
        var user = context.User.FindFirst(RosterClaims.UserId)?.Value;
        return new(
            user is not null ? ActorType.User
                : context.User.FindFirst(RosterClaims.ApiKey) is null ? ActorType.System
                : context.User.HasClaim(c => c.Type == RosterClaims.ProductEnvironmentId) ? ActorType.ApiKey
                : ActorType.AccountKey,
            user ?? context.User.FindFirst(RosterClaims.ApiKey)?.Value,
            context.Connection.RemoteIpAddress?.ToString(),
            context.TraceIdentifier,
            UserAgentOf(context));
    }

    /// <summary>The request's user agent, cut to what the audit trail keeps; null when none was sent.</summary>
    public static string? UserAgentOf(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? null : agent.Length <= MaxUserAgentLength ? agent : agent[..MaxUserAgentLength];
    }

    /// <summary>The account the authenticated key belongs to.</summary>
    public static string AccountOf(HttpContext context) =>
        context.User.FindFirst(RosterClaims.AccountId)?.Value ?? throw new InvalidOperationException("No account on this request.");
}
