using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.SignIn;

namespace Roster.Tests.Browser;

/// <summary>Role Management in Chromium: where it appears, the policy editor's errors, Explain access, axe-core and a phone's width on every page.</summary>
public sealed class RolesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator Nav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });

    private async Task<(TestAccount Account, IPage Page)> RootPageAsync(PermissionSystem system = PermissionSystem.Roles)
    {
        var account = await fixture.CreateAccountAsync(system);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return (account, await fixture.SignedInPageAsync(account.RootEmail));
    }

    [Fact]
    public async Task RoleManagement_IsInTheNavOfARolesAccount_AndAbsentFromALegacyAccount()
    {
        var (_, page) = await RootPageAsync();
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Role Management", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Nav(page).GetByRole(AriaRole.Link, new() { Name = "Roles" })).ToHaveAttributeAsync("aria-current", "page");

        var (_, legacy) = await RootPageAsync(PermissionSystem.Legacy);
        await Assertions.Expect(Nav(legacy).GetByRole(AriaRole.Link, new() { Name = "Roles" })).ToHaveCountAsync(0);
        var response = await legacy.GotoAsync("/console/roles");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(legacy.GetByTestId("not-found")).ToContainTextAsync("legacy permission system");
        await fixture.AssertAccessibleAsync(legacy);
    }

    [Fact]
    public async Task ACustomRoleOfUserManagement_ShowsTheUsersPages_AndNoOtherSettings()
    {
        var (account, _) = await RootPageAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var roleId = await account.CreateRoleAsync(new
        {
            name = "User managers", permission_type = "global", scope_type = "account", description = "Users and groups only",
            system_policy_ids = new[] { PermissionsScenarios.UsersAndGroupsManage },
        });
        await account.GrantAsync(roleId, new { principal_type = "user", principal_id = userId });

        var page = await fixture.SignedInPageAsync(email);
        // The system policy of user management covers users and their groups, so Groups comes with Users.
        await Assertions.Expect(Nav(page).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Home", "Users", "Groups", "My Profile"]);
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true })).ToBeVisibleAsync();
        foreach (var path in new[] { "/console/roles", "/console/account", "/console/product-environments", "/console/audit-log" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task EveryRolePage_HasNoSeriousAccessibilityViolations_AndFitsAPhone()
    {
        var (account, page) = await RootPageAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        await account.GrantAsync(PermissionsScenarios.Admin, new { principal_type = "user", principal_id = userId });
        await account.CreateProductEnvironmentWithKeyAsync();
        var roleId = await account.CreateRoleAsync(new
        {
            name = "Settings keepers", permission_type = "global", scope_type = "account", description = "Account settings only",
            system_policy_ids = new[] { "cld::policy::global::account::manage" },
        });
        await account.GrantAsync(roleId, new { principal_type = "user", principal_id = userId });
        var policy = await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", new
        {
            name = "Readers", scope_type = "account",
            policy_statement = $"permit(principal == Cloudinary::User::\"{userId}\", action == Cloudinary::Action::\"read\", resource == Cloudinary::Feature::\"cld::global::users::view\");",
        });
        var policyId = policy.Json.GetProperty("data").GetProperty("id").GetString()!;
        var role = $"/console/roles/role/{Uri.EscapeDataString(roleId)}";

        foreach (var (path, name) in new[]
                 {
                     ("/console/roles", "roles-list"),
                     ("/console/roles/role/" + Uri.EscapeDataString(PermissionsScenarios.Admin), "roles-role"),
                     ($"/console/roles/role/{Uri.EscapeDataString(PermissionsScenarios.FolderViewer)}?q={Uri.EscapeDataString(email)}", "roles-give"),
                     ("/console/roles/new?scope=folder", "roles-new"),
                     ($"{role}/edit", "roles-edit"),
                     ($"{role}?handler=delete", "roles-delete"),
                     ("/console/roles/policies", "roles-policies"),
                     ($"/console/roles/policies/{policyId}", "roles-policy"),
                     ("/console/roles/policies/new", "roles-policy-new"),
                     ("/console/roles/explain", "roles-explain"),
                 })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await fixture.AssertAccessibleAsync(page);
            Assert.True(await fixture.ScreenshotsAsync(page, name), $"{path} is wider than a phone.");
        }
    }

    [Fact]
    public async Task PolicyEditor_ShowsTheLineAndColumnOfAnError_NextToTheEditor_ThenSavesTheFixedPolicy()
    {
        var (account, page) = await RootPageAsync();
        await page.GotoAsync("/console/roles/policies/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Feature readers");
        var editor = page.GetByLabel("Cedar statement");
        await editor.FillAsync("permit(\n  principal,\n  action == Cloudinary::Action::\"read\"\n  resource\n);");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("statement-error").First).ToContainTextAsync(new Regex(@"^Line \d+, column \d+:"));
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-describedby", new Regex("statement-errors"));
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Feature readers");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "roles-policy-error"), "The policy editor with errors is wider than a phone.");

        await editor.FillAsync($"permit(principal == Cloudinary::User::\"{account.RootUserId}\", action == Cloudinary::Action::\"read\", resource);");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("The custom policy Feature readers is saved.");
        await Assertions.Expect(editor).ToHaveAttributeAsync("aria-invalid", "false");
    }

    [Fact]
    public async Task ExplainAccess_FindsThePrincipal_AndAnswersWithThePoliciesThatDecided()
    {
        var (account, page) = await RootPageAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        await account.GrantAsync(PermissionsScenarios.Admin, new { principal_type = "user", principal_id = userId });
        await page.GotoAsync("/console/roles/explain");

        await page.GetByLabel("Or find one by name, e-mail address or key").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(email)) }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Id (a user's or group's id, or the API key)")).ToHaveValueAsync(userId);
        await page.GetByLabel("Action").SelectOptionAsync("read");
        await page.GetByLabel("Type", new() { Exact = true }).Nth(1).SelectOptionAsync("Feature");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("cld::global::users::view");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("decision")).ToHaveTextAsync("Allow");
        await Assertions.Expect(page.GetByTestId("reason").First).ToContainTextAsync("of the role Admin");
        await fixture.AssertAccessibleAsync(page);
        Assert.True(await fixture.ScreenshotsAsync(page, "roles-explain-allow"), "Explain access is wider than a phone.");

        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("cld::global::billing::view");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision")).ToHaveTextAsync("Deny");
        await Assertions.Expect(page.GetByTestId("reason")).ToContainTextAsync("No policy permits this");

        await page.GetByLabel("Id (a user's or group's id, or the API key)").FillAsync("nobody-here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("principal-id-error")).ToHaveTextAsync("This account has no user with that id.");
        await fixture.AssertAccessibleAsync(page);
    }
}
