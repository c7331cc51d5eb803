using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;

namespace Roster.Security;

/// <summary>
/// HTTP Basic with a product environment's access key (<c>api_key:api_secret</c>), for the per-cloud
/// Admin API paths <c>/v1_1/{cloud_name}/…</c>. The key must be enabled and belong to the enabled product
/// environment that the path's cloud name names, in an account that is not cancelled; a key of another
/// product environment fails exactly like a wrong secret. Secrets are compared in constant time.
/// </summary>
public sealed class ProductEnvironmentKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RosterDb db,
    AccessKeySecrets secrets)
    : BasicAuthenticationHandler(options, logger, encoder)
{
    public const string SchemeName = "ProductEnvironmentKey";

    protected override async Task<AuthenticateResult> AuthenticateAsync(string key, string secret)
    {
        if (key.Length > 32 || Context.GetRouteValue("cloud_name") is not string cloudName || cloudName.Length > 128)
        {
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var cloud = cloudName.ToLowerInvariant();
        var found = await db.AccessKeys.AsNoTracking()
            .Where(k => k.ApiKey == key && k.Enabled)
            .Join(db.ProductEnvironments.Where(p => p.CloudNameNormalized == cloud && p.Enabled), k => k.ProductEnvironmentId, p => p.Id,
                (k, p) => new { Key = k, p.AccountId, p.CloudName })
            .Join(db.Accounts.Where(a => a.CancelledAt == null), x => x.AccountId, a => a.Id, (x, a) => new { x.Key, x.AccountId, x.CloudName, a.Plan })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !Secrets.VerifySecret(secret, Secrets.HashSecret(secrets.Reveal(found.Key))))
        {
            return AuthenticateResult.Fail("Invalid credentials.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(RosterClaims.AccountId, found.AccountId),
                new Claim(RosterClaims.ApiKey, key),
                new Claim(RosterClaims.Plan, found.Plan.ToString()),
                new Claim(RosterClaims.ProductEnvironmentId, found.Key.ProductEnvironmentId),
                new Claim(RosterClaims.CloudName, found.CloudName),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
