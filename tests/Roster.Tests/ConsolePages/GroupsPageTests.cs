using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.ConsolePages;
using Roster.Features.Groups;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// User groups in the console over plain HTTP, as a browser without JavaScript uses them: the list with its counts, search
/// and pages, creating, renaming and deleting, members, roles and folder roles, and what a hostile or unentitled user gets.
/// </summary>
public sealed class GroupsPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string List = "/console/groups";

    private static string GroupPath(string id) => $"{List}/{id}";

    /// <summary>A new account (Roles and Permissions unless told) whose root user is signed in in a browser of its own.</summary>
    private async Task<(TestAccount Account, FormClient Browser)> SignedInRootAsync(PermissionSystem system = PermissionSystem.Roles)
    {
        var account = await fixture.CreateAccountAsync(system);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return (account, await fixture.SignedInBrowserAsync(account.RootEmail));
    }

    private static async Task<string> UserAsync(TestAccount account, string name, string email) =>
        (await account.Client.PostJsonAsync($"{account.Api}/users", new { name, email })).Ok().GetProperty("id").GetString()!;

    private static async Task AddMemberAsync(TestAccount account, string groupId, string userId) =>
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{groupId}/users/{userId}")).Ok();

    private static IReadOnlyList<string> Names(FormPage page) => page.All("data-testid=\"group-name\">([^<]*)<");

    private static IReadOnlyList<string> Counts(FormPage page) => page.All("data-testid=\"member-count\">([^<]*)<");

    private static IReadOnlyList<string> Members(FormPage page) => page.All("data-testid=\"member\" data-user-id=\"([^\"]+)\"");

    private Task<int> GroupCountAsync(string accountId) => fixture.WithDbAsync(db => db.UserGroups.CountAsync(g => g.AccountId == accountId));

    [Fact]
    public async Task List_CountsMembers_SortsByName_PagesBy50_AndSearchesTheName()
    {
        var (account, browser) = await SignedInRootAsync();
        await fixture.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var i in Enumerable.Range(0, 55))
            {
                var name = $"Team {i:000}";
                db.UserGroups.Add(new UserGroup
                {
                    Id = Secrets.NewId(), AccountId = account.Id, Name = name, NameNormalized = Roster.Common.Names.Normalize(name), CreatedAt = now, UpdatedAt = now,
                });
            }
            return await db.SaveChangesAsync();
        });
        var design = (await account.CreateGroupAsync("Design")).GetProperty("id").GetString()!;
        await AddMemberAsync(account, design, await UserAsync(account, "Ann Example", Unique.Email()));
        await AddMemberAsync(account, design, await UserAsync(account, "Ben Example", Unique.Email()));

        var first = await browser.GetAsync(List);
        var second = await browser.GetAsync($"{List}?p=2");
        var search = await browser.GetAsync($"{List}?q=DESI");
        var contains = await browser.GetAsync($"{List}?q=am+05");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(50, Names(first).Count);
        Assert.Equal(["Design", "Team 000", "Team 001"], Names(first).Take(3));
        Assert.Equal(["2", "0", "0"], Counts(first).Take(3));
        Assert.Equal("56 groups", first.Text("groups-total"));
        Assert.Contains("Page 1 of 2", first.Text("groups-pager"));
        Assert.Equal(Enumerable.Range(49, 6).Select(i => $"Team {i:000}"), Names(second));
        Assert.Equal(["Design"], Names(search));
        Assert.Equal(["2"], Counts(search));
        Assert.Equal(["Team 050", "Team 051", "Team 052", "Team 053", "Team 054"], Names(contains));
        Assert.Equal("am 05", contains.Field("q"));
        var teams = await browser.GetAsync($"{List}?q=team");
        Assert.Equal("55 groups match", teams.Text("groups-total"));
        Assert.Contains("href=\"/console/groups?q=team&amp;p=2\"", teams.Html);
    }

    [Fact]
    public async Task Create_ATakenName_IsRefusedAtTheField_WithWhatWasTyped_AndANewOneOpensTheGroup()
    {
        var (account, browser) = await SignedInRootAsync();
        await account.CreateGroupAsync("Marketing");

        var taken = await browser.SubmitAsync(List, $"{List}?handler=create", ("name", "  MARKETING "));
        var blank = await browser.SubmitAsync(List, $"{List}?handler=create", ("name", "   "));
        var created = await browser.SubmitAsync(List, $"{List}?handler=create", ("name", "Sales team"));

        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Equal("A user group named MARKETING already exists", taken.Text("name-error"));
        Assert.Equal("  MARKETING ", taken.Field("name"));
        Assert.Contains("aria-invalid=\"true\"", taken.Html);
        Assert.Equal("The name must not be blank.", blank.Text("name-error"));
        Assert.StartsWith("/console/groups/", created.Path);
        Assert.Equal("Sales team", created.Text("group-heading"));
        Assert.Contains("The group Sales team is created", created.Text("flash"));
        Assert.Equal(2, await GroupCountAsync(account.Id));
        var audit = Assert.Single(await account.AuditAsync("user_group.create"), e => e.GetProperty("actor_id").GetString() == account.RootUserId);
        Assert.Equal("user", audit.GetProperty("actor_type").GetString());
    }

    [Fact]
    public async Task Rename_SavesTheName_AndATakenOneComesBackAtTheField()
    {
        var (account, browser) = await SignedInRootAsync();
        var id = (await account.CreateGroupAsync("Support")).GetProperty("id").GetString()!;
        await account.CreateGroupAsync("Finance");

        var form = await browser.GetAsync($"{GroupPath(id)}/rename");
        var taken = await browser.PostAsync($"{GroupPath(id)}/rename?handler=rename", [("name", "finance")]);
        var renamed = await browser.SubmitAsync($"{GroupPath(id)}/rename", $"{GroupPath(id)}/rename?handler=rename", ("name", "Customer support"));

        Assert.Equal("Support", form.Field("name"));
        Assert.Equal("A user group named finance already exists", taken.Text("name-error"));
        Assert.Equal("finance", taken.Field("name"));
        Assert.Equal(GroupPath(id), renamed.Path);
        Assert.Equal("Customer support", renamed.Text("group-heading"));
        Assert.Equal("Customer support", (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}")).Ok().GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_AsksFirst_NamingTheGroupAndItsMembers_ThenDeletesItAndWhatItHeld()
    {
        var (account, browser) = await SignedInRootAsync();
        var id = (await account.CreateGroupAsync("Contractors")).GetProperty("id").GetString()!;
        await AddMemberAsync(account, id, await UserAsync(account, "Cat Example", Unique.Email()));
        await fixture.AssignAsync(account.Id, PrincipalType.Group, id, SystemRoleIds.AccountReports);

        var confirm = await browser.GetAsync($"{GroupPath(id)}/delete");
        var deleted = await browser.PostAsync($"{GroupPath(id)}/delete?handler=delete", []);

        Assert.Contains("Delete the group Contractors?", confirm.Html);
        Assert.Contains("The group has 1 member.", confirm.Text("delete-summary"));
        Assert.Equal(List, deleted.Path);
        Assert.Equal("The group Contractors is deleted.", deleted.Text("flash"));
        Assert.Equal(HttpStatusCode.NotFound, (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}")).Status);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.AccountId == account.Id && a.PrincipalId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{GroupPath(id)}/delete")).Status);
    }

    [Fact]
    public async Task Members_AreAddedThroughTheUserSearch_AndRemoved_AndDeletedUsersLeaveTheGroup()
    {
        var (account, browser) = await SignedInRootAsync();
        var id = (await account.CreateGroupAsync("Editors")).GetProperty("id").GetString()!;
        var alice = await UserAsync(account, "Alice Walker", $"alice.{Unique.Name()}@example.com");
        var bob = await UserAsync(account, "Bob Stone", $"bob.{Unique.Name()}@example.com");
        var carol = await UserAsync(account, "Carol Alison", $"ali.carol.{Unique.Name()}@example.com");

        var found = await browser.GetAsync($"{GroupPath(id)}?find=ALI");
        var added = await browser.PostAsync($"{GroupPath(id)}?handler=add&find=ALI", [("user_id", alice)]);
        await browser.PostAsync($"{GroupPath(id)}?handler=add&find=ALI", [("user_id", carol)]);
        var again = await browser.GetAsync($"{GroupPath(id)}?find=alice");

        Assert.Equal([alice, carol], found.All("data-testid=\"candidate\" data-user-id=\"([^\"]+)\""));
        Assert.DoesNotContain(bob, found.Html);
        Assert.DoesNotContain(account.RootUserId, found.Html);
        Assert.Equal($"{GroupPath(id)}?find=ALI", added.Path);
        Assert.Equal("Alice Walker is a member of the group.", added.Text("flash"));
        Assert.Equal("ALI", added.Field("find"));
        Assert.Equal([alice], Members(added));
        Assert.Equal("Already a member", again.Text("already-member"));
        Assert.Equal("2 members", again.Text("group-summary")?.Split(" · ")[0]);

        var removed = await browser.PostAsync($"{GroupPath(id)}?handler=remove", [("user_id", alice)]);
        var notMember = await browser.PostAsync($"{GroupPath(id)}?handler=remove", [("user_id", bob)]);

        Assert.Equal("Alice Walker is no longer a member of the group.", removed.Text("flash"));
        Assert.Equal([carol], Members(removed));
        Assert.Equal("That user is not a member of the group.", notMember.Text("flash-refusal"));

        // A deleted user leaves every group (DeleteUser): no inactive member remains to be listed, and the search leaves them out.
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{carol}")).Ok();
        var afterDelete = await browser.GetAsync($"{GroupPath(id)}?find=carol");
        Assert.Empty(Members(afterDelete));
        Assert.Equal("The group has no members yet.", afterDelete.Text("no-members"));
        Assert.Equal("No user's name or e-mail address starts with that.", afterDelete.Text("no-candidates"));
        var refused = await browser.PostAsync($"{GroupPath(id)}?handler=add", [("user_id", carol)]);
        Assert.Equal("The user is inactive: deleted users cannot be changed.", refused.Text("flash-refusal"));
        var root = await browser.PostAsync($"{GroupPath(id)}?handler=add", [("user_id", account.RootUserId)]);
        Assert.Equal("The root user cannot be added to a group.", root.Text("flash-refusal"));
        Assert.Equal(["0"], Counts(await browser.GetAsync($"{List}?q=editors")));
    }

    [Fact]
    public async Task UserSearch_ShowsTwentyAtATime_WithTheNextPage()
    {
        var (account, browser) = await SignedInRootAsync();
        var id = (await account.CreateGroupAsync("Crowd")).GetProperty("id").GetString()!;
        foreach (var i in Enumerable.Range(0, 23))
        {
            await UserAsync(account, $"Zed {i:00}", Unique.Email());
        }

        var first = await browser.GetAsync($"{GroupPath(id)}?find=zed");
        var second = await browser.GetAsync($"{GroupPath(id)}?find=zed&fp=2");

        Assert.Equal(20, first.All("data-testid=\"candidate\" data-user-id=\"([^\"]+)\"").Count);
        Assert.Contains($"href=\"{GroupPath(id)}?find=zed&amp;fp=2\"", first.Html);
        Assert.Equal(3, second.All("data-testid=\"candidate\" data-user-id=\"([^\"]+)\"").Count);
        Assert.Contains("Zed 22", second.Html);
    }

    [Fact]
    public async Task Roles_OnRolesAndPermissions_AccountAndEnvironmentRolesAreGivenAndTaken()
    {
        var (account, browser) = await SignedInRootAsync();
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var id = (await account.CreateGroupAsync("Operators")).GetProperty("id").GetString()!;
        var roles = $"{GroupPath(id)}/roles";

        var page = await browser.GetAsync(roles);
        var account1 = await browser.PostAsync($"{roles}?handler=addAccountRole", [("account_role_id", SystemRoleIds.AccountReports)]);
        var noScope = await browser.SubmitAsync(roles, $"{roles}?handler=addEnvironmentRole", ("environment_role_id", SystemRoleIds.ProdenvReports), ("scope_id", ""));
        var environment = await browser.PostAsync($"{roles}?handler=addEnvironmentRole", [("environment_role_id", SystemRoleIds.ProdenvReports), ("scope_id", pe.Id)]);
        var unknown = await browser.SubmitAsync(roles, $"{roles}?handler=addAccountRole", ("account_role_id", "cld::role::account::nope"));

        Assert.Contains("Give an account role", page.Html);
        Assert.Contains("The group Operators holds the role.", account1.Text("flash"));
        Assert.Equal("Choose a product environment, or all of them.", noScope.Text("scope-error"));
        Assert.Contains($"value=\"{SystemRoleIds.ProdenvReports}\" selected=\"selected\"", noScope.Html);
        var peName = await fixture.WithDbAsync(db => db.ProductEnvironments.Where(p => p.Id == pe.Id).Select(p => p.Name).SingleAsync());
        Assert.Equal(["Account", peName], environment.All("data-testid=\"held-scope\">([^<]*)<"));
        Assert.Contains("not found: role cld::role::account::nope", unknown.Text("account-role-error"));
        var held = await fixture.WithDbAsync(db => db.RoleAssignments.Where(a => a.PrincipalId == id).OrderBy(a => a.RoleId).Select(a => new { a.Id, a.RoleId, a.ScopeId }).ToListAsync());
        Assert.Equal([(SystemRoleIds.AccountReports, (string?)null), (SystemRoleIds.ProdenvReports, pe.Id)], held.Select(h => (h.RoleId, h.ScopeId)));

        var removed = await browser.PostAsync($"{roles}?handler=remove", [("assignment_id", held[0].Id)]);
        var gone = await browser.PostAsync($"{roles}?handler=remove", [("assignment_id", held[0].Id)]);

        Assert.Contains("no longer holds the role", removed.Text("flash"));
        Assert.Equal([held[1].Id], removed.All("data-assignment-id=\"([^\"]+)\""));
        Assert.Equal("The group does not hold that role.", gone.Text("held-error"));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.PrincipalId == id)));
    }

    [Fact]
    public async Task Roles_OnALegacyAccount_AreFolderRoles_ListedFromTheShares_GivenAndTaken()
    {
        var (account, browser) = await SignedInRootAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var id = await account.CreateGroupIdAsync();
        (await fixture.ShareFolderAsync(pe, "shared-folder", "group", id, [SystemRoleIds.FolderEditor])).Ok();
        var roles = $"{GroupPath(id)}/roles";

        var page = await browser.GetAsync(roles);
        var blank = await browser.PostAsync($"{roles}?handler=addFolderRole", [("folder_scope_id", pe.Id), ("folder_id", " "), ("folder_role_id", SystemRoleIds.FolderViewer)]);
        var global = await browser.PostAsync($"{roles}?handler=addAccountRole", [("account_role_id", SystemRoleIds.AccountAdmin)]);
        var given = await browser.SubmitAsync(roles, $"{roles}?handler=addFolderRole",
            ("folder_scope_id", pe.Id), ("folder_id", "campaigns-2026"), ("folder_role_id", SystemRoleIds.FolderViewer));

        Assert.Contains("Folder and collection roles of", page.Html);
        Assert.DoesNotContain("Give an account role", page.Html);
        Assert.Equal(["Folder shared-folder"], page.All("data-testid=\"held-on\">([^<]*)<"));
        Assert.Equal("Enter the folder's id.", blank.Text("folder-id-error"));
        Assert.Equal(SystemRoleIds.FolderViewer, blank.All("value=\"([^\"]+)\" selected=\"selected\"").Last());
        Assert.Contains("legacy permission system", global.Text("held-error"));
        Assert.Equal(["Folder shared-folder", "Folder campaigns-2026"], given.All("data-testid=\"held-on\">([^<]*)<"));
        var shares = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("campaigns-2026"))).Ok();
        Assert.Contains(id, shares.ToString());

        var share = await fixture.WithDbAsync(db => db.RoleAssignments.SingleAsync(a => a.PrincipalId == id && a.FolderId == "shared-folder"));
        var removed = await browser.PostAsync($"{roles}?handler=remove", [("assignment_id", share.Id)]);

        Assert.Equal(["Folder campaigns-2026"], removed.All("data-testid=\"held-on\">([^<]*)<"));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.PrincipalId == id && a.FolderId == "shared-folder")));
    }

    [Fact]
    public async Task AUserWithoutGroupsView_GetsTheForbiddenPage_AndCannotPost()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateGroupAsync("Private")).GetProperty("id").GetString()!;
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = await fixture.SignedInBrowserAsync(email);

        var list = await browser.GetAsync(List);
        var group = await browser.GetAsync(GroupPath(id));
        var create = await browser.PostAsync($"{List}?handler=create", [("name", "Sneaky")]);
        var delete = await browser.PostAsync($"{GroupPath(id)}/delete?handler=delete", []);

        foreach (var page in new[] { list, group, create, delete })
        {
            Assert.Equal("/console/forbidden", page.Path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        }
        Assert.Equal(1, await GroupCountAsync(account.Id));
    }

    [Fact]
    public async Task HostileInput_NeverFails_AndNeverTouchesAnotherAccount()
    {
        var (account, browser) = await SignedInRootAsync();
        var mine = (await account.CreateGroupAsync("Mine")).GetProperty("id").GetString()!;
        var other = await fixture.CreateAccountAsync();
        var theirs = (await other.CreateGroupAsync("Theirs")).GetProperty("id").GetString()!;
        var theirUser = await UserAsync(other, "Their User", Unique.Email());
        await AddMemberAsync(other, theirs, theirUser);
        var huge = new string('x', 100_000);

        foreach (var path in new[]
                 {
                     GroupPath("nope"), GroupPath(theirs), $"{GroupPath(theirs)}/rename", $"{GroupPath(theirs)}/delete", $"{GroupPath(theirs)}/roles",
                     GroupPath(new string('a', 3000)), $"{GroupPath("%2500")}/roles", GroupPath("a%0Ab"), "/console/groups/%20x%20/rename",
                 })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.Contains("There is no such group", page.Html);
            Assert.DoesNotContain("Theirs", page.Html);
        }
        await browser.GetAsync(List);
        var posts = new (string Path, (string, string)[] Fields)[]
        {
            ($"{GroupPath(theirs)}/rename?handler=rename", [("name", "Taken over")]),
            ($"{GroupPath(theirs)}/delete?handler=delete", []),
            ($"{GroupPath(theirs)}?handler=remove", [("user_id", theirUser)]),
            ($"{GroupPath(theirs)}?handler=add", [("user_id", account.RootUserId)]),
            ($"{GroupPath(theirs)}/roles?handler=addAccountRole", [("account_role_id", SystemRoleIds.AccountAdmin)]),
            ($"{GroupPath(theirs)}/roles?handler=nosuch", []),
        };
        foreach (var (path, fields) in posts)
        {
            var page = await browser.PostAsync(path, fields);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
        }

        var theirUserAdded = await browser.PostAsync($"{GroupPath(mine)}?handler=add", [("user_id", theirUser)]);
        var hugeName = await browser.PostAsync($"{List}?handler=create", [("name", huge)]);
        var hugeSearch = await browser.GetAsync($"{List}?q={new string('q', 5000)}&p=-4");
        var hugeFind = await browser.GetAsync($"{GroupPath(mine)}?find={new string('f', 5000)}&fp=abc&p=99999999999");
        var wrongHandler = await browser.PostAsync($"{List}?handler=explode", [("name", "x")]);
        var noUser = await browser.PostAsync($"{GroupPath(mine)}?handler=add", []);
        var hugeFolder = await browser.PostAsync($"{GroupPath(mine)}/roles?handler=addFolderRole",
            [("folder_scope_id", huge), ("folder_id", huge), ("folder_role_id", huge)]);
        var nul = await browser.SubmitAsync(GroupPath(mine), $"{GroupPath(mine)}?handler=add", ("user_id", "\0"));
        var nulSearch = await browser.GetAsync($"{List}?q=%00");
        var nulFind = await browser.GetAsync($"{GroupPath(mine)}?find=a%00");
        var nulRole = await browser.SubmitAsync($"{GroupPath(mine)}/roles", $"{GroupPath(mine)}/roles?handler=addEnvironmentRole", ("environment_role_id", "\0"), ("scope_id", "\0"));
        var nulName = await browser.SubmitAsync($"{GroupPath(mine)}/rename", $"{GroupPath(mine)}/rename?handler=rename", ("name", "a\0b"));
        var removeOther = await browser.SubmitAsync($"{GroupPath(mine)}/roles", $"{GroupPath(mine)}/roles?handler=remove", ("assignment_id", huge));

        Assert.Equal("The account has no such user.", theirUserAdded.Text("flash-refusal"));
        Assert.Equal(HttpStatusCode.OK, hugeName.Status);
        Assert.Equal("The name must be at most 255 characters.", hugeName.Text("name-error"));
        Assert.Equal(HttpStatusCode.OK, hugeSearch.Status);
        Assert.NotNull(hugeSearch.Text("search-error"));
        Assert.Equal(HttpStatusCode.OK, hugeFind.Status);
        Assert.NotNull(hugeFind.Text("find-error"));
        Assert.Equal(HttpStatusCode.OK, wrongHandler.Status);
        Assert.Equal("The account has no such user.", noUser.Text("flash-refusal"));
        Assert.Equal(HttpStatusCode.OK, hugeFolder.Status);
        Assert.Equal("Choose the folder's product environment.", hugeFolder.Text("folder-scope-error"));
        Assert.Equal("The group does not hold that role.", removeOther.Text("held-error"));
        // Note: a NUL in a posted form is refused at its field, the page shown again with what can be shown of what was typed.
        Assert.Equal(HttpStatusCode.OK, nul.Status);
        Assert.Equal(ConsoleErrors.FormRefusal, nul.Text("form-refusal"));
        Assert.Equal("The search must not contain control characters.", nulSearch.Text("search-error"));
        Assert.Equal("The search must not contain control characters.", nulFind.Text("find-error"));
        Assert.Equal(HttpStatusCode.OK, nulRole.Status);
        Assert.Equal(ConsoleErrors.FormRefusal, nulRole.Text("form-refusal"));
        Assert.Equal("This field must not contain NUL characters.", nulRole.Text("environment-role-error"));
        Assert.Equal("This field must not contain NUL characters.", nulRole.Text("scope-error"));
        Assert.Equal(HttpStatusCode.OK, nulName.Status);
        Assert.Equal("This field must not contain NUL characters.", nulName.Text("name-error"));
        Assert.Equal("ab", nulName.Field("name"));

        var theirsNow = (await other.Client.GetJsonAsync($"{other.V1}/user_groups/{theirs}?extended_details=true")).Ok();
        Assert.Equal("Theirs", theirsNow.GetProperty("name").GetString());
        Assert.Equal([theirUser], theirsNow.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.PrincipalId == theirs)));
        Assert.Empty(Members(await browser.GetAsync(GroupPath(mine))));
        Assert.Equal(1, await GroupCountAsync(account.Id));
    }
}
