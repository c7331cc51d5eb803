using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Features.Permissions;
using Roster.Tests.ConsolePages;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>User Management in Chromium: the kebab menus by keyboard, the flows a person clicks through, axe-core and the phone layout on every page.</summary>
public sealed class UsersBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator RowOf(IPage page, string userId) => page.Locator($"tr[data-user-id=\"{userId}\"]");

    [Fact]
    public async Task TheRootRow_CarriesTheRootLabel_AndItsMenuHasOnlyEditDetails()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        await page.GotoAsync(UsersPageScenarios.Page);
        var row = RowOf(page, account.RootUserId);

        await Assertions.Expect(row.GetByTestId("root-label")).ToHaveTextAsync("Root");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Actions for {account.RootEmail}" }).ClickAsync();
        var items = row.GetByRole(AriaRole.Menuitem);
        await Assertions.Expect(items).ToHaveTextAsync(["Edit details"]);
    }

    [Fact]
    public async Task TheKebabMenu_OpensMovesAndCloses_WithTheKeyboard_AndFocusReturnsToTheButton()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var email = Unique.Email("kebab");
        var id = await account.NamedUserAsync("Kay Board", email);
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync(UsersPageScenarios.Page);
        var button = RowOf(page, id).GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" });

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        var items = RowOf(page, id).GetByRole(AriaRole.Menuitem);
        await Assertions.Expect(items.Nth(0)).ToBeFocusedAsync();
        await Assertions.Expect(items.Nth(0)).ToHaveTextAsync("Edit details");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(items.Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(items.Nth(1)).ToHaveTextAsync("Assign roles");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToBeFocusedAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(items.Nth(0)).ToBeHiddenAsync();

        // Enter on an item follows its link.
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(items.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/console/users/{id}/roles$"));
    }

    [Fact]
    public async Task ForceLogout_FromTheKebab_EndsTheOtherBrowsersSession_AtItsNextClick()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var theirs = await fixture.SignedInPageAsync(email);
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync(UsersPageScenarios.Page);

        await RowOf(page, id).GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" }).ClickAsync();
        await RowOf(page, id).GetByRole(AriaRole.Menuitem, new() { Name = "Force logout" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Force logout for");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "users-force-logout"), "The force logout page is wider than a phone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Force logout" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("is signed out everywhere");

        await theirs.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "My Profile" }).ClickAsync();
        await Assertions.Expect(theirs).ToHaveURLAsync(new Regex("/console/sign-in"));
    }

    [Fact]
    public async Task ResetPassword_AsksWithTheUsersName_CancelGoesBack_ConfirmResets()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync(UsersPageScenarios.Page);

        await RowOf(page, id).GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" }).ClickAsync();
        await RowOf(page, id).GetByRole(AriaRole.Menuitem, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Reset password for User [0-9a-f]+\\?$"));
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "users-reset-password"), "The reset password page is wider than a phone.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/users$"));
        await Assertions.Expect(RowOf(page, id).GetByTestId("user-status")).ToHaveTextAsync("Active");

        await page.GotoAsync($"{UsersPageScenarios.Page}/{id}/reset-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("is reset");
        await Assertions.Expect(RowOf(page, id).GetByTestId("user-status")).ToContainTextAsync("Password reset");
    }

    [Fact]
    public async Task LegacyEdit_AMasterAdminShowsAll_NotChangeable()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        await account.CreateProductEnvironmentAsync("Production");
        var email = Unique.Email("master");
        var id = await account.NamedUserAsync("Mia Master", email, "master_admin");
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync(UsersPageScenarios.Page);

        await RowOf(page, id).GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" }).ClickAsync();
        await RowOf(page, id).GetByRole(AriaRole.Menuitem, new() { Name = "Edit" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Role")).ToHaveValueAsync("master_admin");
        var all = page.GetByRole(AriaRole.Radio, new() { Name = "All" });
        await Assertions.Expect(all).ToBeCheckedAsync();
        await Assertions.Expect(all).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Production" })).ToHaveCountAsync(0);
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "users-edit-legacy"), "The edit page is wider than a phone.");

        await page.GetByLabel("Role").SelectOptionAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("details are saved");
        await page.GotoAsync($"{UsersPageScenarios.Page}/{id}/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "All" })).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Production" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task LegacyFolderRoles_FromTheKebab_AFolderRoleIsGiven_Listed_AndRemoved()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        await account.CreateProductEnvironmentAsync("Production");
        var email = Unique.Email("share");
        var id = await account.NamedUserAsync("Sam Share", email, "media_library_user");
        var page = await fixture.SignedInPageAsync(account.RootEmail);
        await page.GotoAsync(UsersPageScenarios.Page);

        await RowOf(page, id).GetByRole(AriaRole.Button, new() { Name = $"Actions for {email}" }).ClickAsync();
        await RowOf(page, id).GetByRole(AriaRole.Menuitem, new() { Name = "Folder and collection roles" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/console/users/{id}/roles$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Folder and collection roles of Sam Share");
        await Assertions.Expect(page.GetByTestId("no-content-roles")).ToBeVisibleAsync();

        var form = page.GetByRole(AriaRole.Region, new() { Name = "Give a folder role" });
        await form.GetByLabel("Product environment").SelectOptionAsync(new SelectOptionValue { Label = "Production" });
        await form.GetByLabel("Folder id").FillAsync("campaigns-2026");
        await form.GetByLabel("Folder role").SelectOptionAsync(new SelectOptionValue { Label = "Editor" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Give the folder role" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("The user Sam Share holds the role.");
        var held = page.GetByRole(AriaRole.Region, new() { Name = "Folder and collection roles" });
        await Assertions.Expect(held.GetByTestId("held-on")).ToHaveTextAsync(["Folder campaigns-2026"]);
        await Assertions.Expect(held.GetByTestId("held-scope")).ToHaveTextAsync(["Production"]);
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "users-folder-roles"), "The folder and collection roles page is wider than a phone.");

        await held.GetByRole(AriaRole.Button, new() { Name = "Remove Editor (Production, Folder campaigns-2026) from Sam Share" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("The user Sam Share no longer holds the role.");
        await Assertions.Expect(page.GetByTestId("held-on")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("no-content-roles")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheListAndEverySubPage_AreAccessible_AndFitAPhone()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var pe = (await account.CreateProductEnvironmentAsync("Production")).GetProperty("id").GetString()!;
        var group = (await account.CreateGroupAsync("Designers")).GetProperty("id").GetString()!;
        var (id, _) = await fixture.ActiveUserAsync(account);
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{id}")).Ok();
        await account.NamedUserAsync("Priya Pending With A Rather Long Name", Unique.Email("priya"), "admin", [pe]);
        var gone = await account.NamedUserAsync("Gone User", Unique.Email("gone"));
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{gone}")).Ok();
        await fixture.AssignAsync(account.Id, Roster.Authorization.Catalogue.PrincipalType.User, id, Roster.Authorization.Catalogue.SystemRoleIds.AccountBilling);
        var page = await fixture.SignedInPageAsync(account.RootEmail);

        foreach (var (path, name) in new[]
                 {
                     (UsersPageScenarios.Page + "?show_inactive=true", "users"),
                     ($"{UsersPageScenarios.Page}?q=nobody-at-all&status=bogus", "users-empty"),
                     ($"{UsersPageScenarios.Page}/{id}/edit", "users-edit"),
                     ($"{UsersPageScenarios.Page}/{id}/roles", "users-roles"),
                     ($"{UsersPageScenarios.Page}/{id}/delete", "users-delete"),
                     ($"{UsersPageScenarios.Page}/no-such-user/edit", "users-not-found"),
                 })
        {
            await page.GotoAsync(path);
            await fixture.AssertAccessibleAsync(page);
            Assert.True(await fixture.ScreenshotsAsync(page, name), $"{path} is wider than a phone.");
        }
        await page.GotoAsync(UsersPageScenarios.Page);
        await RowOf(page, id).GetByRole(AriaRole.Button).ClickAsync();
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "users-menu-open"), "The list with an open menu is wider than a phone.");
    }
}
