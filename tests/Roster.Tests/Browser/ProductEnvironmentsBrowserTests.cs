using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;

namespace Roster.Tests.Browser;

/// <summary>
/// The Product environments pages in Chromium: creating an environment and generating a key, reading the secret off the
/// page as a person copies it, the row menus with the keyboard alone, and each page accessible (axe-core) and laid out
/// for a phone.
/// </summary>
public sealed class ProductEnvironmentsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task AccessibleAndFitsAsync(IPage page, string name)
    {
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "product-environments-" + name), $"{page.Url} is wider than a phone.");
    }

    private async Task<HttpStatusCode> KeyWorksAsync(string cloudName, string apiKey, string secret) =>
        (await fixture.KeyClient(new TestProductEnvironment("", cloudName, apiKey, secret), secret)
            .GetJsonAsync($"/v1_1/{cloudName}/folder_operations/invite/some_folder")).Status;

    [Fact]
    public async Task CreateAnEnvironment_GenerateAKey_AndReadItsSecretOffThePage_OnAccessiblePages()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var other = await fixture.CreateAccountAsync();
        var taken = Unique.CloudName();
        await other.CreateProductEnvironmentAsync(cloudName: taken);
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Product environments" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Product environments", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create product environment" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Storefront with a rather long name to wrap");
        await page.GetByLabel("Cloud name (optional)").FillAsync(taken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product environment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cloud-name-error")).ToHaveTextAsync("Has already been taken");
        await Assertions.Expect(page.GetByLabel("Cloud name (optional)")).ToHaveValueAsync(taken);
        await Assertions.Expect(page.GetByLabel("Cloud name (optional)")).ToHaveAttributeAsync("aria-invalid", "true");
        await AccessibleAndFitsAsync(page, "create-error");

        var cloudName = Unique.CloudName();
        await page.GetByLabel("Cloud name (optional)").FillAsync(cloudName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product environment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("created-cloud-name")).ToHaveTextAsync(cloudName);
        var firstKey = await page.GetByTestId("new-key").InnerTextAsync();
        var firstSecret = await page.GetByTestId("new-secret-value").InnerTextAsync();
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(cloudName, firstKey, firstSecret));
        await AccessibleAndFitsAsync(page, "created");

        await page.GetByRole(AriaRole.Link, new() { Name = "Its access keys" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("keys-heading")).ToContainTextAsync("Access keys of Storefront");
        await page.GetByLabel("Name (optional)").FillAsync("Deploys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("It will not be shown again.")).ToBeVisibleAsync();
        var key = await page.GetByTestId("new-key").InnerTextAsync();
        var secret = await page.GetByTestId("new-secret-value").InnerTextAsync();
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(cloudName, key, secret));
        await AccessibleAndFitsAsync(page, "keys-generated");

        await page.GotoAsync(new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await Assertions.Expect(page.Locator("[data-testid=key]")).ToHaveCountAsync(2);
        await AccessibleAndFitsAsync(page, "keys");

        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/" + key);
        await Assertions.Expect(page.GetByTestId("key-heading")).ToHaveTextAsync($"Access key {key}");
        await AccessibleAndFitsAsync(page, "key");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete this key…" }).ClickAsync();
        await AccessibleAndFitsAsync(page, "key-delete");

        await page.GotoAsync("/console/product-environments");
        await Assertions.Expect(page.GetByTestId("environment-cloud-name")).ToHaveTextAsync(cloudName);
        await Assertions.Expect(page.GetByTestId("environment-keys")).ToHaveTextAsync("2");
        await AccessibleAndFitsAsync(page, "list");
        await page.GetByTestId("environment-name").ClickAsync();
        await AccessibleAndFitsAsync(page, "environment");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Delete Storefront") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("delete-consequences")).ToContainTextAsync("its 2 access keys");
        await AccessibleAndFitsAsync(page, "delete");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete Storefront") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("is deleted");
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(cloudName, key, secret));
    }

    [Fact]
    public async Task TheRowMenu_WorksWithTheKeyboardAlone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var name = "Keyboard " + Unique.Name();
        var pe = (await account.CreateProductEnvironmentAsync(name, Unique.CloudName())).GetProperty("id").GetString()!;
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync("/console/product-environments");

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Actions for " + name });
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = "Actions for " + name });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Rename" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Disable" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Access keys" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/console/product-environments/{pe}/keys$"));
        await Assertions.Expect(page.GetByTestId("keys-heading")).ToHaveTextAsync("Access keys of " + name);
    }
}
