using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

/// <summary>Roster behind a TLS-terminating proxy on 127.0.0.1, named as a known proxy.</summary>
public sealed class BehindProxyFixture : RosterFixture
{
    protected override bool ListensOnLoopback => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => [new("Roster:ForwardedHeaders:KnownProxies:0", "127.0.0.1")];
}

public sealed class ForwardedProtoTests(BehindProxyFixture fixture) : IClassFixture<BehindProxyFixture>
{
    [Theory]
    [InlineData("https", true)]
    [InlineData(null, false)]
    public async Task SessionCookie_SecureExactlyWhenTheKnownProxySaysHttps(string? forwardedProto, bool secure)
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = new FormClient(fixture.Anonymous());
        await browser.GetAsync("/console/sign-in");
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = Scenarios.Password, ["__antiforgery"] = browser.Last!.AntiforgeryToken!,
            }),
        };
        request.Headers.Add("Cookie", $"roster_antiforgery={browser.Cookie("roster_antiforgery")}");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        var response = await fixture.Anonymous().SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("roster_session=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The same request from a proxy nobody named: its header is ignored.</summary>
public sealed class UnknownProxyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task SessionCookie_ForwardedProtoFromAnUnnamedProxy_NotTrusted()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = new FormClient(fixture.Anonymous());
        await browser.GetAsync("/console/sign-in");
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = Scenarios.Password, ["__antiforgery"] = browser.Last!.AntiforgeryToken!,
            }),
        };
        request.Headers.Add("Cookie", $"roster_antiforgery={browser.Cookie("roster_antiforgery")}");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await fixture.Anonymous().SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("roster_session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
