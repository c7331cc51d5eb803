using Microsoft.Playwright;
using Roster.Tests.External;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>The browser fixture with the test OpenID Connect provider configured, as <see cref="ExternalSignInFixture"/> has it.</summary>
public sealed class ExternalBrowserFixture : BrowserFixture
{
    public OidcTestProvider Provider { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => ExternalSignInFixture.ProviderSettings(Provider);

    public override async Task InitializeAsync()
    {
        Provider = await OidcTestProvider.StartAsync();
        await base.InitializeAsync();
        await Provider.RegisterClientAsync(new Uri(BaseAddress, $"/console/sign-in/external/callback/{ExternalSignInFixture.ProviderName}"));
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

/// <summary>A person clicks "Sign in with …" in Chromium, passes through the provider and lands in the console.</summary>
public sealed class ExternalSignInBrowserTests(ExternalBrowserFixture fixture) : IClassFixture<ExternalBrowserFixture>
{
    [Fact]
    public async Task ClickingTheProvidersButton_SignsIn_AndTheConsoleNamesTheUser()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        await fixture.Provider.NextLoginAsync("sub-" + Guid.NewGuid().ToString("N"), email, emailVerified: true);
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/console/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {ExternalSignInFixture.DisplayName}" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(fixture.BaseAddress, "/console").ToString());

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
        Assert.Empty(violations);
        var cookies = await page.Context.CookiesAsync([fixture.BaseAddress.ToString()]);
        Assert.Contains(cookies, c => c.Name == "roster_session" && c.HttpOnly);
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith("roster_external", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownPerson_IsBackOnTheSignInPage_WithTheOneMessage()
    {
        await fixture.Provider.NextLoginAsync("sub-" + Guid.NewGuid().ToString("N"), Unique.Email("stranger"), emailVerified: true);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/console/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {ExternalSignInFixture.DisplayName}" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("sign-in-error"))
            .ToHaveTextAsync("The e-mail address or password is incorrect, or this user cannot sign in.");
        Assert.Equal("/console/sign-in", new Uri(page.Url).AbsolutePath);
    }
}
