using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using Roster.Data;
using Roster.Features.SignIn;

namespace Roster.Security;

/// <summary>
/// The OpenID Connect and OAuth 2.0 client that signs people in through the configured providers (OpenIddict's client:
/// the authorization code flow with PKCE, the state bound to the browser by a correlation cookie). Registered only when a
/// provider is configured.
/// </summary>
public static class ExternalAuthentication
{
    public const string SchemeName = OpenIddictClientAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>The scope GitHub needs to tell a user's e-mail addresses and whether it verified them.</summary>
    public const string GitHubEmailScope = "user:email";

    /// <summary>Reads the providers, registers them (the OpenIddict client only when there is one) and returns them.</summary>
    public static ExternalProviders AddExternalSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var providers = ExternalProviders.From(configuration);
        services.AddSingleton(providers);
        services.AddHttpClient(GitHubEmails.HttpClientName, c => c.BaseAddress = GitHubEmails.ApiBase);
        if (!providers.Any)
        {
            return providers;
        }
        services.AddOpenIddict().AddClient(o =>
        {
            o.AllowAuthorizationCodeFlow();
            // Note: the client keeps nothing in the database. Its one token is the state of a sign-in under way, which is
            // self-contained, protected with the installation's Data Protection key ring (UseDataProtection below, shared by
            // every server that shares the keys) and bound to the browser that started the sign-in by OpenIddict's
            // correlation cookie. What a stored state would add, refusing a second use of the same state, the provider
            // already does: an authorization code is good once, and PKCE ties it to the verifier inside the state.
            o.DisableTokenStorage();
            o.UseDataProtection();
            var host = o.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                .EnableErrorPassthrough()
                .DisableAutomaticAuthenticationSchemeForwarding();
            if (providers.AllowHttp)
            {
                host.DisableTransportSecurityRequirement();
            }
            host.Configure(a =>
            {
                // Note: the provider sends the browser back with a top-level GET (response_mode=query, the only one the
                // code flow uses here), which carries SameSite=Lax cookies; Lax keeps the cookie off every cross-site POST.
                a.CookieBuilder.SameSite = SameSiteMode.Lax;
                a.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                a.CookieBuilder.Name = "roster_external";
            });
            o.UseSystemNetHttp().SetProductInformation(typeof(ExternalAuthentication).Assembly);

            var web = o.UseWebProviders();
            foreach (var provider in providers.All)
            {
                var redirect = provider.CallbackPath.TrimStart('/');
                switch (provider.Kind)
                {
                    case ExternalProviderKind.Google:
                        web.AddGoogle(g => g.SetClientId(provider.ClientId).SetClientSecret(provider.ClientSecret)
                            .SetRedirectUri(redirect).SetRegistrationId(provider.Name).SetProviderDisplayName(provider.DisplayName)
                            .AddScopes("openid", "email"));
                        break;
                    case ExternalProviderKind.GitHub:
                        web.AddGitHub(g => g.SetClientId(provider.ClientId).SetClientSecret(provider.ClientSecret)
                            .SetRedirectUri(redirect).SetRegistrationId(provider.Name).SetProviderDisplayName(provider.DisplayName)
                            .AddScopes(GitHubEmailScope));
                        break;
                    case ExternalProviderKind.Oidc:
                        o.AddRegistration(new OpenIddictClientRegistration
                        {
                            Issuer = provider.Issuer,
                            ProviderName = provider.Name,
                            ProviderDisplayName = provider.DisplayName,
                            RegistrationId = provider.Name,
                            ClientId = provider.ClientId,
                            ClientSecret = provider.ClientSecret,
                            RedirectUri = new Uri(redirect, UriKind.Relative),
                            Scopes = { "openid", "email" },
                        });
                        break;
                }
            }
        });
        services.AddOptions<OpenIddictClientOptions>().Configure<KeyRing, IDataProtectionProvider, IServiceScopeFactory>((options, keyRing, dataProtection, scopes) =>
        {
            var (encryption, signing) = ExternalClientKeys.Load(keyRing, dataProtection, scopes);
            options.EncryptionCredentials.Add(encryption);
            options.SigningCredentials.Add(signing);
        });
        return providers;
    }

    /// <summary>The properties of a challenge that starts a sign-in with <paramref name="provider"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static AuthenticationProperties Challenge(ExternalProvider provider, string returnUrl) => new(
        new Dictionary<string, string?> { [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = provider.Name })
    {
        RedirectUri = returnUrl,
    };
}
