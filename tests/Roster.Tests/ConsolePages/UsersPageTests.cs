using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Accounts;
using Roster.Features.Audit;
using Roster.Features.Groups;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>The steps the Users page's tests share: the signed-in root user, users with a name to find, a row's text and menu.</summary>
public static class UsersPageScenarios
{
    public const string Page = "/console/users";

    /// <summary>The account's root user, active and signed in.</summary>
    public static async Task<FormClient> RootBrowserAsync(this RosterFixture fixture, TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    /// <summary>Creates a user named <paramref name="name"/> through the Provisioning API; returns its id.</summary>
    public static async Task<string> NamedUserAsync(this TestAccount account, string name, string email, string? role = null, string[]? productEnvironments = null) =>
        (await account.Client.PostJsonAsync($"{account.V1}/users", new { name, email, role, sub_account_ids = productEnvironments }))
            .Ok().GetProperty("id").GetString()!;

    /// <summary>The text of the user's row, tags stripped; null when the page does not list the user.</summary>
    public static string? Row(this FormPage page, string userId)
    {
        var row = Regex.Match(page.Html, $"<tr data-user-id=\"{Regex.Escape(userId)}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        return row.Success ? Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(row.Groups[1].Value, "<[^>]+>", " ")), "\\s+", " ").Trim() : null;
    }

    /// <summary>The row's raw HTML.</summary>
    public static string RowHtml(this FormPage page, string userId) =>
        Regex.Match(page.Html, $"<tr data-user-id=\"{Regex.Escape(userId)}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    /// <summary>The items of the row's kebab menu, in order.</summary>
    public static IReadOnlyList<string> MenuOf(this FormPage page, string userId) =>
        Regex.Matches(page.RowHtml(userId), "role=\"menuitem\" href=\"[^\"]*\"[^>]*>([^<]+)<").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The e-mail addresses listed, in order.</summary>
    public static IReadOnlyList<string> Emails(this FormPage page) => page.All("data-testid=\"user-email\">([^<]+)<");
}

/// <summary>
/// User Management over plain HTTP, as a browser without script uses it: the table, its search, filters, sort and paging as GET
/// parameters, and every action of the kebab menu through its page, with the rules' refusals shown.
/// </summary>
public sealed class UsersPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Listing_ShowsEachColumn_TheRootLabel_AndTheRolesInShort()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync("Staging " + Unique.Name())).GetProperty("id").GetString()!;
        var group = await account.CreateGroupAsync("Editors " + Unique.Name());
        var email = Unique.Email("ana");
        var id = await account.NamedUserAsync("Ana Listed", email, "admin", [pe]);
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group.GetProperty("id").GetString()}/users/{id}")).Ok();
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync(UsersPageScenarios.Page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Row(id)!;
        Assert.Contains("Ana Listed", row);
        Assert.Contains(email, row);
        Assert.Contains("Admin (account)", row);
        Assert.Contains("Admin (Staging", row);
        Assert.Contains("Editors", row);
        Assert.Contains("Pending", row);
        Assert.Contains("Off", row);
        Assert.DoesNotContain("Root", row);
        Assert.Contains("data-testid=\"root-label\"", page.RowHtml(account.RootUserId));
        Assert.Contains("All", page.Row(account.RootUserId));
        Assert.Contains("Showing 1–2 of 2 users", page.Text("users-count"));
    }

    [Fact]
    public async Task LegacyAccount_ListsTheOneRoleByName_AndTheProductEnvironments()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var id = await account.NamedUserAsync("Tess Tech", Unique.Email(), "technical_admin");
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync(UsersPageScenarios.Page);

