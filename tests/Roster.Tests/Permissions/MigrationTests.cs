using System.Text.Json;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.LegacyScenarios;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Tests.Permissions;

/// <summary>The one-way migration of a legacy account: its plan, what it writes, and that every decision stays the same.</summary>
public sealed class MigrationTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static Task<ApiResponse> MigrateAsync(TestAccount account, bool dryRun) =>
        account.Client.PostJsonAsync($"{account.V2()}/migration", new { dry_run = dryRun });

    [Theory]
    // The seeds' mapping: admin-level roles get an account and a product-environment role; billing and reports
    // an account role only; the Media Library roles a product-environment role only.
    [InlineData("master_admin", R.AccountMasterAdmin, R.ProdenvMasterAdmin)]
    [InlineData("admin", R.AccountAdmin, R.ProdenvAdmin)]
    [InlineData("technical_admin", R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin)]
    [InlineData("billing", R.AccountBilling, null)]
    [InlineData("reports", R.AccountReports, null)]
    [InlineData("media_library_admin", null, R.ProdenvMediaLibraryAdmin)]
    [InlineData("media_library_user", null, R.ProdenvMediaLibraryUser)]
    public async Task DryRun_LegacyRole_PlansTheMappedRolesOnTheUsersProductEnvironments(string role, string? accountRole, string? productEnvironmentRole)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var first = await account.CreateProductEnvironmentWithKeyAsync();
        var second = await account.CreateProductEnvironmentWithKeyAsync();
        // Master admins always have every product environment; the others keep the two they were given.
        var user = await account.CreateUserIdAsync(role, first.Id, second.Id);

        var plan = (await MigrateAsync(account, dryRun: true)).Data();

        var holds = plan.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("id").GetString() == user).GetProperty("holds")
            .EnumerateArray().Select(h => (h.GetProperty("role_id").GetString(), h.GetProperty("scope_type").GetString(), ScopeOf(h))).ToList();
        var expected = new List<(string?, string?, string?)>();
        if (accountRole is not null) expected.Add((accountRole, "account", null));
        if (productEnvironmentRole is not null)
        {
            expected.AddRange(role == "master_admin"
                ? [(productEnvironmentRole, "prodenv", "all")]
                : new[] { first.Id, second.Id }.Order(StringComparer.Ordinal).Select(pe => ((string?)productEnvironmentRole, (string?)"prodenv", (string?)pe)));
        }
        Assert.Equal(expected, holds);
        Assert.Equal(role, plan.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("id").GetString() == user)
            .GetProperty("legacy_role").GetString());
    }

    [Fact]
    public async Task DryRun_ChangesNothing()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        await account.CreateProductEnvironmentWithKeyAsync();
        await account.CreateUserIdAsync("admin");
        var before = await fixture.PermissionStateAsync(account.Id);

        var plan = (await MigrateAsync(account, dryRun: true)).Data();

        Assert.True(plan.GetProperty("dry_run").GetBoolean());
        Assert.Equal(before, await fixture.PermissionStateAsync(account.Id));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
        Assert.Equal(0, await fixture.AuditCountAsync(account.Id, "account.migrate_permissions"));
    }

    [Fact]
    public async Task Migrate_KeysRootGroupsAndShares_PlanSaysWhatEachHoldsAndTheRunWritesExactlyThat()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var viewer = await account.CreateUserIdAsync("media_library_user", pe.Id);
        var group = await account.CreateGroupIdAsync(viewer);
        (await fixture.ShareFolderAsync(pe, "brand", "group", group, [R.FolderManager])).Ok();
        (await fixture.ShareFolderAsync(pe, "mine", "user", viewer, [R.FolderViewer])).Ok();

        var plan = (await MigrateAsync(account, dryRun: false)).Data();

        var root = plan.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("root").GetBoolean());
        Assert.Equal(account.RootUserId, root.GetProperty("id").GetString());
        Assert.Empty(root.GetProperty("holds").EnumerateArray());
        var key = Assert.Single(plan.GetProperty("api_keys").EnumerateArray());
        Assert.Equal(pe.ApiKey, key.GetProperty("api_key").GetString());
        var keyHolds = Assert.Single(key.GetProperty("holds").EnumerateArray());
        Assert.Equal((R.ProdenvMasterAdmin, pe.Id, "api_key"),
            (keyHolds.GetProperty("role_id").GetString(), keyHolds.GetProperty("scope_id").GetString(), keyHolds.GetProperty("source").GetString()));
        var groupHolds = Assert.Single(Assert.Single(plan.GetProperty("groups").EnumerateArray()).GetProperty("holds").EnumerateArray());
        Assert.Equal((R.FolderManager, "brand", "share"), (groupHolds.GetProperty("role_id").GetString(),
            groupHolds.GetProperty("policy_parameters").GetProperty("folder_id").GetString(), groupHolds.GetProperty("source").GetString()));

        Assert.Equal(
            new List<(string, string, string?)>
            {
                (group, R.FolderManager, pe.Id), (pe.ApiKey, R.ProdenvMasterAdmin, pe.Id),
                (viewer, R.FolderViewer, pe.Id), (viewer, R.ProdenvMediaLibraryUser, pe.Id),
            }.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2, StringComparer.Ordinal),
            (await fixture.AssignmentsAsync(account.Id)).OrderBy(a => a.PrincipalId, StringComparer.Ordinal).ThenBy(a => a.RoleId, StringComparer.Ordinal));
        Assert.Equal(2, plan.GetProperty("new_assignments").GetInt32());
        Assert.Equal(2, plan.GetProperty("principals_changed").GetInt32());
    }

    [Fact]
    public async Task Migrate_Real_SwitchesToRolesBumpsTheVersionAndAuditsEachPrincipalChangedAndTheMigration()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        await account.CreateProductEnvironmentWithKeyAsync();
        var admin = await account.CreateUserIdAsync("admin");
        await account.CreateUserIdAsync("billing");
        var (_, version) = await fixture.PermissionStateAsync(account.Id);

        var plan = (await MigrateAsync(account, dryRun: false)).Data();

        var (system, after) = await fixture.PermissionStateAsync(account.Id);
        Assert.Equal(PermissionSystem.Roles, system);
        Assert.True(after > version);
        Assert.False(plan.GetProperty("dry_run").GetBoolean());
        // Two users and one key changed; the root user did not.
        Assert.Equal(3, await fixture.AuditCountAsync(account.Id, "permissions.migrate_principal"));
        Assert.Equal(1, await fixture.AuditCountAsync(account.Id, "account.migrate_permissions"));
        Assert.Contains((admin, R.AccountAdmin, (string?)null), await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task Migrate_Twice_SecondRefusedWith409AndNothingMoreWritten()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        await account.CreateUserIdAsync("admin");
        (await MigrateAsync(account, dryRun: false)).Data();
        var assignments = await fixture.AssignmentsAsync(account.Id);

        var again = await MigrateAsync(account, dryRun: false);
        var dryAgain = await MigrateAsync(account, dryRun: true);

        Assert.Contains("one-way", again.V2Error(409, PermissionsErrorBody.RefusedCode).GetProperty("message").GetString());
        dryAgain.V2Error(409, PermissionsErrorBody.RefusedCode);
        Assert.Equal(assignments, await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task Migrate_AccountCreatedOnRoles_409()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        (await MigrateAsync(account, dryRun: false)).V2Error(409, PermissionsErrorBody.RefusedCode);
    }

    [Fact]
    public async Task Migrate_ConcurrentRuns_ExactlyOneMigrates()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        await account.CreateProductEnvironmentWithKeyAsync();
        await account.CreateUserIdAsync("technical_admin");

        var responses = await Scenarios.AllAtOnceAsync(4, _ => MigrateAsync(account, dryRun: false));

        Assert.Single(responses, r => r.Code == 200);
        Assert.Equal(3, responses.Count(r => r.Code == 409));
        Assert.Equal(1, await fixture.AuditCountAsync(account.Id, "account.migrate_permissions"));
        Assert.Equal(3, (await fixture.AssignmentsAsync(account.Id)).Count);
    }

    /// <summary>"All existing permissions are preserved": a grid of principals, actions and resources decides the same before and after.</summary>
    [Fact]
    public async Task Migrate_GridOfDecisions_SameBeforeAndAfter()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe1 = await account.CreateProductEnvironmentWithKeyAsync();
        var pe2 = await account.CreateProductEnvironmentWithKeyAsync();
        var users = new List<string> { account.RootUserId };
        foreach (var role in WireEnum<LegacyRole>.Names)
        {
            users.Add(await account.CreateUserIdAsync(role, pe1.Id));
            users.Add(await account.CreateUserIdAsync(role));
        }
        var viewer = await account.CreateUserIdAsync("media_library_user", pe1.Id);
        var member = await account.CreateUserIdAsync("billing", pe2.Id);
        var group = await account.CreateGroupIdAsync(member, viewer);
        (await fixture.ShareFolderAsync(pe1, "shared", "user", viewer, [R.FolderViewer])).Ok();
        (await fixture.ShareFolderAsync(pe2, "team", "group", group, [R.FolderContributor])).Ok();
        var principals = users.Concat([viewer, member]).Select(u => Principal("user", u))
            .Concat([Principal("group", group), Principal("apiKey", pe1.ApiKey), Principal("apiKey", pe2.ApiKey), Principal("provisioningKey", account.ApiKey)])
            .ToList();
        var asks = new List<(string Action, object Resource)>
        {
            ("create", Feature(CloudinaryFeatures.UsersCreate)), ("read", Feature(CloudinaryFeatures.BillingView)),
            ("read", Feature(CloudinaryFeatures.AccountUsageView)), ("update", Feature(CloudinaryFeatures.AccountSecurityUpdate)),
            ("read", new { type = "Account" }), ("create", new { type = "ProductEnvironment", id = "new" }),
        };
        foreach (var pe in new[] { pe1, pe2 })
        {
            asks.AddRange(
            [
                ("update", Feature(CloudinaryFeatures.SettingsUpdate, pe.Id)), ("read", Feature(CloudinaryFeatures.MediaLibraryAccess, pe.Id)),
                ("read", Feature(CloudinaryFeatures.UsageView, pe.Id)), ("create", new { type = "UploadPreset", id = "p", product_environment_id = pe.Id }),
                ("read", Folder(pe.Id, "shared")), ("read", Folder(pe.Id, "sub", "shared")), ("update", Folder(pe.Id, "shared")),
                ("create", new { type = "Asset", id = "a", product_environment_id = pe.Id, ancestor_ids = new[] { "team" } }),
                ("read", Folder(pe.Id, "team")), ("delete", Folder(pe.Id, "elsewhere")),
                ("read", new { type = "Collection", id = "c", product_environment_id = pe.Id }),
            ]);
        }

        var before = await GridAsync(account, principals, asks);
        (await MigrateAsync(account, dryRun: false)).Data();
        var after = await GridAsync(account, principals, asks);

        Assert.Equal(principals.Count * asks.Count, before.Count);
        Assert.Equal(before, after);
        // The grid is not trivial: many allows and many denies.
        Assert.InRange(before.Count(d => d == "allow"), before.Count / 5, before.Count * 4 / 5);
    }

    [Fact]
    public async Task Migrate_UsersRoleField_ReadsAsBefore()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        foreach (var role in WireEnum<LegacyRole>.Names)
        {
            await account.CreateUserIdAsync(role, pe.Id);
        }
        var before = await RolesAsync(account);

        (await MigrateAsync(account, dryRun: false)).Data();

        Assert.Equal(before, await RolesAsync(account));
        Assert.Equal(WireEnum<LegacyRole>.Names.Count + 1, before.Count);
    }

    [Fact]
    public async Task Migrate_RoleOnEveryProductEnvironment_ListedAndRemovableThroughThePermissionsApi()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_admin");
        (await MigrateAsync(account, dryRun: false)).Data();

        var held = await account.PrincipalRolesAsync("user", user);
        (await account.Client.PutJsonAsync($"{account.V2()}/principal_roles", new
        {
            operation = "remove", principal = new { type = "user", id = user },
            roles = new[] { new { id = R.ProdenvMediaLibraryAdmin, scope_id = "all" } },
        })).Message.EnsureSuccessStatusCode();

        var role = Assert.Single(held.EnumerateArray());
        Assert.Equal((R.ProdenvMediaLibraryAdmin, "all"), (role.GetProperty("id").GetString(), role.GetProperty("scope_id").GetString()));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "f")));
    }

    [Fact]
    public async Task Migrate_UnknownAccountInThePath_401()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);

        var response = await account.Client.PostJsonAsync($"/v2/accounts/{Secrets.NewId()}/permissions/migration", new { dry_run = true });

        Assert.Equal(401, response.Code);
    }

    [Fact]
    public async Task Migrate_DryRunNotABoolean_400NamingIt()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);

        var response = await account.Client.PostJsonAsync($"{account.V2()}/migration", new { dry_run = "maybe" });

        Assert.Contains("dry_run", response.V2Error(400, PermissionsErrorBody.InvalidInputCode).FieldNames());
        Assert.Equal(PermissionSystem.Legacy, (await fixture.PermissionStateAsync(account.Id)).System);
    }

    private static async Task<List<string>> GridAsync(TestAccount account, IReadOnlyList<object> principals, IReadOnlyList<(string Action, object Resource)> asks)
    {
        var decisions = new List<string>();
        foreach (var principal in principals)
        {
            var data = (await account.Client.PostJsonAsync($"{account.V2()}/authorize/batch",
                new { requests = asks.Select(a => new { principal, action = a.Action, resource = a.Resource }) })).Data();
            decisions.AddRange(data.EnumerateArray().Select(d => d.GetProperty("decision").GetString()!));
        }
        return decisions;
    }

    private static async Task<List<(string, string)>> RolesAsync(TestAccount account) =>
        [.. (await account.Client.GetJsonAsync($"{account.V1}/users")).Ok().GetProperty("users").EnumerateArray()
            .Select(u => (u.GetProperty("id").GetString()!, u.GetProperty("role").GetString()!)).OrderBy(u => u.Item1, StringComparer.Ordinal)];

    private static string? ScopeOf(JsonElement holding) =>
        holding.GetProperty("scope_id").ValueKind == JsonValueKind.Null ? null : holding.GetProperty("scope_id").GetString();
}
