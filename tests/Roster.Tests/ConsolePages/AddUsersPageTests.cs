using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// Add users (<c>/console/users/new</c>) over plain HTTP, as a browser without JavaScript uses it: each row succeeds or
/// fails on its own, the common access is given to every created user, and nothing a browser sends produces a 500.
/// </summary>
public sealed class AddUsersPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Page = "/console/users/new";

    private async Task<FormClient> RootBrowserAsync(TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    private static readonly (string, string)[] _adminBundle = [("access", "bundle"), ("bundle", "admin")];

    private static (string, string)[] Row(int i, string email, string first = "", string last = "") =>
        [($"users[{i}].email", email), ($"users[{i}].first_name", first), ($"users[{i}].last_name", last)];

    private Task<string?> UserIdAsync(string email) =>
        fixture.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.EmailNormalized == email.ToLowerInvariant() && u.Status != Features.Users.UserStatus.Inactive)
            .Select(u => u.Id).FirstOrDefaultAsync());

    private static async Task<int> UsersCountedAsync(TestAccount account) => (await account.GetAccountAsync()).GetProperty("users").GetInt32();

    [Fact]
    public async Task FiveRows_OneAddressTakenInAnotherAccount_OneOverTheLimit_TheOtherThreeInvited_AndTheFailedRowsKeptWithTheirReasons()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 1 })).Ok();
        var other = await fixture.CreateAccountAsync();
        var taken = Unique.Email("taken");
        await other.CreateUserAsync(taken);
        var browser = await RootBrowserAsync(account);
        var emails = Enumerable.Range(0, 5).Select(i => Unique.Email($"row{i}")).ToArray();
        emails[1] = taken;

        var before = await browser.GetAsync(Page);
        var after = await browser.PostAsync(Page, [
            .. Row(0, emails[0], "Ada", "Lovelace"), .. Row(1, emails[1], "Taken"), .. Row(2, emails[2]), .. Row(3, emails[3], "", "Hopper"),
            .. Row(4, emails[4], "Over", "Limit"), ("access", "bundle"), ("bundle", "admin"), ("pe_access", "all"),
        ]);

        Assert.Equal("3 of 4 seats left (1 user counted).", before.Text("seats-left"));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal($"Invited: {emails[0]}, {emails[2]}, {emails[3]}. Each gets an e-mail with a link to set a password.", after.Text("created"));
        Assert.Equal(taken, after.Field("users[0].email"));
        Assert.Equal("Taken", after.Field("users[0].first_name"));
        Assert.Equal("Has already been taken", after.Text("row-0-email-error"));
        Assert.Equal(emails[4], after.Field("users[1].email"));
        Assert.Equal("Over", after.Field("users[1].first_name"));
        Assert.Equal("You have reached the maximum number of users allowed for your plan.", after.Text("row-1-email-error"));
        Assert.Equal("", after.Field("users[2].email"));
        Assert.Equal("0 of 4 seats left (4 users counted).", after.Text("seats-left"));
        Assert.Contains("You have reached the maximum number of users allowed for your plan.", after.Text("user-limit-banner"));
        Assert.Equal(4, await UsersCountedAsync(account));
        Assert.Null(await UserIdAsync(emails[4]));
        foreach (var (email, name) in new[] { (emails[0], "Ada Lovelace"), (emails[2], emails[2].Split('@')[0]), (emails[3], "Hopper") })
        {
            var id = await UserIdAsync(email);
            Assert.NotNull(id);
            var invitation = Assert.Single(await fixture.OutboxMessagesAsync(id));
            Assert.Equal(email, invitation.Message.Recipient);
            var user = await fixture.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
            Assert.Equal(name, user.Name);
            var roles = (await account.PrincipalRolesAsync("user", id)).EnumerateArray()
                .Select(r => (r.GetProperty("id").GetString(), r.GetProperty("scope_id").GetString())).Order().ToList();
            Assert.Equal([(SystemRoleIds.AccountAdmin, null), (SystemRoleIds.ProdenvAdmin, "all")], roles);
            var created = Assert.Single(await account.AuditAsync("user.create"), e => e.GetProperty("target_id").GetString() == id);
            Assert.Equal(account.RootUserId, created.GetProperty("actor_id").GetString());
        }
    }

    [Fact]
    public async Task LegacyAccount_TheRoleAndTheChosenProductEnvironmentsAndGroupAreGivenToEveryUser()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe1 = (await account.CreateProductEnvironmentAsync("Production")).GetProperty("id").GetString()!;
        var pe2 = (await account.CreateProductEnvironmentAsync("Staging")).GetProperty("id").GetString()!;
        await account.CreateProductEnvironmentAsync("Other");
        var group = (await account.CreateGroupAsync("Editors")).GetProperty("id").GetString()!;
        var browser = await RootBrowserAsync(account);
        var (first, second) = (Unique.Email("a"), Unique.Email("b"));

        var form = await browser.GetAsync(Page);
        var done = await browser.PostAsync(Page, [
            .. Row(0, first, "Grace"), .. Row(2, second), ("role", "technical_admin"), ("pe_access", "selected"), ("pe", pe1), ("pe", pe2), ("group", group),
        ]);

        Assert.Contains("<option value=\"media_library_user\">Media Library user</option>", form.Html);
        Assert.Equal(Page, done.Path);
        Assert.Equal($"Invited 2 users: {first}, {second}. Each gets an e-mail with a link to set a password.", done.Text("flash"));
        foreach (var email in new[] { first, second })
        {
            var id = (await UserIdAsync(email))!;
            var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
            Assert.Equal("technical_admin", user.GetProperty("role").GetString());
            Assert.Equal(new[] { pe1, pe2 }.Order(), user.GetProperty("sub_account_ids").EnumerateArray().Select(e => e.GetString()!).Order());
            var groups = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}/groups")).Ok();
            Assert.Equal([group], groups.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task RolesAndPermissions_TheDeveloperBundle_GivesTheAccountRoleAndTheRoleOnEachChosenProductEnvironment()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync("Production")).GetProperty("id").GetString()!;
        var browser = await RootBrowserAsync(account);
        var email = Unique.Email("dev");

        await browser.GetAsync(Page);
        var done = await browser.PostAsync(Page, [.. Row(0, email), ("access", "bundle"), ("bundle", "developer"), ("pe_access", "selected"), ("pe", pe)]);

        Assert.Contains(email, done.Text("flash"));
        var id = (await UserIdAsync(email))!;
        var roles = (await account.PrincipalRolesAsync("user", id)).EnumerateArray()
            .Select(r => (r.GetProperty("id").GetString(), r.GetProperty("scope_id").GetString())).Order().ToList();
        Assert.Equal([(SystemRoleIds.AccountTechnicalAdmin, null), (SystemRoleIds.ProdenvTechnicalAdmin, pe)], roles);
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal("technical_admin", user.GetProperty("role").GetString());
    }

    [Fact]
    public async Task RolesAndPermissions_RolesOfMyChoice_AnAccountRoleAlone()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootBrowserAsync(account);
        var email = Unique.Email("billing");

        await browser.GetAsync(Page);
        var done = await browser.PostAsync(Page, [.. Row(0, email), ("access", "custom"), ("account_role", SystemRoleIds.AccountBilling), ("pe_role", "")]);

        Assert.Contains(email, done.Text("flash"));
        var roles = (await account.PrincipalRolesAsync("user", (await UserIdAsync(email))!)).EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal([SystemRoleIds.AccountBilling], roles);
    }

    [Fact]
    public async Task ProductEnvironmentPicker_SearchesOnTheServer_KeepsWhatWasTypedAndChosen_AndWorksByGetToo()
    {
        var account = await fixture.CreateAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 52; i++)
        {
            ids.Add((await account.CreateProductEnvironmentAsync($"Alpha {i:00}")).GetProperty("id").GetString()!);
        }
        var needle = (await account.CreateProductEnvironmentAsync("Zulu needle")).GetProperty("id").GetString()!;
        var browser = await RootBrowserAsync(account);
        var email = Unique.Email("kept");
        string[] Listed(FormPage page) => [.. page.All("name=\"pe\" value=\"([^\"]+)\"")];

        var first = await browser.GetAsync(Page);
        var searched = await browser.PostAsync($"{Page}?handler=search", [.. Row(0, email, "Kept"), ("pe_access", "selected"), ("pe", ids[51]), ("pe_q", "NEEDLE")]);
        var byGet = await browser.GetAsync($"{Page}?pe_q=zulu");

        Assert.Equal(50, Listed(first).Length);
        Assert.DoesNotContain(needle, Listed(first));
        Assert.Equal([ids[51], needle], Listed(searched));
        Assert.Contains($"id=\"pe-{ids[51]}\" type=\"checkbox\" name=\"pe\" value=\"{ids[51]}\" checked=\"checked\"", searched.Html);
        Assert.Equal(email, searched.Field("users[0].email"));
        Assert.Equal("Kept", searched.Field("users[0].first_name"));
        Assert.Null(await UserIdAsync(email));
        Assert.Equal([needle], Listed(byGet));
    }

    [Fact]
    public async Task AMediaLibraryUser_GetsTheForbiddenPage_AndItsPostCreatesNobody()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var email = Unique.Email("ml");
        var id = (await account.CreateUserAsync(email, "media_library_user")).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        var browser = await fixture.SignedInBrowserAsync(email);
        var counted = await UsersCountedAsync(account);

        var page = await browser.GetAsync(Page);
        var posted = await browser.PostAsync(Page, [.. Row(0, Unique.Email("sneaky")), ("role", "master_admin")]);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/console/forbidden", page.Path);
        Assert.Equal("/console/forbidden", posted.Path);
        Assert.Equal(counted, await UsersCountedAsync(account));
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "six", "rows-error" },
        { "long-names", "row-0-first-error" },
        { "bad-email", "row-0-email-error" },
        { "unknown-group", "group-error" },
        { "other-account-group", "group-error" },
        { "unknown-pe", "pe-error" },
        { "too-many-pe", "pe-error" },
        { "no-pe-chosen", "pe-error" },
        { "unknown-bundle", "bundle-error" },
        { "unknown-role", "account-role-error" },
        { "nothing", "row-0-email-error" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HostileInput_ComesBackWithTheReasonAtItsField_NeverA500_AndCreatesNobody(string kind, string errorAt)
    {
        var account = await fixture.CreateAccountAsync();
        var stranger = await fixture.CreateAccountAsync();
        var strangersGroup = (await stranger.CreateGroupAsync()).GetProperty("id").GetString()!;
        var browser = await RootBrowserAsync(account);
        var email = Unique.Email("hostile");
        var huge = new string('x', 10_000);
        (string, string)[] fields = kind switch
        {
            "six" => [.. Enumerable.Range(0, 6).SelectMany(i => Row(i, Unique.Email($"six{i}")))],
            "long-names" => [.. Row(0, email, huge, huge)],
            "bad-email" => [.. Row(0, "not an address <x@y>"), .. Row(1, "@" + huge)],
            "unknown-group" => [.. Row(0, email), ("group", "no-such-group")],
            "other-account-group" => [.. Row(0, email), ("group", strangersGroup)],
            "unknown-pe" => [.. Row(0, email), ("pe_access", "selected"), ("pe", huge)],
            "too-many-pe" => [.. Row(0, email), ("pe_access", "selected"), .. Enumerable.Range(0, 31).Select(i => ("pe", $"pe{i}"))],
            "no-pe-chosen" => [.. Row(0, email), ("pe_access", "selected")],
            "unknown-bundle" => [.. Row(0, email), ("access", "bundle"), ("bundle", huge)],
            "unknown-role" => [.. Row(0, email), ("access", "custom"), ("account_role", SystemRoleIds.ProdenvAdmin)],
            "nothing" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        await browser.GetAsync(Page);
        var page = await browser.PostAsync(Page, [.. fields, .. kind is "unknown-bundle" or "unknown-role" ? Array.Empty<(string, string)>() : _adminBundle]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(string.IsNullOrEmpty(page.Text(errorAt)), $"No error at {errorAt}:\n{page.Html}");
        Assert.Equal(1, await UsersCountedAsync(account));
        Assert.DoesNotContain(strangersGroup, page.Html);
    }

    [Fact]
    public async Task ForgedPosts_AWrongHandlerOrNoAntiforgeryToken_AreRefusedWithoutA500()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootBrowserAsync(account);

        await browser.GetAsync(Page);
        var wrongHandler = await browser.PostAsync($"{Page}?handler=nope", Row(0, Unique.Email()));
        var noToken = await browser.PostAsync(Page, new Dictionary<string, string> { ["users[0].email"] = Unique.Email() }, withAntiforgery: false);

        // Note: Razor Pages runs the page's unnamed post handler for a handler name it does not know; the bundle is missing.
        Assert.Equal(HttpStatusCode.OK, wrongHandler.Status);
        Assert.Equal("Choose one of the access bundles.", wrongHandler.Text("bundle-error"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        Assert.Equal(1, await UsersCountedAsync(account));
    }

    [Fact]
    public async Task TheSameAddressTwiceInOneForm_TheSecondRowIsRefused_TheFirstInvited()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootBrowserAsync(account);
        var email = Unique.Email("twice");

        await browser.GetAsync(Page);
        var page = await browser.PostAsync(Page, [.. Row(0, email), .. Row(1, email.ToUpperInvariant()), .. _adminBundle]);

        Assert.Equal($"Invited: {email}. Each gets an e-mail with a link to set a password.", page.Text("created"));
        Assert.Equal(email.ToUpperInvariant(), page.Field("users[0].email"));
        Assert.Equal("This address is already in another row.", page.Text("row-0-email-error"));
        Assert.Equal(2, await UsersCountedAsync(account));
    }
}
