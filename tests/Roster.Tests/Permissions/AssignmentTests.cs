using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.PermissionsScenarios;

namespace Roster.Tests.Permissions;

public sealed class AssignmentTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task AddRolePrincipals_UserGroupAndKey_ListedWithScopeAndParameters()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;
        var pe = await account.CreateProductEnvironmentAsync();
        var peId = pe.GetProperty("id").GetString()!;
        var key = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;

        await account.GrantAsync(FolderViewer,
            new { principal_type = "user", principal_id = user, scope_id = peId, policy_parameters = new { folder_id = "f1" } },
            new { principal_type = "group", principal_id = group, scope_id = peId, policy_parameters = new { folder_id = "f2" } },
            new { principal_type = "apiKey", principal_id = key, scope_id = peId, policy_parameters = new { folder_id = "f1" } });

        var all = (await account.Client.GetJsonAsync($"{account.V2()}/roles/{FolderViewer}/principals")).Ok().GetProperty("data");
        var f1 = (await account.Client.GetJsonAsync($"{account.V2()}/roles/{FolderViewer}/principals?folder_id=f1&verbose=false")).Ok().GetProperty("data");
        var byId = all.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(new[] { user, group, key }.Order(), byId.Keys.Order());
        Assert.Equal(["user", "group", "apiKey"], new[] { user, group, key }.Select(id => byId[id].GetProperty("type").GetString()));
        var first = byId[user];
        Assert.Equal(FolderViewer, first.GetProperty("role_id").GetString());
        Assert.Equal("prodenv", first.GetProperty("scope_type").GetString());
        Assert.Equal(peId, first.GetProperty("scope_id").GetString());
        Assert.Equal("f1", first.GetProperty("policy_parameters").GetProperty("folder_id").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("created_at").ValueKind);
        Assert.Equal(new[] { user, key }.Order(), f1.Strings("id").Order());
        Assert.Equal(["id", "type"], f1[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AddRolePrincipals_Twice_HeldOnceAndAuditedOnce()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var principal = new { principal_type = "user", principal_id = user };

        await account.GrantAsync(Admin, principal);
        await account.GrantAsync(Admin, principal, principal);

        Assert.Equal([Admin], (await account.PrincipalRolesAsync("user", user)).Strings("id"));
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=role_assignment.create")).Ok().GetProperty("events");
        Assert.Equal(1, audit.GetArrayLength());
        Assert.Equal(user, audit[0].GetProperty("after").GetProperty("principal_id").GetString());
    }

    [Fact]
    public async Task RemoveRolePrincipals_Held_GoneAndAudited()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await account.GrantAsync(Reports, new { principal_type = "user", principal_id = user });

        var removed = await account.AssignAsync(Reports, "remove", new { principal_type = "user", principal_id = user });
        var again = await account.AssignAsync(Reports, "remove", new { principal_type = "user", principal_id = user });

        Assert.Equal((200, ""), (removed.Code, removed.Body));
        Assert.Equal(200, again.Code);
        Assert.Equal(0, (await account.PrincipalRolesAsync("user", user)).GetArrayLength());
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=role_assignment.delete")).Ok().GetProperty("events");
        Assert.Equal(1, audit.GetArrayLength());
    }

    [Fact]
    public async Task UpdatePrincipalRoles_AddAndRemove_200EmptyBody()
    {
        var account = await fixture.CreateAccountAsync();
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;

        var added = await account.Client.PutJsonAsync($"{account.V2()}/principal_roles", new
        {
            operation = "add",
            principal = new { type = "group", id = group },
            roles = new object[] { new { id = Reports }, new { id = FolderViewer, scope_id = pe, policy_parameters = new { folder_id = "f" } } },
        });

        Assert.Equal((200, ""), (added.Code, added.Body));
        var global = await account.PrincipalRolesAsync("group", group);
        var content = await account.PrincipalRolesAsync("group", group, "content");
        Assert.Equal([Reports], global.Strings("id"));
        Assert.Equal(JsonValueKind.Null, global[0].GetProperty("scope_id").ValueKind);
        Assert.Equal("Reports", global[0].GetProperty("name").GetString());
        Assert.Equal([FolderViewer], content.Strings("id"));
        Assert.Equal(pe, content[0].GetProperty("scope_id").GetString());
        Assert.Equal("f", content[0].GetProperty("policy_parameters").GetProperty("folder_id").GetString());

        var removed = await account.Client.PutJsonAsync($"{account.V2()}/principal_roles", new
        {
            operation = "remove", principal = new { type = "group", id = group }, roles = new[] { new { id = Reports } },
        });
        Assert.Equal(200, removed.Code);
        Assert.Equal(0, (await account.PrincipalRolesAsync("group", group)).GetArrayLength());
    }

    [Theory]
    [InlineData("&scope_type=account", Reports + ",custom")]
    [InlineData("&scope_type=prodenv", PeReports)]
    [InlineData("&management_type=custom", "custom")]
    [InlineData("&management_type=system", Reports + "," + PeReports)]
    public async Task ListPrincipalRoles_Filters_KeepMatchingRoles(string filter, string expected)
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        await account.CreateRoleAsync(new { id = "custom", name = "Custom", permission_type = "global", scope_type = "account" });
        await account.GrantAsync(Reports, new { principal_type = "user", principal_id = user });
        await account.GrantAsync(PeReports, new { principal_type = "user", principal_id = user, scope_id = pe });
        await account.GrantAsync("custom", new { principal_type = "user", principal_id = user });

        var ids = (await account.PrincipalRolesAsync("user", user, extra: filter)).Strings("id");

        Assert.Equal(expected.Split(','), ids);
    }

    [Fact]
    public async Task AddRole_InEveryProductEnvironment_HeldInEachOne()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var pe = await account.CreateProductEnvironmentAsync();
        var peId = pe.GetProperty("id").GetString()!;
        var key = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;

        await account.GrantAsync(PeReports, new { principal_type = "user", principal_id = user, scope_id = "all" });
        var keyRefused = await account.AssignAsync(PeReports, "add", new { principal_type = "apiKey", principal_id = key, scope_id = "all" });

        var inPe = await account.PrincipalRolesAsync("user", user, extra: $"&scope_type=prodenv&scope_id={peId}");
        Assert.Equal([PeReports], inPe.Strings("id"));
        Assert.Equal("all", inPe[0].GetProperty("scope_id").GetString());
        Assert.Equal(["principals[0].scope_id"], keyRefused.V2Error(400, "ACCOUNTS_00005").FieldNames());
    }

    [Fact]
    public async Task AddRole_RootUser_403NothingChanged()
    {
        var account = await fixture.CreateAccountAsync();

        var error = (await account.AssignAsync(Admin, "add", new { principal_type = "user", principal_id = account.RootUserId })).V2Error(403, "ACCOUNTS_00006");

        Assert.Contains("root user", error.GetProperty("message").GetString());
        Assert.Equal(0, (await account.PrincipalRolesAsync("user", account.RootUserId)).GetArrayLength());
    }

    [Fact]
    public async Task AddRole_ProvisioningKey_403()
    {
        var account = await fixture.CreateAccountAsync();

        (await account.AssignAsync(Admin, "add", new { principal_type = "provisioningKey", principal_id = account.ApiKey })).V2Error(403, "ACCOUNTS_00006");

        Assert.Equal(0, (await account.PrincipalRolesAsync("provisioningKey", account.ApiKey)).GetArrayLength());
    }

    [Fact]
    public async Task AddRole_InactiveUser_400()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{user}")).Ok();

        var error = (await account.AssignAsync(Admin, "add", new { principal_type = "user", principal_id = user })).V2Error(400, "ACCOUNTS_00005");

        Assert.Contains("inactive", error.GetProperty("message").GetString());
    }

    /// <summary>Roles that do not fit the principal, the scope or the parameters are refused, naming the field.</summary>
    public static TheoryData<string, string, string, string> Misfits => new()
    {
        { Admin, "user", "{\"scope_id\":\"{pe}\"}", "scope_id" },
        { PeReports, "user", "{}", "scope_id" },
        { FolderViewer, "user", "{\"scope_id\":\"{pe}\"}", "policy_parameters" },
        { FolderViewer, "user", "{\"scope_id\":\"{pe}\",\"policy_parameters\":{\"collection_id\":\"c\"}}", "policy_parameters" },
        { FolderViewer, "user", "{\"scope_id\":\"{pe}\",\"policy_parameters\":{\"folder_id\":\"f\",\"extra\":\"x\"}}", "policy_parameters" },
        { PeReports, "user", "{\"scope_id\":\"{pe}\",\"policy_parameters\":{\"folder_id\":\"f\"}}", "policy_parameters" },
        { CollectionViewer, "apiKey", "{\"scope_id\":\"{pe}\",\"policy_parameters\":{\"collection_id\":\"c\"}}", "principal_id" },
        { Admin, "apiKey", "{}", "principal_id" },
        { PeReports, "apiKey", "{\"scope_id\":\"{otherPe}\"}", "scope_id" },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public async Task AddRole_Misfit_400NamingTheField(string roleId, string principalType, string extra, string field)
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var pe = await account.CreateProductEnvironmentAsync();
        var otherPe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var principalId = principalType == "user" ? user : pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;
        var item = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            extra.Replace("{pe}", pe.GetProperty("id").GetString()).Replace("{otherPe}", otherPe))!;
        item["principal_type"] = JsonSerializer.SerializeToElement(principalType);
        item["principal_id"] = JsonSerializer.SerializeToElement(principalId);

        var error = (await account.AssignAsync(roleId, "add", item)).V2Error(400, "ACCOUNTS_00005");

        Assert.Equal(["principals[0]." + field], error.FieldNames());
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.AccountId == account.Id)));
    }

    [Fact]
    public async Task AddRole_OneBadPrincipalAmongGood_NothingAdded()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;

        var response = await account.AssignAsync(Admin, "add",
            new { principal_type = "user", principal_id = user }, new { principal_type = "group", principal_id = "nope" });

        var error = response.V2Error(404, "ACCOUNTS_00003");
        Assert.Equal(["principals[1].principal_id"], error.FieldNames());
        Assert.Equal(0, (await account.PrincipalRolesAsync("user", user)).GetArrayLength());
    }

    [Theory]
    [InlineData(Plan.Plus)]
    [InlineData(Plan.Advanced)]
    public async Task AddSystemRole_PaidPlanBelowEnterprise_Works(Plan plan)
    {
        var account = await fixture.CreateAccountAsync(plan);
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;

        await account.GrantAsync(Admin, new { principal_type = "user", principal_id = user });

        Assert.Equal([Admin], (await account.PrincipalRolesAsync("user", user)).Strings("id"));
    }

    [Fact]
    public async Task PermissionsApi_FreePlan_403()
    {
        var account = await fixture.CreateAccountAsync(Plan.Free);

        var error = (await account.Client.GetJsonAsync($"{account.V2()}/roles?permission_type=global")).V2Error(403, "ACCOUNTS_00006");

        Assert.Contains("Free plan", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task PermissionsApi_OtherAccountsKeyOrNoKey_401()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();

        var error = (await other.Client.GetJsonAsync($"{account.V2()}/roles?permission_type=global")).V2Error(401, "ACCOUNTS_00006");
        (await fixture.Anonymous().GetJsonAsync($"{account.V2()}/roles?permission_type=global")).V2Error(401, "ACCOUNTS_00006");

        Assert.Equal("invalid credentials", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task EveryChange_BumpsThePermissionsVersion()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var versions = new List<long> { await VersionAsync(account.Id) };

        var role = await account.CreateRoleAsync(new { name = "V", permission_type = "global", scope_type = "account" });
        versions.Add(await VersionAsync(account.Id));
        await account.GrantAsync(role, new { principal_type = "user", principal_id = user });
        versions.Add(await VersionAsync(account.Id));
        (await account.Client.PutJsonAsync($"{account.V2()}/roles/{role}", new { name = "V2" })).Ok();
        versions.Add(await VersionAsync(account.Id));
        (await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{role}?force=true")).Message.EnsureSuccessStatusCode();
        versions.Add(await VersionAsync(account.Id));

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    private Task<long> VersionAsync(string accountId) =>
        fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.PermissionsVersion).SingleAsync());
}