        Assert.Contains("Technical admin", page.Row(id));
        Assert.Contains("All", page.Row(id));
        Assert.Equal(["Edit", "Folder and collection roles", "Reset password", "Force logout", "Delete"], page.MenuOf(id));
        Assert.Equal(["Edit details"], page.MenuOf(account.RootUserId));
    }

    [Fact]
    public async Task Search_FindsByNameOrEmailPrefix_CaseInsensitively()
    {
        var account = await fixture.CreateAccountAsync();
        var tag = Unique.Name();
        var byName = await account.NamedUserAsync($"Zelda {tag}", Unique.Email());
        var byEmail = await account.NamedUserAsync("Someone Else", $"ema{tag}@example.com");
        var other = await account.NamedUserAsync("Yuri Other", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);

        var names = await browser.GetAsync($"{UsersPageScenarios.Page}?q=ZELDA");
        var emails = await browser.GetAsync($"{UsersPageScenarios.Page}?q=EMA{tag}");

        Assert.NotNull(names.Row(byName));
        Assert.Null(names.Row(other));
        Assert.Equal("ZELDA", names.Field("q"));
        Assert.NotNull(emails.Row(byEmail));
        Assert.Null(emails.Row(byName));
        Assert.Contains("of 1 user", emails.Text("users-count"));
    }

    [Fact]
    public async Task Filters_Status_Role_Group_AndProductEnvironment_EachNarrowTheList()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;
        var admin = await account.NamedUserAsync("Adam Admin", Unique.Email(), "admin");
        var limited = await account.NamedUserAsync("Lia Limited", Unique.Email(), "media_library_user", [pe]);
        var active = await account.NamedUserAsync("Val Active", Unique.Email(), "reports");
        (await fixture.AcceptInvitationAsync(active)).Ok();
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{admin}")).Ok();
        var browser = await fixture.RootBrowserAsync(account);

        var pending = await browser.GetAsync($"{UsersPageScenarios.Page}?status=pending");
        var reports = await browser.GetAsync($"{UsersPageScenarios.Page}?role={Uri.EscapeDataString(SystemRoleIds.AccountReports)}");
        var inGroup = await browser.GetAsync($"{UsersPageScenarios.Page}?group={group}");
        var onPe = await browser.GetAsync($"{UsersPageScenarios.Page}?pe={pe}");

        Assert.NotNull(pending.Row(admin));
        Assert.NotNull(pending.Row(limited));
        Assert.Null(pending.Row(active));
        Assert.Null(pending.Row(account.RootUserId));
        Assert.Equal([active], new[] { admin, limited, active }.Where(id => reports.Row(id) is not null));
        Assert.Equal([admin], new[] { admin, limited, active }.Where(id => inGroup.Row(id) is not null));
        // Users with all product environments are on each one, as the Provisioning API's filter says.
        Assert.NotNull(onPe.Row(limited));
        Assert.NotNull(onPe.Row(admin));
        Assert.Contains("selected", Regex.Match(onPe.Html, $"<option value=\"{pe}\"[^>]*>").Value);
    }

    [Fact]
    public async Task GroupFilter_WorksForAGroupBeyondTheFirst500ByName_AndTheChoicesShowIt()
    {
        var account = await fixture.CreateAccountAsync();
        var group = (await account.CreateGroupAsync("zz last group " + Unique.Name())).GetProperty("id").GetString()!;
        var member = await account.NamedUserAsync("Gus Grouped", Unique.Email());
        var other = await account.NamedUserAsync("Olive Other", Unique.Email());
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{member}")).Ok();
        // 500 groups whose names sort before it: the choices list holds the first 500 by name.
        await fixture.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.UserGroups.AddRange(Enumerable.Range(0, 500).Select(i => new UserGroup
            {
                Id = Secrets.NewId(), AccountId = account.Id, Name = $"aa group {i:D3}", NameNormalized = $"aa group {i:D3}", CreatedAt = now, UpdatedAt = now,
            }));
            return await db.SaveChangesAsync();
        });
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync($"{UsersPageScenarios.Page}?group={group}");

        Assert.DoesNotContain("There is no such group", page.Html);
        Assert.NotNull(page.Row(member));
        Assert.Null(page.Row(other));
        Assert.Contains("of 1 user", page.Text("users-count"));
        Assert.Contains("selected", Regex.Match(page.Html, $"<option value=\"{group}\"[^>]*>").Value);
    }

    [Fact]
    public async Task Sort_ByEmail_BothWays_AndByCreated()
    {
        var account = await fixture.CreateAccountAsync();
        var tag = Unique.Name();
        await account.NamedUserAsync("Bee", $"b{tag}@example.com");
        await account.NamedUserAsync("Cee", $"a{tag}@example.com");
        await account.NamedUserAsync("Ay", $"c{tag}@example.com");
        var browser = await fixture.RootBrowserAsync(account);

        var ascending = (await browser.GetAsync($"{UsersPageScenarios.Page}?q=&sort=email")).Emails().Where(e => e.Contains(tag)).ToList();
        var descending = (await browser.GetAsync($"{UsersPageScenarios.Page}?sort=email&dir=desc")).Emails().Where(e => e.Contains(tag)).ToList();
        var byName = (await browser.GetAsync(UsersPageScenarios.Page)).Emails().Where(e => e.Contains(tag)).ToList();
        var byCreated = (await browser.GetAsync($"{UsersPageScenarios.Page}?sort=created")).Emails().ToList();

        Assert.Equal([$"a{tag}@example.com", $"b{tag}@example.com", $"c{tag}@example.com"], ascending);
        Assert.Equal([$"c{tag}@example.com", $"b{tag}@example.com", $"a{tag}@example.com"], descending);
        Assert.Equal([$"c{tag}@example.com", $"b{tag}@example.com", $"a{tag}@example.com"], byName);
        Assert.Equal(account.RootEmail, byCreated[0]);
        Assert.Equal($"c{tag}@example.com", byCreated[^1]);
    }

    [Fact]
    public async Task Paging_FiftyAPage_NoUserTwice_WhileUsersAreAdded()
    {
        var account = await fixture.CreateAccountAsync(seats: 200);
        var tag = Unique.Name();
        var ids = new List<string> { account.RootUserId };
        for (var i = 0; i < 54; i++)
        {
            ids.Add(await account.NamedUserAsync($"Pager {i:00} {tag}", Unique.Email()));
        }
        var browser = await fixture.RootBrowserAsync(account);

        var first = await browser.GetAsync($"{UsersPageScenarios.Page}?sort=created");
        var added = await account.NamedUserAsync("Aaron Added Later", Unique.Email());
        var second = await browser.GetAsync($"{UsersPageScenarios.Page}?sort=created&page=2");

        var firstIds = first.All("<tr data-user-id=\"([^\"]+)\"");
        var secondIds = second.All("<tr data-user-id=\"([^\"]+)\"");
        Assert.Equal(50, firstIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(ids.Append(added).ToList(), firstIds.Concat(secondIds).ToList());
        Assert.Equal("Page 1 of 2", first.Text("page-of"));
        Assert.Contains("page=2", Regex.Match(first.Html, "<a href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        Assert.Contains("Showing 51–56 of 56 users", second.Text("users-count"));
    }

    [Fact]
    public async Task ShowInactive_DeletedUsersAreHiddenByDefault_AndShownWithTheInactiveLabelAndNoMenu()
    {
        var account = await fixture.CreateAccountAsync();
        var gone = await account.NamedUserAsync("Gone Girl", Unique.Email());
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{gone}")).Ok();
        var browser = await fixture.RootBrowserAsync(account);

        var hidden = await browser.GetAsync(UsersPageScenarios.Page);
        var shown = await browser.GetAsync($"{UsersPageScenarios.Page}?show_inactive=true");

        Assert.Null(hidden.Row(gone));
        Assert.Contains("Inactive", shown.Row(gone));
        Assert.Contains("data-testid=\"inactive-label\"", shown.RowHtml(gone));
        Assert.Empty(shown.MenuOf(gone));
        Assert.Contains("checked", Regex.Match(shown.Html, "<input id=\"users-show-inactive\"[^>]*>").Value);
    }

    [Fact]
    public async Task Menu_RootHasOnlyEditDetails_OthersHaveEveryAction()
    {
        var account = await fixture.CreateAccountAsync();
        var id = await account.NamedUserAsync("Mo Menu", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync(UsersPageScenarios.Page);

        Assert.Equal(["Edit details"], page.MenuOf(account.RootUserId));
        Assert.Equal(["Edit details", "Assign roles", "Reset password", "Force logout", "Delete"], page.MenuOf(id));
        Assert.Contains($"aria-label=\"Actions for {account.RootEmail}\"", page.RowHtml(account.RootUserId));
    }

    [Fact]
    public async Task Edit_SavesTheDetails_AndATakenAddressIsRefusedAtTheFieldWithWhatWasTyped()
    {
        var account = await fixture.CreateAccountAsync();
        var id = await account.NamedUserAsync("Ed Before", Unique.Email());
        var taken = Unique.Email("taken");
        await account.NamedUserAsync("Taken", taken);
        var browser = await fixture.RootBrowserAsync(account);
        var edit = $"{UsersPageScenarios.Page}/{id}/edit";
        var newEmail = Unique.Email("ed");

        var saved = await browser.SubmitAsync(edit, edit, ("name", "Ed After"), ("first_name", "Ed"), ("last_name", "After"), ("email", newEmail), ("enabled", "true"));
        var refused = await browser.SubmitAsync(edit, edit, ("name", "Ed Again"), ("email", taken), ("enabled", "true"));

        Assert.Equal(UsersPageScenarios.Page, saved.Path);
        Assert.Contains("Ed After's details are saved.", saved.Text("flash"));
        Assert.Contains(newEmail, saved.Row(id));
        Assert.Equal("Ed After", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("name").GetString());
        Assert.Contains("Another user of Roster has this address", refused.Text("email-error"));
        Assert.Equal(taken, refused.Field("email"));
        Assert.Equal("Ed Again", refused.Field("name"));
    }

    [Fact]
    public async Task Edit_Disabling_AndTheRootCannotBeDisabledOrGivenARole()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var id = await account.NamedUserAsync("Di Sabled", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);
        var edit = $"{UsersPageScenarios.Page}/{id}/edit";
        var rootEdit = $"{UsersPageScenarios.Page}/{account.RootUserId}/edit";

        var disabled = await browser.SubmitAsync(edit, edit, ("name", "Di Sabled"), ("email", (await browser.GetAsync(edit)).Field("email")!),
            ("role", "media_library_user"), ("pe_access", "all"));
        var rootForm = await browser.GetAsync(rootEdit);

        Assert.Contains("Disabled", disabled.Row(id));
        Assert.False(rootForm.HasField("enabled"));
        Assert.DoesNotContain("name=\"role\"", rootForm.Html);
    }

    [Fact]
    public async Task LegacyEdit_MasterAdminShowsAll_NotChangeable_UntilTheRoleChanges()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = (await account.CreateProductEnvironmentAsync("Prod " + Unique.Name())).GetProperty("id").GetString()!;
        var email = Unique.Email();
        var id = await account.NamedUserAsync("Max Master", email, "master_admin");
        var browser = await fixture.RootBrowserAsync(account);
        var edit = $"{UsersPageScenarios.Page}/{id}/edit";

        var form = await browser.GetAsync(edit);
        var demoted = await browser.PostAsync(edit, [("name", "Max Master"), ("email", email), ("enabled", "true"), ("role", "admin")]);
        var limited = await browser.SubmitAsync(edit, edit, ("name", "Max Master"), ("email", email), ("enabled", "true"), ("role", "admin"),
            ("pe_access", "some"), ("pe", pe));
        var empty = await browser.SubmitAsync(edit, edit, ("name", "Max Master"), ("email", email), ("enabled", "true"), ("role", "admin"),
            ("pe_access", "some"));

        Assert.Contains("A Master admin has every product environment", form.Text("pes-master-admin"));
        Assert.Matches("<input id=\"user-pes-all\"[^>]*checked[^>]*disabled", form.Html);
        Assert.DoesNotContain("name=\"pe\"", form.Html);
        Assert.Contains("Admin", demoted.Row(id));
        Assert.Contains("All", demoted.Row(id));
        Assert.Contains("Prod", limited.Row(id));
        Assert.Contains("Choose at least one product environment", empty.Text("pe-error"));
    }

    [Fact]
    public async Task LegacyEdit_AnAdminCannotMakeAMasterAdmin_TheRoleIsNotOffered_AndAForgedPostIsRefusedAtTheField()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var adminEmail = Unique.Email("admin");
        var admin = await account.NamedUserAsync("Ad Min", adminEmail, "admin");
        (await fixture.AcceptInvitationAsync(admin)).Ok();
        var email = Unique.Email();
        var id = await account.NamedUserAsync("Tar Get", email, "reports");
        var browser = await fixture.SignedInBrowserAsync(adminEmail);
        var edit = $"{UsersPageScenarios.Page}/{id}/edit";

        var form = await browser.GetAsync(edit);
        var forged = await browser.PostAsync(edit, [("name", "Tar Get"), ("email", email), ("enabled", "true"), ("role", "master_admin"), ("pe_access", "all")]);

        Assert.DoesNotContain("value=\"master_admin\"", form.Html);
        Assert.Contains("value=\"reports\"", form.Html);
        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Contains("You cannot grant Master admin", forged.Text("role-error"));
        Assert.Equal("reports", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("role").GetString());
    }

    [Fact]
    public async Task ResetPassword_AsksFirst_ThenResets_AndTheRootIsRefused()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = await fixture.RootBrowserAsync(account);
        var confirm = $"{UsersPageScenarios.Page}/{id}/reset-password";

        var question = await browser.GetAsync(confirm);
        var done = await browser.PostAsync(confirm, []);
        var root = await browser.SubmitAsync($"{UsersPageScenarios.Page}/{account.RootUserId}/reset-password",
            $"{UsersPageScenarios.Page}/{account.RootUserId}/reset-password");

        Assert.Matches("Reset password for User [0-9a-f]+\\?", question.Html);
        Assert.Contains(email, question.Html);
        Assert.Contains($"href=\"{UsersPageScenarios.Page}\"", question.Html);
        Assert.Equal(UsersPageScenarios.Page, done.Path);
        Assert.Contains("is reset", done.Text("flash"));
        Assert.Contains("Password reset", done.Row(id));
        Assert.Equal("password_reset", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());
        Assert.Equal("The root user cannot have its password reset.", root.Text("flash-refusal"));
    }

    [Fact]
    public async Task ForceLogout_EndsTheUsersSessions_AtTheirNextRequest()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var theirs = await fixture.SignedInBrowserAsync(email);
        var browser = await fixture.RootBrowserAsync(account);
        var confirm = $"{UsersPageScenarios.Page}/{id}/force-logout";

        Assert.True(await theirs.IsSignedInAsync());
        var done = await browser.SubmitAsync(confirm, confirm);

        Assert.Contains("is signed out everywhere", done.Text("flash"));
        Assert.False(await theirs.IsSignedInAsync());
        Assert.True(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task Delete_MakesTheUserInactive_AndTheSeatFree()
    {
        var account = await fixture.CreateAccountAsync();
        var id = await account.NamedUserAsync("Del Ete", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);
        var confirm = $"{UsersPageScenarios.Page}/{id}/delete";

        var question = await browser.GetAsync(confirm);
        var done = await browser.PostAsync(confirm, []);
        var again = await browser.SubmitAsync(confirm, confirm);

        Assert.Contains("Delete Del Ete?", question.Html);
        Assert.Contains("Del Ete", done.Text("flash"));
        Assert.Null(done.Row(id));
        Assert.Equal("inactive", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());
        Assert.Equal(1, (await account.GetAccountAsync()).GetProperty("users").GetInt32());
        Assert.Contains("inactive", again.Text("flash-refusal"));
    }

    [Fact]
    public async Task Roles_AddAndRemoveThroughTheAssignments_PerScope()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync("Live " + Unique.Name())).GetProperty("id").GetString()!;
        var id = await account.NamedUserAsync("Ro Les", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);
        var roles = $"{UsersPageScenarios.Page}/{id}/roles";

        var added = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.AccountBilling), ("scope_id", ""));
        var onPe = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.ProdenvReports), ("scope_id", pe));
        var noScope = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.ProdenvReports), ("scope_id", ""));
        var removed = await browser.SubmitAsync(roles, roles + "?handler=remove", ("role_id", SystemRoleIds.AccountBilling));

        Assert.Contains("Billing is given", added.Text("flash"));
        Assert.Contains("Billing", added.Text("account-role"));
        Assert.Contains("Live", onPe.Text("pe-role"));
        Assert.Contains("choose All product environments or one of them", noScope.Text("scope-error"));
        Assert.Equal(SystemRoleIds.ProdenvReports, noScope.All("<option value=\"([^\"]+)\" selected")[0]);
        Assert.Contains("is removed", removed.Text("flash"));
        Assert.Null(removed.Text("account-role"));
        var held = await fixture.AssignmentsAsync(account.Id);
        Assert.Equal([(id, SystemRoleIds.ProdenvReports, (string?)pe)], held.Where(a => a.PrincipalId == id));
        var list = await browser.GetAsync(UsersPageScenarios.Page);
        Assert.Contains("Reports (Live", list.Row(id));
    }

    [Fact]
    public async Task Roles_AnAccountAdminCannotGrantMasterAdmin_TheRefusalNamesTheRole()
    {
        var account = await fixture.CreateAccountAsync();
        var (adminId, adminEmail) = await fixture.ActiveUserAsync(account);
        await fixture.AssignAsync(account.Id, PrincipalType.User, adminId, SystemRoleIds.AccountAdmin);
        var id = await account.NamedUserAsync("Pro Moted", Unique.Email());
        var browser = await fixture.SignedInBrowserAsync(adminEmail);
        var roles = $"{UsersPageScenarios.Page}/{id}/roles";

        var form = await browser.GetAsync(roles);
        var refused = await browser.PostAsync(roles + "?handler=add", [("role_id", SystemRoleIds.AccountMasterAdmin), ("scope_id", "")]);
        var allowed = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.AccountAdmin), ("scope_id", ""));

        Assert.DoesNotContain($"value=\"{SystemRoleIds.AccountMasterAdmin}\"", form.Html);
        Assert.Contains("You cannot grant Master Admin", refused.Text("role-error"));
        Assert.Contains("Admin is given", allowed.Text("flash"));
        Assert.DoesNotContain((await fixture.AssignmentsAsync(account.Id)), a => a.PrincipalId == id && a.RoleId == SystemRoleIds.AccountMasterAdmin);
    }

    private static IReadOnlyList<string> HeldOn(FormPage page) => page.All("data-testid=\"held-on\">([^<]*)<");

    [Fact]
    public async Task Roles_FolderAndCollectionRoles_AreGivenListedAndTaken_BesideTheAccountRoles_AndAudited()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync("Assets " + Unique.Name())).GetProperty("id").GetString()!;
        var id = await account.NamedUserAsync("Fol Der", Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);
        var roles = $"{UsersPageScenarios.Page}/{id}/roles";

        var empty = await browser.GetAsync(roles);
        var folder = await browser.SubmitAsync(roles, roles + "?handler=addFolderRole",
            ("folder_scope_id", pe), ("folder_id", "campaigns-2026"), ("folder_role_id", SystemRoleIds.FolderViewer));
        var collection = await browser.SubmitAsync(roles, roles + "?handler=addCollectionRole",
            ("collection_scope_id", pe), ("collection_id", "summer-picks"), ("collection_role_id", SystemRoleIds.CollectionEditor));
        var billing = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.AccountBilling), ("scope_id", ""));

        Assert.Contains("Give a folder role", empty.Html);
        Assert.Contains("Give a collection role", empty.Html);
        Assert.NotNull(empty.Text("no-content-roles"));
        Assert.Contains("The user Fol Der holds the role.", folder.Text("flash"));
        Assert.Equal(["Folder campaigns-2026"], HeldOn(folder));
        Assert.Equal(["Folder campaigns-2026", "Collection summer-picks"], HeldOn(collection));
        Assert.Equal([SystemRoleIds.FolderViewer, SystemRoleIds.CollectionEditor], collection.All("data-testid=\"held-role\" data-role-id=\"([^\"]+)\""));
        Assert.Contains("Editor", collection.Text("held-content-roles"));
        Assert.Contains("Billing", billing.Text("account-role"));
        Assert.Equal(["Folder campaigns-2026", "Collection summer-picks"], HeldOn(billing));
        var held = await fixture.WithDbAsync(db => db.RoleAssignments.Where(a => a.PrincipalId == id && (a.FolderId != null || a.CollectionId != null))
            .OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.RoleId, a.ScopeId, a.FolderId, a.CollectionId }).ToListAsync());
        Assert.Equal([(SystemRoleIds.FolderViewer, pe, "campaigns-2026", (string?)null), (SystemRoleIds.CollectionEditor, pe, null, "summer-picks")],
            held.Select(a => (a.RoleId, a.ScopeId, a.FolderId, a.CollectionId)));

        var removed = await browser.SubmitAsync(roles, roles + "?handler=removeContentRole", ("assignment_id", held[0].Id));
        var again = await browser.SubmitAsync(roles, roles + "?handler=removeContentRole", ("assignment_id", held[0].Id));

        Assert.Contains("The user Fol Der no longer holds the role.", removed.Text("flash"));
        Assert.Equal(["Collection summer-picks"], HeldOn(removed));
        Assert.Contains("Billing", removed.Text("account-role"));
        Assert.Equal("The user does not hold that role.", again.Text("held-error"));
        var events = await fixture.WithDbAsync(db => db.AuditEvents.Where(e => e.AccountId == account.Id
                && (e.TargetId == held[0].Id || e.TargetId == held[1].Id))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorId, e.TargetId }).ToListAsync());
        Assert.Equal([(AuditAction.RoleAssignmentCreate, held[0].Id), (AuditAction.RoleAssignmentCreate, held[1].Id), (AuditAction.RoleAssignmentDelete, held[0].Id)],
            events.Select(e => (e.Action, e.TargetId!)));
        Assert.All(events, e => Assert.Equal(account.RootUserId, e.ActorId));
    }

    [Fact]
    public async Task Roles_AnInvalidFolder_AnUnknownProductEnvironment_AndARoleNotHeld_AreRefusedAtTheirFields()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var (adminId, adminEmail) = await fixture.ActiveUserAsync(account);
        await fixture.AssignAsync(account.Id, PrincipalType.User, adminId, SystemRoleIds.AccountAdmin);
        var id = await account.NamedUserAsync("Not Given", Unique.Email());
        var root = await fixture.RootBrowserAsync(account);
        var admin = await fixture.SignedInBrowserAsync(adminEmail);
        var roles = $"{UsersPageScenarios.Page}/{id}/roles";
        var longId = new string('f', 300);

        var tooLong = await root.SubmitAsync(roles, roles + "?handler=addFolderRole",
            ("folder_scope_id", pe), ("folder_id", longId), ("folder_role_id", SystemRoleIds.FolderEditor));
        var blank = await root.SubmitAsync(roles, roles + "?handler=addCollectionRole",
            ("collection_scope_id", pe), ("collection_id", "  "), ("collection_role_id", SystemRoleIds.CollectionViewer));
        var nowhere = await root.SubmitAsync(roles, roles + "?handler=addFolderRole",
            ("folder_scope_id", "no-such-environment"), ("folder_id", "campaigns"), ("folder_role_id", SystemRoleIds.FolderEditor));
        var wrongKind = await root.SubmitAsync(roles, roles + "?handler=addFolderRole",
            ("folder_scope_id", pe), ("folder_id", "campaigns"), ("folder_role_id", SystemRoleIds.CollectionViewer));
        var notHeld = await admin.SubmitAsync(roles, roles + "?handler=addFolderRole",
            ("folder_scope_id", pe), ("folder_id", "campaigns"), ("folder_role_id", SystemRoleIds.FolderManager));

        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.NotNull(tooLong.Text("folder-id-error"));
        Assert.Equal(longId, tooLong.Field("folder_id"));
        Assert.Equal("Enter the collection's id.", blank.Text("collection-id-error"));
        Assert.Contains("not found", nowhere.Text("folder-scope-error"));
        Assert.Equal("campaigns", nowhere.Field("folder_id"));
        Assert.Contains("policy_parameters must give collection_id", wrongKind.Text("folder-id-error"));
        Assert.Equal(HttpStatusCode.OK, notHeld.Status);
        Assert.Contains("You cannot grant Manager", notHeld.Text("folder-role-error"));
        Assert.Contains($"value=\"{SystemRoleIds.FolderManager}\" selected", notHeld.Html);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.PrincipalId == id)));
    }

    [Fact]
    public async Task LegacyAccount_TheMenuLeadsToTheUsersFolderAndCollectionRoles_GivenListedAndTaken()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var id = await account.NamedUserAsync("Sha Red", Unique.Email(), "media_library_user");
        (await fixture.ShareFolderAsync(pe, "shared-folder", "user", id, [SystemRoleIds.FolderEditor])).Ok();
        var browser = await fixture.RootBrowserAsync(account);

        var list = await browser.GetAsync(UsersPageScenarios.Page);
        var roles = Regex.Match(list.RowHtml(id), "href=\"([^\"]+)\"[^>]*>Folder and collection roles<").Groups[1].Value;
        var page = await browser.GetAsync(roles);
        var global = await browser.SubmitAsync(roles, roles + "?handler=add", ("role_id", SystemRoleIds.AccountAdmin), ("scope_id", ""));
        var given = await browser.SubmitAsync(roles, roles + "?handler=addCollectionRole",
            ("collection_scope_id", pe.Id), ("collection_id", "lookbook"), ("collection_role_id", SystemRoleIds.CollectionViewer));
        var root = await browser.GetAsync($"{UsersPageScenarios.Page}/{account.RootUserId}/roles");
        var rootGiven = await browser.SubmitAsync(roles, $"{UsersPageScenarios.Page}/{account.RootUserId}/roles?handler=addFolderRole",
            ("folder_scope_id", pe.Id), ("folder_id", "x"), ("folder_role_id", SystemRoleIds.FolderViewer));

        Assert.Equal($"{UsersPageScenarios.Page}/{id}/roles", roles);
        Assert.Contains("Folder and collection roles of", page.Html);
        Assert.NotNull(page.Text("roles-legacy"));
        Assert.DoesNotContain("name=\"role_id\"", page.Html);
        Assert.Equal(["Folder shared-folder"], HeldOn(page));
        Assert.Contains("legacy permission system", global.Text("held-error"));
        Assert.Equal(["Folder shared-folder", "Collection lookbook"], HeldOn(given));
        Assert.NotNull(root.Text("roles-root"));
        Assert.DoesNotContain("Give a folder role", root.Html);
        Assert.Equal(RootUserText, rootGiven.Text("held-error"));

        var share = await fixture.WithDbAsync(db => db.RoleAssignments.SingleAsync(a => a.PrincipalId == id && a.FolderId == "shared-folder"));
        var removed = await browser.SubmitAsync(roles, roles + "?handler=removeContentRole", ("assignment_id", share.Id));

        Assert.Equal(["Collection lookbook"], HeldOn(removed));
        var shares = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("shared-folder"))).Ok();
        Assert.DoesNotContain(id, shares.ToString());
    }

    private static string RootUserText => Roster.Features.Users.RootUser.HoldsEverything;

    [Fact]
    public async Task AMediaLibraryUser_GetsTheForbiddenPage_OnTheListAndEverySubPage()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var email = Unique.Email();
        var id = await account.NamedUserAsync("Lib Rarian", email, "media_library_user");
        (await fixture.AcceptInvitationAsync(id)).Ok();
        var browser = await fixture.SignedInBrowserAsync(email);

        foreach (var path in new[] { "", $"/{account.RootUserId}/edit", $"/{id}/roles", $"/{account.RootUserId}/delete", $"/{id}/reset-password" })
        {
            var page = await browser.GetAsync(UsersPageScenarios.Page + path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("/console/forbidden", page.Path);
        }
        var forged = await browser.PostAsync($"{UsersPageScenarios.Page}/{account.RootUserId}/delete", []);
        Assert.Equal("/console/forbidden", forged.Path);
    }

    [Theory]
    [InlineData("status=bogus", "There is no such status")]
    [InlineData("page=-1", "A page is a whole number from 1")]
    [InlineData("page=abc", "A page is a whole number from 1")]
    [InlineData("page=99999999", "There is no page 99999999")]
    [InlineData("page=999999999999999999999", "A page is a whole number from 1")]
    [InlineData("sort=password&dir=sideways", "cannot be sorted that way")]
    [InlineData("role=cld%3A%3Arole%3A%3Anope", "There is no such role")]
    [InlineData("group=nope&pe=nope", "There is no such group")]
    [InlineData("q=%00%01%02", null)]
    [InlineData("q=%F0%9F%98%80%ED%A0%80&status=&role=&page=", null)]
    [InlineData("q[]=1&q[]=2&status=active&status=pending", null)]
    public async Task HostileQueryStrings_NeverFail_AndSayWhatWasNotUsed(string query, string? note)
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync($"{UsersPageScenarios.Page}?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Row(account.RootUserId) ?? page.Text("users-count"));
        if (note is not null)
        {
            Assert.Contains(note, string.Join(" ", page.All("data-testid=\"users-note\">([^<]+)<")));
        }
    }

    [Fact]
    public async Task AHugeSearch_IsCut_WithAMessage()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await fixture.RootBrowserAsync(account);

        var page = await browser.GetAsync($"{UsersPageScenarios.Page}?q={new string('r', 6000)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("at most 255 characters", page.Text("users-note"));
        Assert.Equal(255, page.Field("q")!.Length);
    }

    [Fact]
    public async Task AnotherAccountsUser_IsNotFound_OnEverySubPage_AndNothingOfItShows()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();
        var secretName = "Secret " + Unique.Name();
        var theirs = await other.NamedUserAsync(secretName, Unique.Email());
        var browser = await fixture.RootBrowserAsync(account);

        foreach (var path in new[] { "edit", "roles", "reset-password", "force-logout", "delete", "no-such-action" })
        {
            var page = await browser.GetAsync($"{UsersPageScenarios.Page}/{theirs}/{path}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.NotNull(page.Text("no-such-user"));
            Assert.DoesNotContain(secretName, page.Html);
        }
        await browser.GetAsync(UsersPageScenarios.Page);
        var forged = await browser.PostAsync($"{UsersPageScenarios.Page}/{theirs}/delete", []);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal("pending", (await other.Client.GetJsonAsync($"{other.V1}/users/{theirs}")).Ok().GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(Plan.Plus, true)]
    [InlineData(Plan.Free, false)]
    public async Task AtTheUserLimit_TheBannerSaysSo_WithTheWayToRaiseIt(Plan plan, bool canBuy)
    {
        var account = await fixture.CreateAccountAsync(plan);
        var browser = await fixture.RootBrowserAsync(account);
        var under = await browser.GetAsync(UsersPageScenarios.Page);
        await account.CreateUserAsync();
        await account.CreateUserAsync();

        var at = await browser.GetAsync(UsersPageScenarios.Page);

        Assert.Null(under.Text("user-limit"));
        Assert.Contains("You have reached the maximum number of users allowed for your plan.", at.Text("user-limit"));
        Assert.Equal(canBuy, at.Html.Contains("href=\"/console/account/user-limit\"", StringComparison.Ordinal));
        Assert.Equal(!canBuy, at.Text("user-limit")!.Contains("Your Roster operator can raise it.", StringComparison.Ordinal));
        Assert.Contains("href=\"/console/users/new\"", at.Html);
    }
}
