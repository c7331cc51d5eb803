using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>My Profile in Chromium, as a person uses it: fields found by their autocomplete tokens, links taken from the mail that arrived.</summary>
public sealed class ProfileBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator Section(IPage page, string id) => page.Locator($"section#{id}");

    [Fact]
    public async Task NameAndEmailChange_TheMailedLinkConfirmsTheNewAddress_TheOldOneIsTold_UnderTheContentPolicy()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.SignedInPageAsync(email);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "My Profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My Profile" })).ToBeVisibleAsync();
        var name = Section(page, "name");
        await name.Locator("input[autocomplete=name]").FillAsync("Ada Lovelace");
        await name.Locator("input[autocomplete=given-name]").FillAsync("Ada");
        await name.Locator("input[autocomplete=family-name]").FillAsync("Lovelace");
        await name.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-notice")).ToHaveTextAsync("Your name is saved.");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Ada Lovelace");

        var newEmail = Unique.Email("new");
        var emailSection = Section(page, "email");
        await emailSection.Locator("input[autocomplete=email]").FillAsync(newEmail);
        await emailSection.Locator("input[autocomplete=current-password]").FillAsync(Scenarios.Password);
        await emailSection.GetByRole(AriaRole.Button, new() { Name = "Change e-mail address" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending-email")).ToContainTextAsync(newEmail);
        await Assertions.Expect(page.GetByTestId("current-email")).ToHaveTextAsync(email);

        // The link is opened in another browser, with no session, as a phone's mail app would.
        var phone = await fixture.NewPageAsync();
        await phone.GotoAsync(await fixture.MailedLinkAsync(newEmail));
        await Assertions.Expect(phone.GetByTestId("confirm-new-email")).ToHaveTextAsync(newEmail);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm the address" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("email-confirmed")).ToContainTextAsync(newEmail);

        var notice = (await fixture.Sink.WaitForAsync(email, count: 2))[^1];
        Assert.Contains("was changed", notice.Subject);
        Assert.Contains(newEmail, notice.TextBody);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("current-email")).ToHaveTextAsync(newEmail);
        await Assertions.Expect(page.GetByTestId("pending-email")).ToHaveCountAsync(0);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherBrowser_ThisOneContinues()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.SignedInPageAsync(email);
        var laptop = await fixture.SignedInPageAsync(email);

        await page.GotoAsync("/console/profile");
        var password = Section(page, "password");
        await password.Locator("input[autocomplete=current-password]").FillAsync("not my password");
        await password.Locator("input[autocomplete=new-password]").FillAsync(Scenarios.OtherPassword);
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-password-error")).ToContainTextAsync("The current password is incorrect");
        password = Section(page, "password");
        await password.Locator("input[autocomplete=current-password]").FillAsync(Scenarios.Password);
        await password.Locator("input[autocomplete=new-password]").FillAsync(Scenarios.OtherPassword);
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-notice")).ToContainTextAsync("Your password is changed.");

        await laptop.GotoAsync("/console/profile");
        await Assertions.Expect(laptop).ToHaveURLAsync(new Regex("/console/sign-in"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        await fixture.SignedInPageAsync(email, Scenarios.OtherPassword);
    }

    [Fact]
    public async Task Sessions_EndOneFromTheList_ThenSignOutEverywhereElse()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.SignedInPageAsync(email);
        var second = await fixture.SignedInPageAsync(email);
        var third = await fixture.SignedInPageAsync(email);

        await page.GotoAsync("/console/profile");
        var rows = page.GetByTestId("session");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("this-session")).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Chrome on Linux");
        await rows.Filter(new() { HasNot = page.GetByTestId("this-session") }).First.GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-notice")).ToHaveTextAsync("The session has ended.");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-notice")).ToHaveTextAsync("You are signed out everywhere else.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        foreach (var other in new[] { second, third })
        {
            await other.ReloadAsync();
            await Assertions.Expect(other).ToHaveURLAsync(new Regex("/console/sign-in"));
        }
        await page.ReloadAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/profile"));
    }
}
