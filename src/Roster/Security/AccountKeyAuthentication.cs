using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Security;

public static class RosterClaims
{
    public const string AccountId = "roster:account_id";
    public const string ApiKey = "roster:api_key";
    public const string Plan = "roster:plan";

    /// <summary>Set when a product environment's access key authenticated the request.</summary>
    public const string ProductEnvironmentId = "roster:product_environment_id";

    public const string CloudName = "roster:cloud_name";

    /// <summary>Set when a person's session authenticated the request.</summary>
    public const string UserId = "roster:user_id";

    /// <summary>The public id of the session that authenticated the request.</summary>
    public const string SessionId = "roster:session_id";

    /// <summary>The session's <see cref="Features.SignIn.SessionStage"/>, by its wire name.</summary>
    public const string SessionStage = "roster:session_stage";
}

/// <summary>
/// HTTP Basic with the account's API key and secret. The secret is compared as a hash, in constant
/// time. Credentials for one account are not credentials for another: a request whose path names a
/// different account fails exactly like a wrong secret.
/// </summary>
public sealed class AccountKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RosterDb db)
    : BasicAuthenticationHandler(options, logger, encoder)
{
    public const string SchemeName = "AccountKey";

    protected override async Task<AuthenticateResult> AuthenticateAsync(string key, string secret)
    {
        if (key.Length > 64)
        {
            return AuthenticateResult.Fail("Invalid credentials.");
        }
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.ApiKey == key && a.CancelledAt == null)
            .Select(a => new { a.Id, a.ApiSecretHash, a.Plan })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (account is null || !Secrets.VerifySecret(secret, account.ApiSecretHash))
        {
            return AuthenticateResult.Fail("Invalid credentials.");
        }
        if (Context.GetRouteValue("account_id") is string routeAccount && routeAccount != account.Id)
        {
            return AuthenticateResult.Fail("Credentials belong to another account.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(RosterClaims.AccountId, account.Id),
                new Claim(RosterClaims.ApiKey, key),
                new Claim(RosterClaims.Plan, account.Plan.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
