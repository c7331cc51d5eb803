using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// Role Management over plain HTTP, as a browser without JavaScript uses it: the roles list, a role's page with its Cedar
/// and holders, giving and taking roles, custom roles and custom policies, Explain access, and what it refuses.
/// </summary>
public sealed class RolesPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Roles = "/console/roles";
    private const string UsersAndGroupsManage = PermissionsScenarios.UsersAndGroupsManage;
    private const string AccountManage = "cld::policy::global::account::manage";

    private static string RolePath(string id) => $"{Roles}/role/{Uri.EscapeDataString(id)}";

    private async Task<FormClient> RootAsync(TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    private static IReadOnlyList<string> Sections(FormPage page) =>
        Regex.Match(page.Html, "<nav aria-label=\"Console\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value is var nav
            ? Regex.Matches(nav, ">([^<]+)</a>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList()
            : [];

    private static object User(string id) => new { principal_type = "user", principal_id = id };

    private Task<int> RoleCountAsync(string accountId) => fixture.WithDbAsync(db => db.Roles.CountAsync(r => r.AccountId == accountId));

    /// <summary>Creates a custom role in the console and answers its id (from the page it lands on).</summary>
    private static async Task<string> CreateRoleInConsoleAsync(FormClient browser, string name, string scope, params string[] policies)
    {
        var fields = new List<(string, string)> { ("name", name), ("description", "Made in the console") };
        fields.AddRange(policies.Select(p => ("system_policy_ids", p)));
        var created = await browser.SubmitAsync($"{Roles}/new?scope={scope}", $"{Roles}/new?scope={scope}", [.. fields]);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.StartsWith(RolePath(""), created.Path);
        Assert.Equal($"The role {name} is created.", created.Text("flash"));
        return Uri.UnescapeDataString(created.Path[RolePath("").Length..]);
    }

    [Fact]
    public async Task List_OnARolesAccount_ShowsSystemRolesByScopeWithHoldersAndFiltersByScope()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, _) = await fixture.ActiveUserAsync(account);
        await account.GrantAsync(PermissionsScenarios.Admin, User(userId));
        var browser = await RootAsync(account);

        var list = await browser.GetAsync(Roles);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Roles", Sections(list));
        foreach (var heading in new[] { "Account roles", "Product environment roles", "Folder roles", "Collection roles" })
        {
            Assert.True(list.Contains(heading), heading);
        }
        var admin = Regex.Match(list.Html, "data-role-id=\"cld::role::account::admin\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("1 principal", admin);
        Assert.Contains(">Admin</a>", admin);
        Assert.Contains("Manage roles, users and groups", WebUtility.HtmlDecode(admin));
        Assert.True(list.Contains("Create a custom role"));

        var folders = await browser.GetAsync($"{Roles}?scope=folder");
        var ids = folders.All("data-role-id=\"([^\"]+)\"");
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.StartsWith("cld::role::folder::", id));
        Assert.False(folders.Contains("Account roles"));
    }

    [Fact]
    public async Task LegacyAccount_RoleManagementAnswers404_AndTheNavHasNoRolesLink()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var browser = await RootAsync(account);

        var home = await browser.GetAsync("/console");
        Assert.DoesNotContain("Roles", Sections(home));
        foreach (var path in new[] { Roles, RolePath(PermissionsScenarios.Admin), $"{Roles}/new", $"{Roles}/explain", $"{Roles}/policies", $"{Roles}/policies/new" })
        {
            var page = await browser.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{path}: {page.Status}");
            Assert.Contains("legacy permission system", page.Text("not-found"));
        }
        var posted = await browser.PostAsync($"{Roles}/new?scope=account", new Dictionary<string, string> { ["name"] = "Sneaky" });
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(0, await RoleCountAsync(account.Id));
    }

    [Fact]
    public async Task RolePage_ShowsItsPoliciesAsCedar_AndWhoHoldsIt()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var groupId = await account.CreateGroupIdAsync();
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        await account.GrantAsync(PermissionsScenarios.Admin, User(userId), new { principal_type = "group", principal_id = groupId });
        await account.GrantAsync(PermissionsScenarios.PeReports, new { principal_type = "apiKey", principal_id = pe.ApiKey, scope_id = pe.Id });
        var browser = await RootAsync(account);

        var admin = await browser.GetAsync(RolePath(PermissionsScenarios.Admin));

        Assert.Equal(HttpStatusCode.OK, admin.Status);
        Assert.Equal("Admin", admin.Text("role-name"));
        Assert.Equal("System role", admin.Text("role-kind"));
        var cedar = admin.Text("cedar")!;
        Assert.StartsWith("permit", cedar);
        Assert.Contains("Cloudinary::Feature::\"cld::global::users::view\"", WebUtility.HtmlDecode(Regex.Match(admin.Html, "data-testid=\"cedar\".*?</pre>", RegexOptions.Singleline).Value));
        Assert.Equal("2 principals hold this role", admin.Text("holder-count"));
        // Note: both were given in one request, at the same time; the page orders them by when, then by the assignment's id.
        Assert.Equal(new[] { userId, groupId }.Order(), admin.All("data-testid=\"holder\" data-principal-id=\"([^\"]+)\"").Order());
        Assert.True(admin.Contains(email));
        Assert.Contains("class=\"user-label\"", admin.Html);

        var reports = await browser.GetAsync(RolePath(PermissionsScenarios.PeReports));
        Assert.Equal([pe.ApiKey], reports.All("data-testid=\"holder\" data-principal-id=\"([^\"]+)\""));
        Assert.True(reports.Contains("API key"));
    }

    [Fact]
    public async Task GiveAndTakeARole_ThroughTheSearchPicker_AndTheRootUserIsRefusedWithTheReason()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var browser = await RootAsync(account);
        var path = RolePath(PermissionsScenarios.Reports);

        var found = await browser.GetAsync($"{path}?q={Uri.EscapeDataString(email)}");
        Assert.Contains($"user:{userId}", found.Html);
        var given = await browser.PostAsync($"{path}?handler=add", [("q", email), ("principal", $"user:{userId}")]);
        Assert.Equal(path, given.Path);
        Assert.Equal("The role Reports is given.", given.Text("flash"));
        Assert.Equal([userId], given.All("data-testid=\"holder\" data-principal-id=\"([^\"]+)\""));
        Assert.Contains((await account.PrincipalRolesAsync("user", userId)).EnumerateArray(), r => r.GetProperty("id").GetString() == PermissionsScenarios.Reports);

        await browser.GetAsync($"{path}?q={Uri.EscapeDataString(account.RootEmail)}");
        var refused = await browser.PostAsync($"{path}?handler=add", [("q", account.RootEmail), ("principal", $"user:{account.RootUserId}")]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.False(string.IsNullOrWhiteSpace(refused.Text("principal-error")));
        Assert.Contains("aria-invalid=\"true\"", refused.Html);

        var nobody = await browser.PostAsync($"{path}?handler=add", [("q", email)]);
        Assert.Contains("Choose whom to give the role to", nobody.Text("principal-error"));

        var assignment = await fixture.WithDbAsync(db => db.RoleAssignments.Where(a => a.AccountId == account.Id && a.PrincipalId == userId).Select(a => a.Id).SingleAsync());
        await browser.GetAsync(path);
        var taken = await browser.PostAsync($"{path}?handler=remove", [("assignment_id", assignment)]);
        Assert.Equal("The role Reports is taken away.", taken.Text("flash"));
        Assert.Equal("0 principals hold this role", taken.Text("holder-count"));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task GiveAFolderRole_AsksForTheFolderId_AndShowsTheRefusalAtThatField()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var browser = await RootAsync(account);
        var path = RolePath(PermissionsScenarios.FolderViewer);

        await browser.GetAsync($"{path}?q={Uri.EscapeDataString(email)}");
        var refused = await browser.PostAsync($"{path}?handler=add", [("q", email), ("principal", $"user:{userId}"), ("scope_id", pe.Id)]);
        Assert.Contains("folder_id", refused.Text("parameter-error"));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));

        var given = await browser.PostAsync($"{path}?handler=add", [("q", email), ("principal", $"user:{userId}"), ("scope_id", pe.Id), ("folder_id", "f-123")]);
        Assert.Equal($"The role {given.Text("role-name")} is given.", given.Text("flash"));
        Assert.True(given.Contains("Folder id: f-123"));
    }

    [Fact]
    public async Task CustomRole_CreateEditAndDelete_AndAHeldRoleAsksForTheForceConfirmation()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, _) = await fixture.ActiveUserAsync(account);
        var browser = await RootAsync(account);

        var nameless = await browser.SubmitAsync($"{Roles}/new?scope=account", $"{Roles}/new?scope=account", ("name", " "), ("system_policy_ids", AccountManage));
        Assert.Equal("Give the role a name.", nameless.Text("name-error"));
        Assert.Matches("value=\"" + Regex.Escape(AccountManage) + "\" checked", nameless.Html);
        var wrongScope = await browser.PostAsync($"{Roles}/new?scope=account", [("name", "Wrong"), ("system_policy_ids", PermissionsScenarios.UploadPresetsManage)]);
        Assert.Contains("takes only policies of its own scope", wrongScope.Text("policies-error"));
        Assert.Equal("Wrong", wrongScope.Field("name"));

        var id = await CreateRoleInConsoleAsync(browser, "Settings keepers", "account", AccountManage);
        var page = await browser.GetAsync(RolePath(id));
        Assert.Equal("Custom role", page.Text("role-kind"));
        Assert.True(page.Contains("Manage account settings"));

        var edited = await browser.SubmitAsync($"{RolePath(id)}/edit", $"{RolePath(id)}/edit",
            ("name", "Settings and users"), ("description", "Both"), ("system_policy_ids", AccountManage), ("system_policy_ids", UsersAndGroupsManage));
        Assert.Equal("The role Settings and users is saved.", edited.Text("flash"));
        Assert.Equal(2, edited.All("data-testid=\"policy\" data-policy-id=\"([^\"]+)\"").Count);

        var unheld = await browser.GetAsync($"{RolePath(id)}?handler=delete");
        Assert.NotNull(unheld.Text("delete-confirmation"));
        Assert.Null(unheld.Text("force-warning"));

        await account.GrantAsync(id, User(userId));
        var held = await browser.GetAsync($"{RolePath(id)}?handler=delete");
        Assert.Equal("1 principal holds this role; deleting it takes it from them.", held.Text("force-warning"));
        var withoutForce = await browser.PostAsync($"{RolePath(id)}?handler=delete", new Dictionary<string, string>());
        Assert.NotNull(withoutForce.Text("delete-error"));
        Assert.Equal(1, await RoleCountAsync(account.Id));

        var deleted = await browser.PostAsync($"{RolePath(id)}?handler=delete", [("force", "true")]);
        Assert.Equal(Roles, deleted.Path);
        Assert.Equal("The role Settings and users is deleted.", deleted.Text("flash"));
        Assert.Equal(0, await RoleCountAsync(account.Id));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Theory]
    [InlineData("new")]
    [InlineData("policies")]
    [InlineData("explain")]
    public async Task RolePage_OfARoleNamedLikeAPage_IsTheRolesPage_AndThePageStays(string id)
    {
        var account = await fixture.CreateAccountAsync();
        await account.CreateRoleAsync(new { id, name = "Called " + id, permission_type = "global", scope_type = "account", system_policy_ids = new[] { AccountManage } });
        var browser = await RootAsync(account);

        var list = await browser.GetAsync(Roles);
        Assert.Contains($"href=\"{RolePath(id)}\"", list.Html, StringComparison.Ordinal);
        var role = await browser.GetAsync(RolePath(id));
        Assert.Equal(HttpStatusCode.OK, role.Status);
        Assert.Equal("Called " + id, role.Text("role-name"));
        var edit = await browser.GetAsync($"{RolePath(id)}/edit");
        Assert.Equal("Called " + id, edit.Field("name"));
        var page = await browser.GetAsync($"{Roles}/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Text("role-name"));
    }

    [Fact]
    public async Task CustomRole_OnANonEnterprisePlan_IsRefusedWithTheApisMessage()
    {
        var account = await fixture.CreateAccountAsync(Plan.Advanced);
        var browser = await RootAsync(account);

        var list = await browser.GetAsync(Roles);
        Assert.Equal(CustomPermissions.Message, list.Text("custom-refused"));
        Assert.False(list.Contains("Create a custom role"));
        var form = await browser.GetAsync($"{Roles}/new");
        Assert.Equal(CustomPermissions.Message, form.Text("form-error"));

        var posted = await browser.PostAsync($"{Roles}/new?scope=account", [("name", "Not here"), ("system_policy_ids", AccountManage)]);
        Assert.Equal(CustomPermissions.Message, posted.Text("form-error"));
        Assert.Equal(0, await RoleCountAsync(account.Id));
        var policies = await browser.GetAsync($"{Roles}/policies/new");
        Assert.Equal(CustomPermissions.Message, policies.Text("form-error"));
    }

    [Fact]
    public async Task CustomPolicy_WithASyntaxError_ShowsLineAndColumn_AndIsNotSaved_AValidOneSaves_EditsAndDeletes()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootAsync(account);
        const string editor = "/console/roles/policies/new";
        const string broken = "permit(\n  principal,\n  action == Cloudinary::Action::\"read\",\n  resource\n;";

        var refused = await browser.SubmitAsync(editor, editor, ("name", "Readers"), ("scope", "account"), ("enabled", "true"), ("policy_statement", broken));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Matches(@"^Line \d+, column \d+:", refused.Text("statement-error"));
        Assert.Matches("id=\"policy-statement\"[^>]*aria-invalid=\"true\"", refused.Html);
        Assert.Matches("id=\"policy-statement\"[^>]*aria-describedby=\"[^\"]*statement-errors", refused.Html);
        Assert.True(refused.Contains(broken));
        Assert.Equal("Readers", refused.Field("name"));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.CustomPolicies.CountAsync(p => p.AccountId == account.Id)));

        var unknownType = await browser.PostAsync(editor, [("name", "Robots"), ("scope", "account"), ("policy_statement", "permit(principal is Cloudinary::Robot, action, resource);")]);
        Assert.Contains("Robot", unknownType.Text("statement-error"));

        var statement = $"permit(principal == Cloudinary::User::\"{account.RootUserId}\", action == Cloudinary::Action::\"read\", resource == Cloudinary::Feature::\"cld::global::users::view\");";
        var saved = await browser.PostAsync(editor, [("name", "Readers"), ("scope", "account"), ("enabled", "true"), ("policy_statement", statement)]);
        Assert.Equal("The custom policy Readers is saved.", saved.Text("flash"));
        var policyId = await fixture.WithDbAsync(db => db.CustomPolicies.Where(p => p.AccountId == account.Id).Select(p => p.Id).SingleAsync());
        Assert.Equal($"/console/roles/policies/{policyId}", saved.Path);
        var list = await browser.GetAsync("/console/roles/policies");
        Assert.Equal([policyId], list.All("data-testid=\"custom-policy\" data-policy-id=\"([^\"]+)\""));

        var edited = await browser.SubmitAsync(saved.Path, saved.Path, ("name", "User readers"), ("scope", "account"), ("policy_statement", statement));
        Assert.Equal("The custom policy User readers is saved.", edited.Text("flash"));
        Assert.False(await fixture.WithDbAsync(db => db.CustomPolicies.Where(p => p.Id == policyId).Select(p => p.Enabled).SingleAsync()));

        var confirm = await browser.GetAsync($"{saved.Path}?handler=delete");
        Assert.NotNull(confirm.Text("delete-confirmation"));
        var deleted = await browser.PostAsync($"{saved.Path}?handler=delete", new Dictionary<string, string>());
        Assert.Equal("The custom policy User readers is deleted.", deleted.Text("flash"));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.CustomPolicies.CountAsync(p => p.AccountId == account.Id)));
    }

    [Fact]
    public async Task ExplainAccess_AllowsTheRootUser_AndDeniesAUserWithoutRolesWithTheReason_AndNamesBadInputAtItsField()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var browser = await RootAsync(account);
        static string Ask(string type, string id, string resourceType = "Feature", string resourceId = "cld::global::users::view", string environment = "") =>
            $"/console/roles/explain?principal_type={type}&principal_id={Uri.EscapeDataString(id)}&action=read&resource_type={resourceType}"
            + $"&resource_id={Uri.EscapeDataString(resourceId)}&product_environment_id={environment}&decide=1";

        var root = await browser.GetAsync(Ask("user", account.RootUserId));
        Assert.Equal("Allow", root.Text("decision"));
        Assert.Contains("root user holds every permission", root.Text("reason"));

        var found = await browser.GetAsync($"/console/roles/explain?principal_search={Uri.EscapeDataString(email)}&find=1&action=read");
        Assert.Contains($"principal_id={userId}", WebUtility.HtmlDecode(found.Html));

        var plain = await browser.GetAsync(Ask("user", userId));
        Assert.Equal("Deny", plain.Text("decision"));
        Assert.Contains("No policy permits this", plain.Text("reason"));

        await account.GrantAsync(PermissionsScenarios.Admin, User(userId));
        var admin = await browser.GetAsync(Ask("user", userId));
        Assert.Equal("Allow", admin.Text("decision"));
        Assert.Contains("Manage users and groups, of the role Admin", admin.Text("reason"));

        var unknown = await browser.GetAsync(Ask("user", "no-such-user"));
        Assert.Equal("This account has no user with that id.", unknown.Text("principal-id-error"));
        Assert.Null(unknown.Text("decision"));
        var folder = await browser.GetAsync(Ask("user", userId, "Folder", "f1"));
        Assert.NotNull(folder.Text("product-environment-error"));
        var otherEnvironment = await browser.GetAsync(Ask("user", userId, "Folder", "f1", "not-an-environment"));
        Assert.Equal("This account has no product environment with that id.", otherEnvironment.Text("product-environment-error"));
        var badType = await browser.GetAsync(Ask("user", userId, "Spaceship"));
        Assert.NotNull(badType.Text("resource-type-error"));
    }

    [Fact]
    public async Task ACustomRoleOfUserManagement_GivesOnlyThoseSections_AndRoleManagementIsForbidden()
    {
        var account = await fixture.CreateAccountAsync();
        var (userId, email) = await fixture.ActiveUserAsync(account);
        var root = await RootAsync(account);
        var roleId = await CreateRoleInConsoleAsync(root, "User managers", "account", UsersAndGroupsManage);
        await root.GetAsync($"{RolePath(roleId)}?q={Uri.EscapeDataString(email)}");
        var given = await root.PostAsync($"{RolePath(roleId)}?handler=add", [("q", email), ("principal", $"user:{userId}")]);
        Assert.Equal("The role User managers is given.", given.Text("flash"));

        var user = await fixture.SignedInBrowserAsync(email);
        var home = await user.GetAsync("/console");
        // Note: the system policy of user management covers users and their groups, so Groups comes with it.
        Assert.Equal("Home,Users,Groups,My Profile", string.Join(",", Sections(home)));
        var roles = await user.GetAsync(Roles);
        Assert.Equal(HttpStatusCode.Forbidden, roles.Status);
        Assert.Equal("/console/forbidden", roles.Path);
        Assert.NotNull(roles.Text("forbidden"));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/console/roles/explain")).Status);

        // A custom policy can narrow it further: users only.
        var (readerId, readerEmail) = await fixture.ActiveUserAsync(account);
        var statement = $"permit(principal == Cloudinary::User::\"{readerId}\", action == Cloudinary::Action::\"read\", resource == Cloudinary::Feature::\"cld::global::users::view\");";
        var saved = await root.SubmitAsync("/console/roles/policies/new", "/console/roles/policies/new",
            ("name", "Users only"), ("scope", "account"), ("enabled", "true"), ("policy_statement", statement));
        Assert.Equal("The custom policy Users only is saved.", saved.Text("flash"));
        var reader = await fixture.SignedInBrowserAsync(readerEmail);
        Assert.Equal("Home,Users,My Profile", string.Join(",", Sections(await reader.GetAsync("/console"))));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync(Roles)).Status);
    }

    [Fact]
    public async Task HostileInput_NeverAnswers500_AndAnotherAccountsRoleIsNotFound()
    {
        var other = await fixture.CreateAccountAsync();
        var otherRole = await other.CreateRoleAsync(new { name = "Theirs", permission_type = "global", scope_type = "account", system_policy_ids = new[] { AccountManage } });
        var account = await fixture.CreateAccountAsync();
        var browser = await RootAsync(account);
        var huge = new string('x', 20_000);

        foreach (var path in new[]
                 {
                     RolePath(otherRole), $"{RolePath(otherRole)}/edit", $"{RolePath(otherRole)}?handler=delete", RolePath("no-such-role"),
                     RolePath(new string('r', 3000)), "/console/roles/policies/no-such-policy", $"{Roles}?scope={huge[..3000]}&page=-4",
                     $"{RolePath(PermissionsScenarios.Admin)}?page=99999999999&q={huge[..3000]}",
                     $"/console/roles/explain?principal_type=robot&principal_id={huge[..3000]}&action=fly&resource_type=Feature&decide=1",
                     $"/console/roles/explain?principal_type=user&principal_id=x&action=read&resource_type=Folder&resource_id=f&product_environment_id=p&ancestor_ids={string.Join(",", Enumerable.Range(0, 300))}&decide=1",
                 })
        {
            var page = await browser.GetAsync(path);
            Assert.True((int)page.Status is 200 or 404, $"{path[..Math.Min(path.Length, 120)]}: {page.Status}");
            Assert.DoesNotContain("Theirs", page.Html);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(RolePath(otherRole))).Status);

        await browser.GetAsync(Roles);
        foreach (var (path, fields) in new (string, (string, string)[])[]
                 {
                     ($"{RolePath(otherRole)}?handler=delete", [("force", "true")]),
                     ($"{RolePath(otherRole)}/edit", [("name", "Mine now")]),
                     ($"{RolePath(otherRole)}?handler=add", [("principal", $"user:{account.RootUserId}")]),
                     ($"{RolePath(PermissionsScenarios.Admin)}?handler=add", [("principal", "user:" + huge)]),
                     ($"{RolePath(PermissionsScenarios.Admin)}?handler=add", [("principal", "robot:1")]),
                     ($"{RolePath(PermissionsScenarios.Admin)}?handler=remove", [("assignment_id", huge)]),
                     ($"{RolePath(PermissionsScenarios.Admin)}?handler=delete", []),
                     ($"{RolePath(PermissionsScenarios.Admin)}?handler=nonsense", []),
                     ($"{Roles}/new?scope=account", [("name", huge), ("description", huge), ("system_policy_ids", huge)]),
                     ($"{Roles}/new?scope=account", [("name", "Fine"), ("system_policy_ids", "cld::policy::nope")]),
                     ("/console/roles/policies/new", [("name", "Big"), ("scope", "account"), ("policy_statement", huge)]),
                     ("/console/roles/policies/new", [("name", "Scoped"), ("scope", huge[..300]), ("policy_statement", "permit(principal, action, resource);")]),
                     ("/console/roles/policies/no-such-policy?handler=delete", []),
                 })
        {
            var page = await browser.PostAsync(path, fields);
            Assert.True((int)page.Status is 200 or 400 or 404 or 405, $"{path}: {page.Status}");
        }
        Assert.Equal(1, await RoleCountAsync(other.Id));
        Assert.Equal("Theirs", await fixture.WithDbAsync(db => db.Roles.Where(r => r.Id == otherRole).Select(r => r.Name).SingleAsync()));
        Assert.Equal(0, await RoleCountAsync(account.Id));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.CustomPolicies.CountAsync(p => p.AccountId == account.Id)));

        var big = await browser.PostAsync("/console/roles/policies/new", [("name", "Big"), ("scope", "account"), ("policy_statement", huge)]);
        Assert.Contains("longer than", big.Text("statement-error"));
        var longName = await browser.PostAsync($"{Roles}/new?scope=account", [("name", huge), ("system_policy_ids", AccountManage)]);
        Assert.NotNull(longName.Text("name-error"));
    }
}
