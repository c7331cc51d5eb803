using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>Two-factor authentication in Chromium: setup from the QR page, the code at sign-in, a recovery code, turning it off.</summary>
public sealed class TwoFactorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Setup = "/console/profile/two-factor";
    private const string Failure = "The code is incorrect or was already used, or this user cannot sign in now.";

    /// <summary>
    /// The code an app shows one step from now. The code that turned the setup on spent the current step, and a step of
    /// drift is accepted, so this one is good at once instead of in up to 30 seconds.
    /// </summary>
    private static string NextCode(byte[] key) => new Totp(key).ComputeTotp((TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30)).UtcDateTime);

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    /// <summary>Turns it on from the setup page as a person does: the key typed into the app, the app's code typed back.</summary>
    private static async Task<(byte[] Key, IReadOnlyList<string> Codes)> TurnOnAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("two-factor-qr").Locator("svg")).ToBeVisibleAsync();
        var key = Base32Encoding.ToBytes((await page.Locator("code.key").TextContentAsync())!.Replace(" ", ""));
        await page.Locator("input[autocomplete=one-time-code]").FillAsync(new Totp(key).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var codes = await page.GetByTestId("recovery-codes").Locator("li").AllTextContentsAsync();
        return (key, codes.Select(c => c.Trim()).ToList());
    }

    [Fact]
    public async Task SetUpFromTheQrPage_ThenSignInAsksForTheCode_ARecoveryCodeWorksOnce()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await BrowserFixture.SubmitSignInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));

        await page.GotoAsync(Setup);
        var qr = await page.GetByTestId("two-factor-qr").Locator("svg").BoundingBoxAsync();
        Assert.True(qr is { Width: > 150, Height: > 150 }, "The QR code is drawn at the stylesheet's size.");
        var (key, codes) = await TurnOnAsync(page);
        await Assertions.Expect(page.GetByTestId("codes-saved")).ToHaveAttributeAsync("href", "/console/profile");
        Assert.Empty(violations);

        await SignOutAsync(page);
        await BrowserFixture.SubmitSignInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in/code"));
        var code = NextCode(key);
        await page.Locator("input[autocomplete=one-time-code]").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);

        // The same code again, as someone who watched it being typed would: refused, though it is still in its window.
        await SignOutAsync(page);
        await BrowserFixture.SubmitSignInAsync(page, email);
        await page.Locator("input[autocomplete=one-time-code]").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("code-error")).ToHaveTextAsync(Failure);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel and sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));

        await BrowserFixture.SubmitSignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await page.Locator("#recovery_code").FillAsync(codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));

        await SignOutAsync(page);
        await BrowserFixture.SubmitSignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await page.Locator("#recovery_code").FillAsync(codes[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("code-error")).ToHaveTextAsync(Failure);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel and sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
        await page.GotoAsync("/console");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in\\?"));
    }

    [Fact]
    public async Task RequiredByTheAccount_SignInLandsOnSetup_OtherPagesComeBackToIt_UntilItIsOn_ThenOffWithPasswordAndCode()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        (await account.Client.PutJsonAsync($"{account.Api}/two_factor_requirement", new { required = true })).Ok();
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SubmitSignInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Setup + "$"));
        await Assertions.Expect(page.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Setup + "$"));

        var (key, _) = await TurnOnAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));

        await page.GotoAsync(Setup);
        await page.Locator("input[autocomplete=current-password]").FillAsync("not my password at all");
        await page.Locator("input[autocomplete=one-time-code]").FillAsync(NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-error")).ToBeVisibleAsync();
        await page.Locator("input[autocomplete=current-password]").FillAsync(Scenarios.Password);
        await page.Locator("input[autocomplete=one-time-code]").FillAsync(NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-notice")).ToContainTextAsync("Two-factor authentication is off.");

        // Off again on an account that requires it: set it up before anything else.
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Setup + "$"));
    }
}
