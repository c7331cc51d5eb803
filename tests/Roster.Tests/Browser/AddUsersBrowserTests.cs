using Microsoft.Playwright;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Browser;

/// <summary>Add users and Change user limit in Chromium: the flow a plus account's administrator goes through when the seats run out.</summary>
public sealed class AddUsersBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string LimitSentence = "You have reached the maximum number of users allowed for your plan.";

    [Fact]
    public async Task FiveRows_OneTakenOneOverTheLimit_ThenTheBanner_ThenChangeUserLimit_AndSeatsAreLeftAgain()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 1 })).Ok();
        var other = await fixture.CreateAccountAsync();
        var taken = Unique.Email("taken");
        await other.CreateUserAsync(taken);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        var emails = new[] { Unique.Email("a"), taken, Unique.Email("c"), Unique.Email("d"), Unique.Email("e") };

        await page.GotoAsync("/console/users/new");
        await Assertions.Expect(page.GetByTestId("seats-left")).ToHaveTextAsync("3 of 4 seats left (1 user counted).");
        await fixture.AssertAccessibleAsync(page);
        for (var i = 0; i < emails.Length; i++)
        {
            var row = page.GetByRole(AriaRole.Group, new() { Name = $"User {i + 1}" });
            await row.GetByLabel("E-mail").FillAsync(emails[i]);
            await row.GetByLabel("First name").FillAsync($"First{i}");
        }
        await page.GetByLabel("Access bundle", new() { Exact = true }).SelectOptionAsync("developer");
        await page.GetByTestId("add-users").ClickAsync();

        await Assertions.Expect(page.GetByTestId("created")).ToContainTextAsync($"Invited: {emails[0]}, {emails[2]}, {emails[3]}.");
        await Assertions.Expect(page.GetByTestId("row-0-email-error")).ToHaveTextAsync("Has already been taken");
        await Assertions.Expect(page.GetByTestId("row-1-email-error")).ToHaveTextAsync(LimitSentence);
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "User 2" }).GetByLabel("E-mail")).ToHaveValueAsync(emails[4]);
        await Assertions.Expect(page.GetByTestId("user-limit-banner")).ToContainTextAsync(LimitSentence);
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "add-users"), "Add users is wider than a phone.");

        await page.GetByTestId("user-limit-banner").GetByRole(AriaRole.Link, new() { Name = "Change user limit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change user limit" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-limit")).ToHaveTextAsync("4");
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Additional user subscriptions" }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save user limit" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("The user limit is now 6, with 3 additional user subscriptions.");
        await Assertions.Expect(page.GetByTestId("user-limit")).ToHaveTextAsync("6");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "user-limit"), "Change user limit is wider than a phone.");

        await page.GotoAsync("/console/users/new");
        await Assertions.Expect(page.GetByTestId("seats-left")).ToHaveTextAsync("2 of 6 seats left (4 users counted).");
        await Assertions.Expect(page.GetByTestId("user-limit-banner")).ToHaveCountAsync(0);
    }
}
