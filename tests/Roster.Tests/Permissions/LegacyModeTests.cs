using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.LegacyScenarios;

namespace Roster.Tests.Permissions;

/// <summary>Decisions in a legacy account: each user's one role string, shares of users and groups, unrestricted API keys.</summary>
public sealed class LegacyModeTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Users = CloudinaryFeatures.UsersCreate;
    private const string Billing = CloudinaryFeatures.BillingView;
    private const string AccountUsage = CloudinaryFeatures.AccountUsageView;
    private const string Settings = CloudinaryFeatures.SettingsUpdate;
    private const string MediaLibrary = CloudinaryFeatures.MediaLibraryAccess;

    [Theory]
    // role, what is asked (feature, on the user's product environment / on another / at account level), expected
    [InlineData("master_admin", Users, "account", "allow")]
    [InlineData("master_admin", Settings, "other", "allow")]
    [InlineData("admin", Users, "account", "allow")]
    [InlineData("admin", Billing, "account", "deny")]
    [InlineData("admin", Settings, "own", "allow")]
    [InlineData("admin", Settings, "other", "deny")]
    [InlineData("technical_admin", Users, "account", "deny")]
    [InlineData("technical_admin", Settings, "own", "allow")]
    [InlineData("billing", Billing, "account", "allow")]
    [InlineData("billing", Settings, "own", "deny")]
    [InlineData("reports", AccountUsage, "account", "allow")]
    [InlineData("reports", Users, "account", "deny")]
    [InlineData("media_library_admin", MediaLibrary, "own", "allow")]
    [InlineData("media_library_admin", Settings, "own", "deny")]
    [InlineData("media_library_admin", Users, "account", "deny")]
    [InlineData("media_library_user", MediaLibrary, "own", "allow")]
    [InlineData("media_library_user", MediaLibrary, "other", "deny")]
    [InlineData("media_library_user", Billing, "account", "deny")]
    public async Task Authorize_LegacyUser_DecidedByTheRoleStringOnItsProductEnvironments(string role, string feature, string where, string expected)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var own = await account.CreateProductEnvironmentWithKeyAsync();
        var other = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync(role, own.Id);

        var decision = await account.DecisionAsync(Principal("user", user), "update",
            Feature(feature, where switch { "own" => own.Id, "other" => other.Id, _ => null }));

        Assert.Equal(expected, decision);
    }

    [Fact]
    public async Task Authorize_LegacyUserWithAllProductEnvironments_HasOneCreatedLater()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var user = await account.CreateUserIdAsync("technical_admin");
        var later = await account.CreateProductEnvironmentWithKeyAsync();

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "update", Feature(Settings, later.Id)));
    }

    [Fact]
    public async Task Authorize_MediaLibraryUser_SeesOnlySharedFoldersAndWhatIsBelowThem()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "shared")));

        (await fixture.ShareFolderAsync(pe, "shared", "user", user, [SystemRoleIds.FolderViewer])).Ok();

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "shared")));
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "below", "shared")));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "sibling")));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "update", Folder(pe.Id, "shared")));
    }

    [Fact]
    public async Task Authorize_GroupShare_ReachesItsMembersAndNotOthers()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var member = await account.CreateUserIdAsync("media_library_user", pe.Id);
        var outsider = await account.CreateUserIdAsync("media_library_user", pe.Id);
        var group = await account.CreateGroupIdAsync(member);

        (await fixture.ShareFolderAsync(pe, "team", "group", group, [SystemRoleIds.FolderEditor])).Ok();

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", member), "update", Folder(pe.Id, "team")));
        Assert.Equal("allow", await account.DecisionAsync(Principal("group", group), "update", Folder(pe.Id, "team")));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", outsider), "read", Folder(pe.Id, "team")));
    }

    [Fact]
    public async Task Authorize_LegacyApiKey_UnrestrictedInItsProductEnvironmentOnly()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var other = await account.CreateProductEnvironmentWithKeyAsync();
        var key = Principal("apiKey", pe.ApiKey);

        Assert.Equal("allow", await account.DecisionAsync(key, "update", Feature(Settings, pe.Id)));
        Assert.Equal("allow", await account.DecisionAsync(key, "delete", Folder(pe.Id, "anything", "deep")));
        Assert.Equal("deny", await account.DecisionAsync(key, "update", Feature(Settings, other.Id)));
        Assert.Equal("deny", await account.DecisionAsync(key, "create", Feature(Users)));
    }

    [Fact]
    public async Task Authorize_AfterTheRoleStringChanges_DecidesByTheNewRole()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var user = await account.CreateUserIdAsync("billing");
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "create", Feature(Users)));

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { role = "admin" })).Ok();

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "create", Feature(Users)));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "read", Feature(Billing)));
    }

    [Fact]
    public async Task Authorize_DeletedLegacyUser_HoldsNothing()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var user = await account.CreateUserIdAsync("admin");
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "create", Feature(Users)));

        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{user}")).Ok();

        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "create", Feature(Users)));
    }

    [Fact]
    public async Task LegacyAccount_UserRoleString_StoredAndReadAsWrittenWithoutAssignments()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var user = await account.CreateUserIdAsync("reports");

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { role = "technical_admin" })).Ok();

        Assert.Equal("technical_admin", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task FolderRoles_ApiKeyAsPrincipalInLegacyAccount_403SayingToMigrate()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();

        var response = await fixture.ShareFolderAsync(pe, "f", "apiKey", pe.ApiKey, [SystemRoleIds.FolderViewer]);

        Assert.Contains("legacy permission system", response.Error(403));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task PermissionsApi_GlobalRoleForAUserInLegacyAccount_403SayingToMigrateAndWorksOnceMigrated()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var user = await account.CreateUserIdAsync("billing");
        var body = new { operation = "add", principal = new { type = "user", id = user }, roles = new[] { new { id = SystemRoleIds.AccountAdmin } } };

        var refused = await account.Client.PutJsonAsync($"{account.V2()}/principal_roles", body);
        var viaRole = await account.AssignAsync(SystemRoleIds.AccountAdmin, "add", new { principal_type = "user", principal_id = user });

        Assert.Contains("legacy permission system", refused.V2Error(403, PermissionsErrorBody.RefusedCode).GetProperty("message").GetString());
        viaRole.V2Error(403, PermissionsErrorBody.RefusedCode);
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));

        (await account.Client.PostJsonAsync($"{account.V2()}/migration", new { dry_run = false })).Ok();
        Assert.Equal(200, (await account.Client.PutJsonAsync($"{account.V2()}/principal_roles", body)).Code);
    }

    [Fact]
    public async Task PermissionsApi_FolderRoleForAUserOrGroupInLegacyAccount_Works_ForAnApiKey_403()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        var group = await account.CreateGroupIdAsync();
        object Share(string type, string id) => new { principal_type = type, principal_id = id, scope_id = pe.Id, policy_parameters = new { folder_id = "f" } };

        await account.GrantAsync(SystemRoleIds.FolderViewer, Share("user", user), Share("group", group));
        var key = await account.AssignAsync(SystemRoleIds.FolderViewer, "add", Share("apiKey", pe.ApiKey));

        key.V2Error(403, PermissionsErrorBody.RefusedCode);
        Assert.Equal(2, (await fixture.AssignmentsAsync(account.Id)).Count);
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "f")));
    }

    [Theory]
    [InlineData("POST", "/roles")]
    [InlineData("PUT", "/roles/some_role")]
    [InlineData("DELETE", "/roles/some_role")]
    [InlineData("GET", "/policies/custom")]
    [InlineData("POST", "/policies/custom")]
    public async Task PermissionsApi_CustomRolesAndPoliciesInLegacyAccount_403(string method, string path)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);

        var response = await account.Client.SendAsync(new HttpMethod(method), account.V2() + path,
            method == "GET" || method == "DELETE" ? null : Http.Json(new { name = "n", permission_type = "global", scope_type = "account", policy_statement = "permit(principal, action, resource);" }));

        Assert.Contains("migrate it first", response.V2Error(403, PermissionsErrorBody.RefusedCode).GetProperty("message").GetString());
    }

    [Fact]
    public async Task PermissionsApi_CatalogueAndRoleListsInLegacyAccount_KeepWorking()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);

        Assert.Equal(200, (await fixture.Anonymous().GetJsonAsync("/v2/accounts/permissions/public/catalog")).Code);
        Assert.NotEmpty((await account.Client.GetJsonAsync($"{account.V2()}/roles?permission_type=global")).Data().EnumerateArray());
        Assert.NotEmpty((await account.Client.GetJsonAsync($"{account.V2()}/policies/system")).Data().EnumerateArray());
    }
}
