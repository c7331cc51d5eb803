using Microsoft.Playwright;
using Roster.Features.Permissions;
using Roster.Features.Profile;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;

namespace Roster.Tests.Browser;

/// <summary>The Account page, its confirmation pages and Home in Chromium: accessible (axe-core), laid out for a phone, and their flows.</summary>
public sealed class AccountBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, name), $"{page.Url} is wider than a phone.");
    }

    [Fact]
    public async Task LegacyAccount_MigratesFromTheAccountPage_AfterTheConfirmation()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var adminEmail = Unique.Email("admin");
        await account.CreateUserAsync(adminEmail, "admin");
        await account.CreateGroupAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        await page.GotoAsync("/console/account");
        await Assertions.Expect(page.GetByTestId("permission-system")).ToContainTextAsync("legacy permission system");
        await Assertions.Expect(page.GetByTestId("migration-plan")).ToHaveCountAsync(0);
        await CheckAsync(page, "account-legacy");
        await page.GetByRole(AriaRole.Link, new() { Name = "Review the migration to Roles and Permissions" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/account/migrate$"));
        var plan = page.GetByTestId("migration-plan");
        await Assertions.Expect(plan.GetByRole(AriaRole.Row).Filter(new() { HasText = adminEmail })).ToContainTextAsync("Admin");
        await Assertions.Expect(plan.GetByRole(AriaRole.Row).Filter(new() { HasText = account.RootEmail })).ToContainTextAsync("Everything, as the root user");
        await Assertions.Expect(plan.GetByRole(AriaRole.Row).Filter(new() { HasText = "Group" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Move this account to Roles and Permissions?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This is one-way")).ToBeVisibleAsync();
        await CheckAsync(page, "account-migrate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate to Roles and Permissions" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("now uses Roles and Permissions");
        await Assertions.Expect(page.GetByTestId("permission-system")).ToContainTextAsync("Roles and Permissions");
        await Assertions.Expect(page.GetByTestId("migrate")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Roles" })).ToBeVisibleAsync();
        await CheckAsync(page, "account-migrated");
    }

    [Fact]
    public async Task KeyRotation_ShowsTheNewSecretOnce()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        await page.GotoAsync("/console/account");
        await CheckAsync(page, "account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rotate the secret" }).ClickAsync();
        await CheckAsync(page, "account-rotate-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret" }).ClickAsync();
        var secret = await page.GetByTestId("api-secret").TextContentAsync();
        await CheckAsync(page, "account-rotated");

        Assert.False(string.IsNullOrWhiteSpace(secret));
        Assert.NotEqual(account.ApiSecret, secret);
        (await fixture.ClientFor(account.ApiKey, secret!).GetJsonAsync(account.Api)).Ok();
        await page.GotoAsync("/console/account/rotate-key");
        Assert.DoesNotContain(secret!, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/console/account");
        Assert.DoesNotContain(secret!, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelConfirmationAndHome_AreAccessible_AndFitAPhone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        await account.CreateUserAsync();
        var doomed = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{doomed}")).Ok();
        await account.CreateProductEnvironmentAsync();
        await account.CreateGroupAsync();
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        await page.GotoAsync("/console/account/cancel");
        await Assertions.Expect(page.GetByLabel("Your password")).ToBeVisibleAsync();
        await CheckAsync(page, "account-cancel");
        await page.GetByLabel("Your password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the account" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-error")).ToHaveTextAsync(ProfileUser.WrongPassword);
        await CheckAsync(page, "account-cancel-refused");

        await page.GotoAsync("/console");
        await Assertions.Expect(page.GetByTestId("seats")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Seats used per day" })).ToBeVisibleAsync();
        await CheckAsync(page, "home-dashboard");
        await page.GetByText("Seats by day").ClickAsync();
        await CheckAsync(page, "home-seat-table");
    }
}
