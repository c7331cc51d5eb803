using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.LegacyScenarios;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Tests.Permissions;

/// <summary>The v1_1 <c>role</c> string on accounts that use Roles and Permissions: written as mapped roles, read as the best match.</summary>
public sealed class LegacyRoleFieldTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    // account roles held, product-environment roles held (comma-separated), the legacy role reported
    [InlineData(R.AccountMasterAdmin, R.ProdenvMasterAdmin, "master_admin")]
    [InlineData(R.AccountAdmin, R.ProdenvAdmin, "admin")]
    [InlineData(R.AccountAdmin, "", "admin")]
    [InlineData("", R.ProdenvAdmin, "admin")]
    [InlineData(R.AccountTechnicalAdmin, R.ProdenvTechnicalAdmin, "technical_admin")]
    [InlineData(R.AccountBilling, "", "billing")]
    [InlineData(R.AccountReports, R.ProdenvReports, "reports")]
    [InlineData("", R.ProdenvMediaLibraryAdmin, "media_library_admin")]
    [InlineData("", R.ProdenvMediaLibraryUser, "media_library_user")]
    [InlineData("", "", "media_library_user")]
    [InlineData("", R.ProdenvReports, "media_library_user")]
    // An exact mapping beats a partial one of a more privileged role; equal scores go to the more privileged.
    [InlineData(R.AccountMasterAdmin, R.ProdenvMediaLibraryUser, "media_library_user")]
    [InlineData(R.AccountBilling + "," + R.AccountReports, "", "billing")]
    [InlineData(R.AccountAdmin + "," + R.AccountMasterAdmin, R.ProdenvAdmin, "admin")]
    public void BestMatch_HeldRoles_ReportsTheClosestLegacyRole(string accountRoles, string productEnvironmentRoles, string expected)
    {
        static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, LegacyRoleField.BestMatch(Split(accountRoles), Split(productEnvironmentRoles)).Wire());
    }

    [Fact]
    public void BestMatch_EveryLegacyMapping_ReportsItself()
    {
        foreach (var mapping in CloudinaryCatalogue.LegacyRoleMappings)
        {
            Assert.Equal(mapping.LegacyRole, LegacyRoleField.BestMatch(
                mapping.AccountRoleId is { } a ? [a] : [], mapping.ProductEnvironmentRoleId is { } p ? [p] : []));
        }
    }

    [Fact]
    public async Task CreateUser_WithRoleOnRolesAccount_WritesTheMappedRolesOnItsProductEnvironments()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();

        var user = await account.CreateUserIdAsync("admin", pe.Id);

        Assert.Equal([(user, R.AccountAdmin, null), (user, R.ProdenvAdmin, pe.Id)], await fixture.AssignmentsAsync(account.Id));
        Assert.Equal("admin", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());
        Assert.Equal(2, await fixture.AuditCountAsync(account.Id, "role_assignment.create"));
    }

    [Fact]
    public async Task CreateUser_WithoutRole_HoldsNothingAndReadsAsTheDefault()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var created = await account.CreateUserAsync();

        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
        Assert.Equal("media_library_user", created.GetProperty("role").GetString());
    }

    [Fact]
    public async Task UpdateUser_NewRole_ReplacesTheGlobalSystemRolesAndKeepsFolderRoles()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("technical_admin", pe.Id);
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, R.FolderViewer, pe.Id, folderId: "f");

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { role = "billing" })).Ok();

        Assert.Equal("billing", updated.GetProperty("role").GetString());
        Assert.Equal([(user, R.AccountBilling, null), (user, R.FolderViewer, pe.Id)], await fixture.AssignmentsAsync(account.Id));
        Assert.Equal(2, await fixture.AuditCountAsync(account.Id, "role_assignment.delete"));
    }

    [Fact]
    public async Task UpdateUser_RoleWithNewProductEnvironments_MappedOnTheNewOnes()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var first = await account.CreateProductEnvironmentWithKeyAsync();
        var second = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_admin", first.Id);

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { role = "media_library_user", sub_account_ids = new[] { second.Id } })).Ok();

        Assert.Equal([(user, R.ProdenvMediaLibraryUser, second.Id)], await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task UpdateUser_ProductEnvironmentTakenAway_RevokesTheUsersRolesThereAndKeepsFolderRoles()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var kept = await account.CreateProductEnvironmentWithKeyAsync();
        var taken = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("admin", kept.Id, taken.Id);
        await account.GrantAsync(R.ProdenvReports, new { principal_type = "user", principal_id = user, scope_id = taken.Id });
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, R.FolderViewer, taken.Id, folderId: "f");
        var settings = Feature(CloudinaryFeatures.SettingsUpdate, taken.Id);
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "update", settings));

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { sub_account_ids = new[] { kept.Id } })).Ok();

        Assert.Equal("admin", updated.GetProperty("role").GetString());
        Assert.Equal(Sorted((user, R.AccountAdmin, null), (user, R.ProdenvAdmin, kept.Id), (user, R.FolderViewer, taken.Id)),
            Sorted([.. await fixture.AssignmentsAsync(account.Id)]));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "update", settings));
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "update", Feature(CloudinaryFeatures.SettingsUpdate, kept.Id)));
        Assert.Equal(2, await fixture.AuditCountAsync(account.Id, "role_assignment.delete"));
    }

    [Fact]
    public async Task UpdateUser_ProductEnvironmentGiven_HoldsTheUsersRoleThereToo()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var first = await account.CreateProductEnvironmentWithKeyAsync();
        var second = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("technical_admin", first.Id);

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { sub_account_ids = new[] { first.Id, second.Id } })).Ok();

        Assert.Equal(Sorted((user, R.AccountTechnicalAdmin, null), (user, R.ProdenvTechnicalAdmin, first.Id), (user, R.ProdenvTechnicalAdmin, second.Id)),
            Sorted([.. await fixture.AssignmentsAsync(account.Id)]));
        Assert.Equal("technical_admin", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());
    }

    [Fact]
    public async Task UpdateUser_FromAllToSomeProductEnvironments_HoldsTheRoleOnEachListedOne()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var first = await account.CreateProductEnvironmentWithKeyAsync();
        var second = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("reports");
        await account.GrantAsync(R.ProdenvAdmin, new { principal_type = "user", principal_id = user, scope_id = "all" });

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { sub_account_ids = new[] { first.Id } })).Ok();

        Assert.Equal(Sorted((user, R.AccountReports, null), (user, R.ProdenvAdmin, first.Id)), Sorted([.. await fixture.AssignmentsAsync(account.Id)]));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "update", Feature(CloudinaryFeatures.SettingsUpdate, second.Id)));
    }

    [Fact]
    public async Task UpdateUser_ProductEnvironmentGivenToAUserWithoutAProductEnvironmentRole_GivesNothing()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var first = await account.CreateProductEnvironmentWithKeyAsync();
        var second = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("admin", first.Id);
        (await account.AssignAsync(R.ProdenvAdmin, "remove", new { principal_type = "user", principal_id = user, scope_id = first.Id })).Message
            .EnsureSuccessStatusCode();

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { sub_account_ids = new[] { first.Id, second.Id } })).Ok();

        Assert.Equal("admin", updated.GetProperty("role").GetString());
        Assert.Equal([(user, R.AccountAdmin, null)], await fixture.AssignmentsAsync(account.Id));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "update", Feature(CloudinaryFeatures.SettingsUpdate, second.Id)));
    }

    private static List<(string, string, string?)> Sorted(params (string, string, string?)[] assignments) =>
        [.. assignments.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2, StringComparer.Ordinal).ThenBy(a => a.Item3, StringComparer.Ordinal)];

    [Fact]
    public async Task GetUser_RolesChangedThroughThePermissionsApi_ReportsTheBestMatch()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        await account.GrantAsync(R.AccountReports, new { principal_type = "user", principal_id = user });
        await account.GrantAsync(R.ProdenvReports, new { principal_type = "user", principal_id = user, scope_id = pe.Id });
        (await account.AssignAsync(R.ProdenvMediaLibraryUser, "remove", new { principal_type = "user", principal_id = user, scope_id = pe.Id })).Message
            .EnsureSuccessStatusCode();

        Assert.Equal("reports", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());
        Assert.Contains((await account.Client.GetJsonAsync($"{account.V1}/users?ids={user}")).Ok().GetProperty("users").EnumerateArray(),
            u => u.GetProperty("role").GetString() == "reports");
    }

    [Fact]
    public async Task RootUser_OnRolesAccount_ReportsMasterAdminAndHoldsNoAssignment()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var root = (await account.Client.GetJsonAsync($"{account.V1}/users/{account.RootUserId}")).Ok();

        Assert.Equal("master_admin", root.GetProperty("role").GetString());
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task ListUsers_SortByRoleAfterPermissionsApiGrants_SortsByTheRoleTheUsersReadAs()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var billing = await account.CreateUserIdAsync("billing");
        var promoted = await account.CreateUserIdAsync("reports");
        // Through the Permissions API alone, "reports" becomes the admin mapping: it now reads as admin.
        await account.Client.PutJsonAsync($"/v2/accounts/{account.Id}/permissions/principal_roles", new
        {
            operation = "remove", principal = new { type = "user", id = promoted }, roles = new[] { new { id = R.AccountReports } },
        });
        await account.GrantAsync(R.AccountAdmin, new { principal_type = "user", principal_id = promoted });
        await account.GrantAsync(R.ProdenvAdmin, new { principal_type = "user", principal_id = promoted, scope_id = "all" });

        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users?sort_by=role&sort_order=asc")).Ok().GetProperty("users")
            .EnumerateArray().Where(u => !u.GetProperty("root").GetBoolean())
            .Select(u => (u.GetProperty("id").GetString(), u.GetProperty("role").GetString())).ToList();

        Assert.Equal([(promoted, "admin"), (billing, "billing")], listed);
    }

    [Fact]
    public async Task UpdateUser_MasterAdminGivenThroughPermissionsApi_KeepsEveryProductEnvironment()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        await account.GrantAsync(R.AccountMasterAdmin, new { principal_type = "user", principal_id = user });
        await account.GrantAsync(R.ProdenvMasterAdmin, new { principal_type = "user", principal_id = user, scope_id = "all" });

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { sub_account_ids = new[] { pe.Id } })).Ok();

        Assert.Equal("master_admin", updated.GetProperty("role").GetString());
        Assert.True(updated.GetProperty("all_sub_accounts").GetBoolean());
    }

    [Fact]
    public async Task DeriveAll_StoredRoleWrittenBeforeRolesWereDerived_IsBroughtInLineOnce()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var user = await account.CreateUserIdAsync("admin");
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        // A row as an earlier Roster left it: the stored role says billing, the assignments say admin.
        var row = await db.Users.AsTracking().SingleAsync(u => u.Id == user);
        row.Role = LegacyRole.Billing;
        await db.SaveChangesAsync();
        Assert.Equal("billing", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());

        var changed = await DerivedRoles.DeriveAllAsync(db, CancellationToken.None);

        Assert.True(changed >= 1);
        Assert.Equal("admin", (await account.Client.GetJsonAsync($"{account.V1}/users/{user}")).Ok().GetProperty("role").GetString());
        Assert.Equal(0, await DerivedRoles.DeriveAllAsync(db, CancellationToken.None));
    }
}
