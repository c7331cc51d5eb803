using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Roster.Common;

namespace Roster.Security;

/// <summary>
/// HTTP Basic, read in one place for every kind of key: a request without Basic credentials is not this
/// scheme's (no result), malformed ones fail, and a challenge answers 401 in the error shape.
/// </summary>
public abstract class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Checks the key and secret of a well-formed Basic header.</summary>
    protected abstract Task<AuthenticateResult> AuthenticateAsync(string key, string secret);

    protected sealed override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }
        var colon = decoded.IndexOf(':');
        return colon <= 0
            ? Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."))
            : AuthenticateAsync(decoded[..colon], decoded[(colon + 1)..]);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Roster\", charset=\"UTF-8\"";
        return new InvalidCredentials().ExecuteAsync(Context);
    }
}
