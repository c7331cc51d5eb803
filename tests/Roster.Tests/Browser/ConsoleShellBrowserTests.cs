using Microsoft.Playwright;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Browser;

/// <summary>The console's shell in Chromium: accessible (axe-core), laid out for a phone, and the pages of "Sign-in" with it.</summary>
public sealed class ConsoleShellBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInHomeAndProfile_HaveNoSeriousAccessibilityViolations_AndFitAPhone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var anonymous = await fixture.NewPageAsync();
        await anonymous.GotoAsync("/console/sign-in");
        await fixture.AssertAccessibleAsync(anonymous);
        Assert.True(await fixture.ScreenshotsAsync(anonymous, "sign-in"), "The sign-in page is wider than a phone.");
        await anonymous.GotoAsync("/console/forgot-password");
        await fixture.AssertAccessibleAsync(anonymous);

        var page = await fixture.SignedInPageAsync(account.RootEmail);
        foreach (var (path, name) in new[] { ("/console", "home"), ("/console/profile", "profile"), ("/console/profile/two-factor", "two-factor") })
        {
            await page.GotoAsync(path);
            await fixture.AssertAccessibleAsync(page);
            Assert.True(await fixture.ScreenshotsAsync(page, name), $"{path} is wider than a phone.");
        }
    }

    [Fact]
    public async Task TheErrorPage_InTheShellWhenSignedIn_PlainWhenNot_IsAccessible_AndFitsAPhone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var anonymous = await fixture.NewPageAsync();
        var plain = await anonymous.GotoAsync("/console/no-such-page");
        Assert.Equal(404, plain!.Status);
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToHaveCountAsync(0);
        await fixture.AssertAccessibleAsync(anonymous);

        var page = await fixture.SignedInPageAsync(account.RootEmail);
        var response = await page.GotoAsync("/console/no-such-page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "error-not-found"), "The error page is wider than a phone.");
        await page.GetByTestId("error-home").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console$"));
    }

    [Fact]
    public async Task Navigation_MarksTheCurrentSection_AndSkipLinkLeadsToTheContent()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToHaveAttributeAsync("aria-current", "page");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#content", page.Url);
    }
}
