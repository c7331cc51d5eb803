using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.ConsolePages;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Features.Profile;
using Roster.Features.Users;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;
using Roster.Tests.TwoFactor;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// The Account page through a browser without JavaScript: the plan and the user limit as the API counts them, the key's
/// rotation (the old secret refused at once, the new one shown once), the legacy migration's plan and its one-way run, the
/// two-factor requirement, and cancelling, which only the root user may do.
/// </summary>
public sealed class AccountPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Page = "/console/account";

    private async Task<FormClient> RootBrowserAsync(TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    private async Task<FormClient> UserBrowserAsync(TestAccount account, string role)
    {
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email, role)).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        return await fixture.SignedInBrowserAsync(email);
    }

    [Fact]
    public async Task PlanAndLimit_ShowTheApisFigures_AndAContractHasNoSubscriptionLink()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 40);
        var browser = await RootBrowserAsync(account);
        await account.CreateUserAsync();
        await account.CreateUserAsync();

        var page = await browser.GetAsync(Page);
        var api = await account.GetAccountAsync();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Enterprise", page.Text("plan"));
        Assert.Equal($"{api.GetProperty("users").GetInt32()} of {api.GetProperty("user_limit").GetInt32()} users", page.Text("user-limit"));
        Assert.Equal("3 of 40 users", page.Text("user-limit"));
        Assert.Null(page.Text("user-limit-link"));
        Assert.Equal(account.ApiKey, page.Text("api-key"));
    }

    [Fact]
    public async Task PlusPlan_ShowsAdditionalSubscriptions_AndLinksToTheUserLimitPage()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 2 })).Ok();
        var browser = await RootBrowserAsync(account);

        var page = await browser.GetAsync(Page);

        Assert.Equal("Plus", page.Text("plan"));
        Assert.Equal("1 of 5 users", page.Text("user-limit"));
        Assert.Equal("2 of 20", page.Text("additional-subscriptions"));
        Assert.Contains("href=\"/console/account/user-limit\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_OldSecretRefusedAtOnce_NewOneWorks_ShownOnce_Audited()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootBrowserAsync(account);

        var confirm = await browser.GetAsync(Page + "/rotate-key");
        Assert.Contains("stops working at once", confirm.Html, StringComparison.Ordinal);
        Assert.Null(confirm.Text("api-secret"));
        var done = await browser.PostAsync(Page + "/rotate-key", new Dictionary<string, string>());
        var secret = done.Text("api-secret");

        Assert.False(string.IsNullOrEmpty(secret));
        Assert.NotEqual(account.ApiSecret, secret);
        Assert.Equal(account.ApiKey, done.Text("api-key"));
        Assert.Contains("no-store", done.Response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Client.GetJsonAsync(account.Api)).Status);
        var fresh = fixture.ClientFor(account.ApiKey, secret!);
        (await fresh.GetJsonAsync(account.Api)).Ok();
        var again = await browser.GetAsync(Page + "/rotate-key");
        Assert.DoesNotContain(secret!, again.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, (await browser.GetAsync(Page)).Html, StringComparison.Ordinal);
        var events = (await fresh.GetJsonAsync($"{account.Api}/audit_events?action=account.rotate_key")).Ok().GetProperty("events").EnumerateArray().ToList();
        var rotated = Assert.Single(events);
        Assert.Equal(account.RootUserId, rotated.GetProperty("actor_id").GetString());
        Assert.DoesNotContain(secret!, rotated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKeyApi_AnswersTheNewSecretOnce_AndTheOldOneStopsWorking()
    {
        var account = await fixture.CreateAccountAsync();

        var rotated = (await account.Client.PostJsonAsync($"{account.Api}/api_key/rotate")).Ok();
        var secret = rotated.GetProperty("api_secret").GetString()!;

        Assert.Equal(account.ApiKey, rotated.GetProperty("api_key").GetString());
        Assert.Equal($"account://{account.ApiKey}:{secret}@{account.Id}", rotated.GetProperty("account_url").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Client.GetJsonAsync($"{account.V1}/users")).Status);
        (await fixture.ClientFor(account.ApiKey, secret).GetJsonAsync($"{account.V1}/users")).Ok();
    }

    [Fact]
    public async Task RotateKey_WithoutKeyManagement_IsRefused_AndTheSecretStays()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var admin = await UserBrowserAsync(account, "admin");

        var page = await admin.GetAsync(Page + "/rotate-key");
        var forged = await admin.PostAsync(Page + "/rotate-key", new Dictionary<string, string>());

        Assert.Equal("/console/forbidden", page.Path);
        Assert.Null(forged.Text("api-secret"));
        (await account.Client.GetJsonAsync(account.Api)).Ok();
    }

    [Fact]
    public async Task LegacyAccount_LinksToTheMigration_WhichShowsWhatEveryoneWillHold_MigratesOnConfirmation_AndASecondIsRefused()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var adminEmail = Unique.Email("admin");
        await account.CreateUserAsync(adminEmail, "admin");
        var libraryEmail = Unique.Email("library");
        await account.CreateUserAsync(libraryEmail, "media_library_user");
        var groupName = "Group " + Unique.Name();
        await account.CreateGroupAsync(groupName);
        var browser = await RootBrowserAsync(account);

        var accountPage = await browser.GetAsync(Page);
        Assert.Contains("legacy permission system", accountPage.Text("permission-system"));
        Assert.Equal("Review the migration to Roles and Permissions", accountPage.Text("migrate"));
        Assert.Contains($"href=\"{Page}/migrate\" data-testid=\"migrate\"", accountPage.Html, StringComparison.Ordinal);
        Assert.Null(accountPage.Text("migration-plan"));
        Assert.Null(accountPage.Text("plan-summary"));

        var page = await browser.GetAsync(Page + "/migrate");
        var rows = page.All("(?s)<tr data-testid=\"plan-row\">(.*?)</tr>")
            .Select(r => System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(r, "<[^>]+>", " ")), "\\s+", " ").Trim())
            .ToList();

        Assert.Contains(rows, r => r.Contains(adminEmail, StringComparison.Ordinal) && r.Contains("admin", StringComparison.Ordinal) && r.Contains("Admin", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(libraryEmail, StringComparison.Ordinal) && r.Contains("media_library_user", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(account.RootEmail, StringComparison.Ordinal) && r.Contains("Root", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Group", StringComparison.Ordinal) && r.Contains(groupName, StringComparison.Ordinal));
        // The same plan as the API's dry run.
        var dryRun = (await account.Client.PostJsonAsync($"{account.V2()}/migration", new { dry_run = true })).Json.GetProperty("data");
        Assert.Equal($"{dryRun.GetProperty("users").GetArrayLength() + dryRun.GetProperty("groups").GetArrayLength() + dryRun.GetProperty("api_keys").GetArrayLength()} principals; the migration writes {dryRun.GetProperty("new_assignments").GetInt32()} role assignments.",
            page.Text("plan-summary"));

        Assert.Contains("one-way", page.Html, StringComparison.Ordinal);
        Assert.NotNull(page.Text("confirm-migrate"));
        Assert.Equal(PermissionSystem.Legacy, await fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.PermissionSystem).SingleAsync()));
        var migrated = await browser.PostAsync(Page + "/migrate", new Dictionary<string, string>());

        Assert.Equal(Page, migrated.Path);
        Assert.Contains("now uses Roles and Permissions", migrated.Text("flash"));
        Assert.Contains("Roles and Permissions", migrated.Text("permission-system"));
        Assert.Null(migrated.Text("migrate"));
        Assert.Equal(PermissionSystem.Roles, await fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.PermissionSystem).SingleAsync()));
        Assert.Single(await account.AuditAsync("account.migrate_permissions"));

        var review = await browser.GetAsync(Page + "/migrate");
        Assert.Equal(MigratePermissions.AlreadyMigrated, review.Text("already-migrated"));
        Assert.Null(review.Text("migration-plan"));
        var second = await browser.PostAsync(Page + "/migrate", new Dictionary<string, string>());
        Assert.Equal(MigratePermissions.AlreadyMigrated, second.Text("flash-refusal"));
        Assert.Single(await account.AuditAsync("account.migrate_permissions"));
    }

    [Fact]
    public async Task LegacyPlan_IsPaged()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        await fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Seats, 100)));
        for (var i = 0; i < 55; i++)
        {
            await account.CreateUserAsync(role: "admin");
        }
        var browser = await RootBrowserAsync(account);

        var first = await browser.GetAsync(Page + "/migrate");
        var second = await browser.GetAsync(Page + "/migrate?plan_page=2");
        var hostile = await browser.GetAsync(Page + "/migrate?plan_page=%00%ff99999999999999999999");

        Assert.Equal(50, first.All("(data-testid=\"plan-row\")").Count);
        Assert.Equal("Page 1 of 2", first.Text("plan-page"));
        Assert.Contains($"href=\"{Page}/migrate?plan_page=2\" rel=\"next\"", first.Html, StringComparison.Ordinal);
        Assert.Equal(6, second.All("(data-testid=\"plan-row\")").Count);
        Assert.Equal(HttpStatusCode.OK, hostile.Status);
        Assert.Equal("Page 1 of 2", hostile.Text("plan-page"));
    }

    [Fact]
    public async Task TwoFactorRequirement_TurnsOnAndOff_ThroughTheSameOperationAsTheApi()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootBrowserAsync(account);
        await browser.TurnOnAsync(TimeProvider.System);

        var on = await browser.SubmitAsync(Page, Page + "?handler=twofactor", ("required", "true"));
        Assert.Contains("now required", on.Text("flash"));
        Assert.True((await account.GetAccountAsync()).GetProperty("require_two_factor").GetBoolean());
        Assert.Contains("is required", on.Text("two-factor-requirement"));

        var off = await browser.SubmitAsync(Page, Page + "?handler=twofactor", ("required", "false"));
        Assert.Contains("no longer required", off.Text("flash"));
        Assert.False((await account.GetAccountAsync()).GetProperty("require_two_factor").GetBoolean());
        Assert.Equal(2, (await account.AuditAsync("account.two_factor_requirement")).Count);
    }

    [Fact]
    public async Task TwoFactorRequirement_WithoutSecurityUpdate_IsRefused()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        // The legacy Admin manages account settings but not account security.
        var admin = await UserBrowserAsync(account, "admin");

        var page = await admin.GetAsync(Page);
        var forged = await admin.PostAsync(Page + "?handler=twofactor", new Dictionary<string, string> { ["required"] = "true" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Text("toggle-two-factor"));
        Assert.Null(page.Text("rotate-key"));
        Assert.Contains("do not allow", forged.Text("flash-refusal"));
        Assert.False((await account.GetAccountAsync()).GetProperty("require_two_factor").GetBoolean());
    }

    [Fact]
    public async Task CancelAccount_OnlyTheRootSeesIt_AnAdminsPostIsRefused()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var admin = await UserBrowserAsync(account, "master_admin");

        var page = await admin.GetAsync(Page);
        var confirm = await admin.GetAsync(Page + "/cancel");
        var forged = await admin.PostAsync(Page + "/cancel", new Dictionary<string, string> { ["password"] = Scenarios.Password });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Text("cancel-account"));
        Assert.Equal("/console/forbidden", confirm.Path);
        Assert.Equal(AccountCancelModel.OnlyRoot, forged.Text("flash-refusal"));
        (await account.GetAccountAsync()).GetProperty("id");
        Assert.True(await admin.IsSignedInAsync());
    }

    [Fact]
    public async Task CancelAccount_WrongPasswordRefusedAtTheField_TheRightOneMakesEveryUserInactive_AndEndsTheSession()
    {
        var account = await fixture.CreateAccountAsync();
        var root = await RootBrowserAsync(account);
        var (_, otherEmail) = await fixture.ActiveUserAsync(account);
        await account.CreateUserAsync();
        var other = await fixture.SignedInBrowserAsync(otherEmail);

        var home = await root.GetAsync(Page);
        Assert.NotNull(home.Text("cancel-account"));
        var confirm = await root.GetAsync(Page + "/cancel");
        Assert.Contains("Every user of the account becomes inactive", confirm.Html, StringComparison.Ordinal);

        var wrong = await root.PostAsync(Page + "/cancel", new Dictionary<string, string> { ["password"] = "not the password" });
        Assert.Equal(ProfileUser.WrongPassword, wrong.Text("password-error"));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == account.RootUserId).Select(u => u.FailedSignIns).SingleAsync()));
        Assert.Contains("aria-invalid=\"true\"", wrong.Html, StringComparison.Ordinal);
        var empty = await root.PostAsync(Page + "/cancel", new Dictionary<string, string>());
        Assert.NotNull(empty.Text("password-error"));
        (await account.GetAccountAsync()).GetProperty("id");

        var cancelled = await root.PostAsync(Page + "/cancel", new Dictionary<string, string> { ["password"] = Scenarios.Password });

        Assert.StartsWith("/console/sign-in", cancelled.Path, StringComparison.Ordinal);
        var statuses = await fixture.WithDbAsync(db => db.Users.Where(u => u.AccountId == account.Id).Select(u => u.Status).ToListAsync());
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(UserStatus.Inactive, s));
        Assert.False(await root.IsSignedInAsync());
        Assert.False(await other.IsSignedInAsync());
        var again = await new FormClient(fixture.Anonymous()).SignInAsync(account.RootEmail, Scenarios.Password);
        Assert.StartsWith("/console/sign-in", again.Path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Client.GetJsonAsync(account.Api)).Status);
    }

    [Theory]
    [InlineData("/console/account?handler=nosuch")]
    [InlineData("/console/account?handler=twofactor")]
    [InlineData("/console/account/migrate?handler=x")]
    [InlineData("/console/account/cancel?handler=twofactor")]
    public async Task HostilePosts_NeverFail(string path)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var admin = await UserBrowserAsync(account, "admin");
        await admin.GetAsync(Page);

        var answer = await admin.PostAsync(path, new Dictionary<string, string> { ["required"] = new string('x', 100_000), ["password"] = "\u0001\uffff" });

        Assert.True((int)answer.Status < 500, $"{answer.Status}: {answer.Html}");
    }
}
