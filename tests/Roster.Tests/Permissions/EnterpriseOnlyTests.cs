using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Profile;

namespace Roster.Tests.Permissions;

/// <summary>
/// Custom roles and custom policies are the Enterprise plan's: the Permissions API and the console go through the same use
/// cases, so both refuse them on the other plans with one message, and both allow them on Enterprise.
/// </summary>
public sealed class EnterpriseOnlyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string AccountManage = "cld::policy::global::account::manage";
    private const string Statement = "permit(principal, action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder);";

    private static object RoleBody(string name) => new { name, permission_type = "global", scope_type = "account", system_policy_ids = new[] { AccountManage } };

    private static object PolicyBody(string name) => new { name, scope_type = "account", policy_statement = Statement, enabled = true };

    private async Task<FormClient> RootAsync(TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    private Task<int> RoleCountAsync(string accountId) => fixture.WithDbAsync(db => db.Roles.CountAsync(r => r.AccountId == accountId));

    private Task<int> PolicyCountAsync(string accountId) => fixture.WithDbAsync(db => db.CustomPolicies.CountAsync(p => p.AccountId == accountId));

    private Task SetPlanAsync(string accountId, Plan plan) =>
        fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Plan, plan)));

    private static void AssertRefusedByTheApi(ApiResponse response) =>
        Assert.Equal(CustomPermissions.Message, response.V2Error(403, "ACCOUNTS_00006").GetProperty("message").GetString());

    [Theory]
    [InlineData(Plan.Plus)]
    [InlineData(Plan.Advanced)]
    public async Task Create_OffTheEnterprisePlan_TheApiAndTheConsoleRefuseWithTheSameMessage(Plan plan)
    {
        var account = await fixture.CreateAccountAsync(plan);
        var browser = await RootAsync(account);

        AssertRefusedByTheApi(await account.Client.PostJsonAsync($"{account.V2()}/roles", RoleBody("By the API")));
        AssertRefusedByTheApi(await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", PolicyBody("By the API")));

        var roles = await browser.GetAsync("/console/roles");
        Assert.False(roles.Contains("Create a custom role"));
        Assert.DoesNotContain("href=\"/console/roles/new", roles.Html, StringComparison.Ordinal);
        var policies = await browser.GetAsync("/console/roles/policies");
        Assert.False(policies.Contains("Write a custom policy"));
        Assert.DoesNotContain("href=\"/console/roles/policies/new", policies.Html, StringComparison.Ordinal);

        var role = await browser.PostAsync("/console/roles/new?scope=account", [("name", "By the console"), ("system_policy_ids", AccountManage)], roles);
        Assert.Equal(HttpStatusCode.OK, role.Status);
        Assert.Equal(CustomPermissions.Message, role.Text("form-error"));
        var policy = await browser.PostAsync("/console/roles/policies/new",
            [("name", "By the console"), ("scope", "account"), ("enabled", "true"), ("policy_statement", Statement)], roles);
        Assert.Equal(HttpStatusCode.OK, policy.Status);
        Assert.Equal(CustomPermissions.Message, policy.Text("form-error"));

        Assert.Equal(0, await RoleCountAsync(account.Id));
        Assert.Equal(0, await PolicyCountAsync(account.Id));
    }

    [Fact]
    public async Task ChangeAndDelete_AfterLeavingTheEnterprisePlan_TheApiAndTheConsoleRefuseWithTheSameMessage()
    {
        var account = await fixture.CreateAccountAsync();
        var browser = await RootAsync(account);
        var roleId = await account.CreateRoleAsync(RoleBody("Kept"));
        var policyId = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", PolicyBody("Kept"))).Json
            .GetProperty("data").GetProperty("id").GetString()!;
        var rolePath = $"/console/roles/role/{Uri.EscapeDataString(roleId)}";
        var policyPath = $"/console/roles/policies/{policyId}";
        var edit = await browser.GetAsync($"{rolePath}/edit");
        await SetPlanAsync(account.Id, Plan.Advanced);

        AssertRefusedByTheApi(await account.Client.PutJsonAsync($"{account.V2()}/roles/{roleId}", new { name = "Renamed", system_policy_ids = new[] { AccountManage } }));
        AssertRefusedByTheApi(await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{roleId}"));
        AssertRefusedByTheApi(await account.Client.PutJsonAsync($"{account.V2()}/policies/custom/{policyId}", new
        {
            name = "Renamed", scope_type = "account", policy_statement = Statement, enabled = false,
        }));
        AssertRefusedByTheApi(await account.Client.DeleteJsonAsync($"{account.V2()}/policies/custom/{policyId}"));

        var page = await browser.GetAsync(rolePath);
        Assert.Equal("Kept", page.Text("role-name"));
        Assert.False(page.Contains("Edit role"));
        Assert.False(page.Contains("Delete role"));
        var edited = await browser.PostAsync($"{rolePath}/edit", [("name", "Renamed"), ("system_policy_ids", AccountManage)], edit);
        Assert.Equal(CustomPermissions.Message, edited.Text("form-error"));
        var deleted = await browser.PostAsync($"{rolePath}?handler=delete", [("force", "true")], page);
        Assert.Equal(CustomPermissions.Message, deleted.Text("delete-error"));
        var policyDeleted = await browser.PostAsync($"{policyPath}?handler=delete", [], page);
        Assert.Equal(CustomPermissions.Message, policyDeleted.Text("form-error"));

        var role = await fixture.WithDbAsync(db => db.Roles.SingleAsync(r => r.AccountId == account.Id));
        Assert.Equal("Kept", role.Name);
        var policy = await fixture.WithDbAsync(db => db.CustomPolicies.SingleAsync(p => p.AccountId == account.Id));
        Assert.Equal("Kept", policy.Name);
    }

    [Fact]
    public async Task CreateChangeAndDelete_OnTheEnterprisePlan_TheApiAndTheConsoleAreAllowed()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise);
        var browser = await RootAsync(account);

        Assert.Equal(201, (await account.Client.PostJsonAsync($"{account.V2()}/roles", RoleBody("By the API"))).Code);
        Assert.Equal(201, (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", PolicyBody("By the API"))).Code);
        var roles = await browser.GetAsync("/console/roles");
        Assert.True(roles.Contains("Create a custom role"));
        Assert.True((await browser.GetAsync("/console/roles/policies")).Contains("Write a custom policy"));

        var role = await browser.SubmitAsync("/console/roles/new?scope=account", "/console/roles/new?scope=account",
            ("name", "By the console"), ("system_policy_ids", AccountManage));
        Assert.Equal("The role By the console is created.", role.Text("flash"));
        var policy = await browser.SubmitAsync("/console/roles/policies/new", "/console/roles/policies/new",
            ("name", "By the console"), ("scope", "account"), ("enabled", "true"), ("policy_statement", Statement));
        Assert.Equal("The custom policy By the console is saved.", policy.Text("flash"));
        Assert.Equal(2, await RoleCountAsync(account.Id));
        Assert.Equal(2, await PolicyCountAsync(account.Id));

        var deleted = await browser.PostAsync($"{role.Path}?handler=delete", [("force", "true")], role);
        Assert.Equal("The role By the console is deleted.", deleted.Text("flash"));
        Assert.Equal(204, (await account.Client.DeleteJsonAsync($"{account.V2()}/policies/custom/{policy.Path.Split('/')[^1]}")).Code);
        Assert.Equal(1, await RoleCountAsync(account.Id));
        Assert.Equal(1, await PolicyCountAsync(account.Id));
    }
}
