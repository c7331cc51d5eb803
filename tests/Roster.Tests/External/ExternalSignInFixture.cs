using Roster.Tests.Infrastructure;

namespace Roster.Tests.External;

/// <summary>
/// Roster on a real loopback port (the provider sends the browser back to it) with one OpenID Connect provider configured:
/// the test provider, started first so that its issuer is in Roster's configuration, then told Roster's redirect URI.
/// </summary>
public class ExternalSignInFixture : RosterFixture
{
    public const string ProviderName = "testid";
    public const string DisplayName = "Test ID";

    public OidcTestProvider Provider { get; private set; } = null!;

    protected override bool ListensOnLoopback => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => ProviderSettings(Provider);

    /// <summary>The settings that configure <paramref name="provider"/> as the provider "TestId" (plain HTTP allowed: loopback).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ProviderSettings(OidcTestProvider provider) =>
    [
        new("Roster:External:Oidc:TestId:Issuer", provider.Issuer.ToString().TrimEnd('/')),
        new("Roster:External:Oidc:TestId:ClientId", OidcTestProvider.ClientId),
        new("Roster:External:Oidc:TestId:ClientSecret", provider.ClientSecret),
        new("Roster:External:Oidc:TestId:DisplayName", DisplayName),
        new("Roster:External:AllowHttp", "true"),
    ];

    public override async Task InitializeAsync()
    {
        Provider = await OidcTestProvider.StartAsync();
        await base.InitializeAsync();
        await Provider.RegisterClientAsync(new Uri(BaseAddress, $"/console/sign-in/external/callback/{ProviderName}"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}
