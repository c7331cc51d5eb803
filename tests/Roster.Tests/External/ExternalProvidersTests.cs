using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Roster.Data;
using Roster.Features.SignIn;
using Roster.Security;

namespace Roster.Tests.External;

/// <summary>The providers as configured, GitHub's e-mail answer, and the client's keys kept in the key ring's folder.</summary>
[Trait("Database", "none")]
public sealed class ExternalProvidersTests
{
    private static ExternalProviders From(params (string Key, string Value)[] settings) => ExternalProviders.From(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void NothingConfigured_NoProviders()
    {
        var providers = From();
        Assert.False(providers.Any);
        Assert.Null(providers.Find("google"));
        Assert.False(providers.AllowHttp);
    }

    [Fact]
    public void GoogleGitHubAndOidc_InTheirOrder_WithNamesPathsAndDisplayNames()
    {
        var providers = From(
            ("Roster:External:Oidc:Zeta:Issuer", "https://id.zeta.example"), ("Roster:External:Oidc:Zeta:ClientId", "z"),
            ("Roster:External:Oidc:Zeta:ClientSecret", "zs"),
            ("Roster:External:Oidc:Corp-SSO:Issuer", "https://sso.corp.example/realms/staff"), ("Roster:External:Oidc:Corp-SSO:ClientId", "c"),
            ("Roster:External:Oidc:Corp-SSO:ClientSecret", "cs"), ("Roster:External:Oidc:Corp-SSO:DisplayName", "Corp single sign-on"),
            ("Roster:External:GitHub:ClientId", "gh"), ("Roster:External:GitHub:ClientSecret", "ghs"),
            ("Roster:External:Google:ClientId", "g"), ("Roster:External:Google:ClientSecret", "gs"));

        Assert.Equal(["google", "github", "corp-sso", "zeta"], providers.All.Select(p => p.Name));
        Assert.Equal(["Google", "GitHub", "Corp single sign-on", "Zeta"], providers.All.Select(p => p.DisplayName));
        var corp = providers.Find("corp-sso")!;
        Assert.Equal(ExternalProviderKind.Oidc, corp.Kind);
        Assert.Equal(new Uri("https://sso.corp.example/realms/staff"), corp.Issuer);
        Assert.Equal("/console/sign-in/external/callback/corp-sso", corp.CallbackPath);
        Assert.Equal("/console/sign-in/external/google", providers.Find("google")!.StartPath);
        Assert.Null(providers.Find("Corp-SSO"));
    }

    [Theory]
    [InlineData("Roster:External:Google:ClientId", "only-the-id", "ClientSecret")]
    [InlineData("Roster:External:GitHub:ClientSecret", "only-the-secret", "ClientId")]
    public void HalfAClient_IsRefusedAtStart(string key, string value, string missing)
    {
        var error = Assert.Throws<ExternalProviderSettingsException>(() => From((key, value)));
        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("Google", "https://id.example")]
    [InlineData("callback", "https://id.example")]
    [InlineData("has_underscore", "https://id.example")]
    [InlineData("Corp", "not a url")]
    [InlineData("Corp", "ftp://id.example")]
    [InlineData("Corp", "https://id.example/?tenant=1")]
    public void BadOidcProvider_IsRefusedAtStart(string name, string issuer)
    {
        Assert.Throws<ExternalProviderSettingsException>(() => From(
            ($"Roster:External:Oidc:{name}:Issuer", issuer), ($"Roster:External:Oidc:{name}:ClientId", "c"),
            ($"Roster:External:Oidc:{name}:ClientSecret", "s")));
    }

    [Fact]
    public void OidcProviderWithoutClient_IsRefusedAtStart()
    {
        var error = Assert.Throws<ExternalProviderSettingsException>(() => From(("Roster:External:Oidc:Corp:Issuer", "https://id.example")));
        Assert.Contains("Roster__External__Oidc__Corp__ClientId", error.Message);
    }

    [Theory]
    [InlineData("""[{"email":"other@example.com","primary":false,"verified":true},{"email":"me@example.com","primary":true,"verified":true}]""", "me@example.com", true)]
    [InlineData("""[{"email":"me@example.com","primary":true,"verified":false}]""", "me@example.com", false)]
    [InlineData("""[{"email":"me@example.com","primary":true}]""", "me@example.com", false)]
    [InlineData("""[{"email":"other@example.com","primary":false,"verified":true}]""", null, false)]
    [InlineData("""[]""", null, false)]
    [InlineData("""{"message":"Bad credentials"}""", null, false)]
    public void GitHub_ThePrimaryAddress_AndWhetherItIsVerified(string answer, string? email, bool verified)
    {
        var primary = GitHubEmails.Primary(JsonDocument.Parse(answer).RootElement);

        Assert.Equal(email, primary?.Email);
        Assert.Equal(verified, primary?.Verified ?? false);
    }

    [Fact]
    public async Task GitHub_AsksItsApiWithTheToken_AndToleratesRefusals()
    {
        var handler = new Answering(System.Net.HttpStatusCode.OK, """[{"email":"me@example.com","primary":true,"verified":true}]""");
        using var http = new HttpClient(handler) { BaseAddress = GitHubEmails.ApiBase };

        var primary = await GitHubEmails.PrimaryAsync(http, "token-1", NullLogger.Instance, CancellationToken.None);

        Assert.Equal(("me@example.com", true), primary);
        Assert.Equal(new Uri("https://api.github.com/user/emails"), handler.Request!.RequestUri);
        Assert.Equal("Bearer token-1", handler.Request.Headers.Authorization!.ToString());
        Assert.NotEmpty(handler.Request.Headers.UserAgent);

        using var refusing = new HttpClient(new Answering(System.Net.HttpStatusCode.Unauthorized, "{}")) { BaseAddress = GitHubEmails.ApiBase };
        Assert.Null(await GitHubEmails.PrimaryAsync(refusing, "token-2", NullLogger.Instance, CancellationToken.None));
        using var garbled = new HttpClient(new Answering(System.Net.HttpStatusCode.OK, "<html>")) { BaseAddress = GitHubEmails.ApiBase };
        Assert.Null(await GitHubEmails.PrimaryAsync(garbled, "token-3", NullLogger.Instance, CancellationToken.None));
    }

    [Fact]
    public void ClientKeys_MadeOnce_EncryptedWithTheKeyRing_TheSameOnEveryLoad()
    {
        var directory = Path.Combine(Path.GetTempPath(), "roster-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var keyRing = new KeyRing(KeyRingStore.Folder, directory, null, []);
            var dataProtection = DataProtectionProvider.Create(new DirectoryInfo(directory));
            using var services = new ServiceCollection().BuildServiceProvider();
            var scopes = services.GetRequiredService<IServiceScopeFactory>();

            var first = ExternalClientKeys.Load(keyRing, dataProtection, scopes);
            var second = ExternalClientKeys.Load(keyRing, DataProtectionProvider.Create(new DirectoryInfo(directory)), scopes);

            var key = (Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)first.Encryption.Key;
            Assert.Equal(32, key.Key.Length);
            Assert.Equal(key.Key, ((Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)second.Encryption.Key).Key);
            Assert.Equal(((Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)first.Signing.Key).Key,
                ((Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)second.Signing.Key).Key);
            var stored = File.ReadAllBytes(Path.Combine(directory, ExternalClientKeys.FileName));
            Assert.True(stored.AsSpan().IndexOf(key.Key) < 0, "The key file holds the key in the clear.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class Answering(System.Net.HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
