using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Authorization.Catalogue;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;

namespace Roster.Tests.Browser;

/// <summary>User groups in Chromium: a group made, a member added through the search and counted; the row menu by keyboard; every page accessible and laid out for a phone.</summary>
public sealed class GroupsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<(TestAccount Account, IPage Page)> SignedInRootAsync(PermissionSystem system = PermissionSystem.Roles)
    {
        var account = await fixture.CreateAccountAsync(system);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return (account, await fixture.SignedInPageAsync(account.RootEmail));
    }

    private async Task CheckAsync(IPage page, string name)
    {
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, name), $"{page.Url} is wider than a phone.");
    }

    [Fact]
    public async Task CreateAGroup_AddAMemberThroughTheSearch_AndTheListCountsThem()
    {
        var (account, page) = await SignedInRootAsync();
        var email = $"dana.{Unique.Name()}@example.com";
        (await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "Dana Whitfield", email })).Ok();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Groups" }).ClickAsync();
        await page.GetByLabel("Group name").FillAsync("Photographers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Photographers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("The group Photographers is created");

        await page.GetByLabel("Find users by the start of their name or e-mail address").FillAsync("dana");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find users" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add Dana Whitfield ({email}) to Photographers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("Dana Whitfield is a member of the group.");
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync(email);
        await Assertions.Expect(page.GetByTestId("already-member")).ToBeVisibleAsync();
        await CheckAsync(page, "groups-group");

        await page.GotoAsync("/console/groups");
        var row = page.GetByTestId("group-row").Filter(new() { HasText = "Photographers" });
        await Assertions.Expect(row.GetByTestId("member-count")).ToHaveTextAsync("1");
        await CheckAsync(page, "groups-list");
    }

    [Fact]
    public async Task TheRowMenu_WorksWithTheKeyboard_AndLeadsToTheConfirmation()
    {
        var (account, page) = await SignedInRootAsync();
        await account.CreateGroupAsync("Archivists");
        await page.GotoAsync("/console/groups");

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Actions for Archivists" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = "Actions for Archivists" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Rename" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Members" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/groups/[0-9a-f]+/delete$"));
        await Assertions.Expect(page.GetByTestId("delete-summary")).ToContainTextAsync("The group has 0 members.");
        await CheckAsync(page, "groups-delete");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Archivists" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("The group Archivists is deleted.");
        await Assertions.Expect(page.GetByTestId("no-groups")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheRolesPages_OnBothPermissionSystems_AreAccessible_AndFitAPhone()
    {
        var (account, page) = await SignedInRootAsync();
        await account.CreateProductEnvironmentWithKeyAsync();
        var id = (await account.CreateGroupAsync("Reviewers")).GetProperty("id").GetString()!;
        await page.GotoAsync($"/console/groups/{id}/roles");
        await page.GetByLabel("Account role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Reports" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Give the account role" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("held-role")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Give the product environment role" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("scope-error")).ToBeVisibleAsync();
        await CheckAsync(page, "groups-roles");

        var (legacy, legacyPage) = await SignedInRootAsync(PermissionSystem.Legacy);
        var pe = await legacy.CreateProductEnvironmentWithKeyAsync();
        var legacyGroup = await legacy.CreateGroupIdAsync();
        (await fixture.ShareFolderAsync(pe, "brand-assets", "group", legacyGroup, [SystemRoleIds.FolderManager])).Ok();
        await legacyPage.GotoAsync($"/console/groups/{legacyGroup}/roles");
        await Assertions.Expect(legacyPage.GetByTestId("held-on")).ToHaveTextAsync("Folder brand-assets");
        await CheckAsync(legacyPage, "groups-folder-roles");
    }
}
