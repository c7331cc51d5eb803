using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>Sign-in as a person does it, in Chromium: the fields found by their autocomplete tokens, as password managers find them.</summary>
public sealed class SignInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Failure = "The e-mail address or password is incorrect, or this user cannot sign in.";

    private static async Task ExpectSignInPageAsync(IPage page) =>
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));

    private static async Task ExpectHomeAsync(IPage page) =>
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));

    [Fact]
    public async Task Invitation_SetPassword_SignedInAtHome_SignOut_SignInAgain()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        await account.CreateUserAsync(email);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(await fixture.MailedLinkAsync(email));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set your password" })).ToBeVisibleAsync();
        await page.Locator("input[autocomplete=new-password]").FillAsync("password1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-error")).ToContainTextAsync("too easy to guess");
        await page.Locator("input[autocomplete=new-password]").FillAsync(Scenarios.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();

        await ExpectHomeAsync(page);
        var accountName = (await account.GetAccountAsync()).GetProperty("name").GetString()!;
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync(accountName);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await ExpectSignInPageAsync(page);
        await page.GotoAsync("/console");
        await ExpectSignInPageAsync(page);
        await BrowserFixture.SubmitSignInAsync(page, email, Scenarios.Password);
        await ExpectHomeAsync(page);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownEmail_ShowTheSameMessage()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SubmitSignInAsync(page, email, "not my password at all");
        var wrong = await page.GetByTestId("sign-in-error").TextContentAsync();
        await BrowserFixture.SubmitSignInAsync(page, Unique.Email("nobody"), Scenarios.Password);
        var unknown = await page.GetByTestId("sign-in-error").TextContentAsync();

        Assert.Equal(Failure, wrong);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task FiveFailures_LockTheUser_EvenTheRightPasswordFails_UntilAnAdministratorClearsIt()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();

        for (var i = 0; i < 5; i++)
        {
            await BrowserFixture.SubmitSignInAsync(page, email, "wrong password number " + i);
            await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync(Failure);
        }
        await BrowserFixture.SubmitSignInAsync(page, email, Scenarios.Password);
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync(Failure);
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.True(user.GetProperty("locked_until").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/unlock")).Ok();
        await BrowserFixture.SubmitSignInAsync(page, email, Scenarios.Password);
        await ExpectHomeAsync(page);
    }

    [Fact]
    public async Task ForceLogoutThroughTheApi_EndsTheBrowsersSessionAtItsNextClick()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SubmitSignInAsync(page, email, Scenarios.Password);
        await ExpectHomeAsync(page);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/force_logout")).Ok();
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();

        await ExpectSignInPageAsync(page);
    }

    [Fact]
    public async Task AdministratorsPasswordReset_EndsTheSession_MailedLinkSetsANewPassword_OldOneRefused()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SubmitSignInAsync(page, email, Scenarios.Password);
        await ExpectHomeAsync(page);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Ok();
        await page.ReloadAsync();
        await ExpectSignInPageAsync(page);

        await page.GotoAsync(await fixture.MailedLinkAsync(email, count: 2));
        await page.Locator("input[autocomplete=new-password]").FillAsync(Scenarios.OtherPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await ExpectHomeAsync(page);

        var other = await fixture.NewPageAsync();
        await BrowserFixture.SubmitSignInAsync(other, email, Scenarios.Password);
        await Assertions.Expect(other.GetByTestId("sign-in-error")).ToHaveTextAsync(Failure);
        await BrowserFixture.SubmitSignInAsync(other, email, Scenarios.OtherPassword);
        await ExpectHomeAsync(other);
    }

    [Fact]
    public async Task ForgotPassword_MailedLinkSetsANewPassword()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/console/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.Locator("input[autocomplete=username]").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-sent")).ToContainTextAsync("If a user with that address exists");

        await page.GotoAsync(await fixture.MailedLinkAsync(email, count: 2));
        await page.Locator("input[autocomplete=new-password]").FillAsync(Scenarios.OtherPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await ExpectHomeAsync(page);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefused_AndSignsNobodyIn()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.FillSignInAsync(page, email);
        // What a forged form on another site would post: the right fields, without the page's hidden token.
        await page.Locator("input[name=__antiforgery]").EvaluateAsync("e => e.remove()");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/sign-in", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        await page.GotoAsync("/console");
        await ExpectSignInPageAsync(page);
    }

    [Fact]
    public async Task ConsolePages_RunNoInlineScript_AndTheStylesheetLoadsUnderTheContentPolicy()
    {
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/console/sign-in");

        Assert.Equal(200, response!.Status);
        var background = await page.EvalOnSelectorAsync<string>("body", "b => getComputedStyle(b).backgroundColor");
        Assert.Equal("rgb(245, 247, 250)", background);
        Assert.Empty(violations);
    }
}

/// <summary>A host whose sessions end after three idle seconds, set through configuration as an operator would.</summary>
public sealed class ShortSessionBrowserFixture : BrowserFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> MailSettings => [new("Roster:Sessions:IdleTimeout", "00:00:03")];
}

public sealed class SessionTimeoutBrowserTests(ShortSessionBrowserFixture fixture) : IClassFixture<ShortSessionBrowserFixture>
{
    [Fact]
    public async Task IdleTimeoutFromConfiguration_EndsTheSession()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.SignedInPageAsync(email);

        await Task.Delay(TimeSpan.FromSeconds(4));
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
    }
}
