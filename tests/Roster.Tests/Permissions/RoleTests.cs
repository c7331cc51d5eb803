using System.Text.Json;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.PermissionsScenarios;

namespace Roster.Tests.Permissions;

public sealed class RoleTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task ListRoles_Global_SystemRolesWithV2Shape()
    {
        var account = await fixture.CreateAccountAsync();

        var roles = (await account.Client.GetJsonAsync($"{account.V2()}/roles?permission_type=global")).Ok().GetProperty("data");

        var admin = roles.EnumerateArray().Single(r => r.GetProperty("id").GetString() == Admin);
        Assert.Equal("Admin", admin.GetProperty("name").GetString());
        Assert.Equal("system", admin.GetProperty("management_type").GetString());
        Assert.Equal("account", admin.GetProperty("scope_type").GetString());
        Assert.Equal(JsonValueKind.Number, admin.GetProperty("created_at").ValueKind);
        Assert.False(admin.TryGetProperty("policies", out _));
        Assert.All(roles.EnumerateArray(), r => Assert.Equal("global", r.GetProperty("permission_type").GetString()));
    }

    [Theory]
    [InlineData("permission_type=content&policy_parameters=%5B%22folder_id%22%5D", FolderViewer, CollectionViewer)]
    [InlineData("permission_type=content&policy_parameters=collection_id", CollectionViewer, FolderViewer)]
    [InlineData("permission_type=global&scope_type=prodenv", PeReports, Admin)]
    [InlineData("permission_type=global&scope_type=account", Admin, PeReports)]
    [InlineData("permission_type=global&management_type=system", Admin, "custom")]
    [InlineData("permission_type=global&management_type=custom", "custom", Admin)]
    public async Task ListRoles_Filters_KeepOnlyMatchingRoles(string query, string included, string excluded)
    {
        var account = await fixture.CreateAccountAsync();
        var custom = await account.CreateRoleAsync(new { id = "custom", name = "Custom " + Unique.Name(), permission_type = "global", scope_type = "prodenv" });

        var ids = (await account.Client.GetJsonAsync($"{account.V2()}/roles?{query}")).Ok().GetProperty("data").Strings("id").ToList();

        Assert.Contains(included, ids);
        Assert.DoesNotContain(excluded, ids);
        Assert.Equal("custom", custom);
    }

    [Fact]
    public async Task ListRoles_WithoutPermissionType_400MissingFields()
    {
        var account = await fixture.CreateAccountAsync();

        var error = (await account.Client.GetJsonAsync($"{account.V2()}/roles")).V2Error(400, "ACCOUNTS_00005");

        Assert.Equal("missing fields", error.GetProperty("message").GetString());
        Assert.Equal(["permission_type"], error.FieldNames());
    }

    [Fact]
    public async Task CreateRole_FromSystemPolicies_201WithPolicies()
    {
        var account = await fixture.CreateAccountAsync();

        var response = await account.Client.PostJsonAsync($"{account.V2()}/roles", new
        {
            id = "upload_manager_12334565",
            permission_type = "global",
            scope_type = "prodenv",
            name = "Upload manager",
            description = "Responsible for managing uploads and uploading new assets.",
            system_policy_ids = new[] { UploadPresetsManage, CreateAsset },
        });

        Assert.Equal(201, response.Code);
        var data = response.Json.GetProperty("data");
        Assert.Equal("upload_manager_12334565", data.GetProperty("id").GetString());
        Assert.Equal("custom", data.GetProperty("management_type").GetString());
        Assert.Equal("prodenv", data.GetProperty("scope_type").GetString());
        Assert.Equal([UploadPresetsManage, CreateAsset], data.GetProperty("policies").Strings("id"));
        Assert.Contains("permit(", data.GetProperty("policies")[0].GetProperty("policy_statement").GetString());
        Assert.InRange(data.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        var got = (await account.Client.GetJsonAsync($"{account.V2()}/roles/upload_manager_12334565")).Ok().GetProperty("data");
        Assert.Equal("Upload manager", got.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreateRole_WithoutId_GeneratesOne()
    {
        var account = await fixture.CreateAccountAsync();

        var id = await account.CreateRoleAsync(new { name = "R " + Unique.Name(), permission_type = "global", scope_type = "account" });

        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task CreateRole_ContentPolicies_RoleTakesTheirParameters()
    {
        var account = await fixture.CreateAccountAsync();

        var id = await account.CreateRoleAsync(new { name = "Folder reader", permission_type = "content", scope_type = "prodenv", system_policy_ids = new[] { ViewDownload } });

        var got = (await account.Client.GetJsonAsync($"{account.V2()}/roles/{id}")).Ok().GetProperty("data");
        Assert.Equal(["folder_id"], got.GetProperty("policy_parameters").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("id")]
    [InlineData("system name")]
    public async Task CreateRole_Duplicate_409AlreadyExists(string what)
    {
        var account = await fixture.CreateAccountAsync();
        await account.CreateRoleAsync(new { id = "first", name = "Shared name", permission_type = "global", scope_type = "account" });
        object body = what switch
        {
            "name" => new { name = "shared NAME", permission_type = "global", scope_type = "account" },
            "id" => new { id = "first", name = "Other", permission_type = "global", scope_type = "account" },
            _ => new { name = "Admin", permission_type = "global", scope_type = "account" },
        };

        var error = (await account.Client.PostJsonAsync($"{account.V2()}/roles", body)).V2Error(409, "ACCOUNTS_00006");

        Assert.Equal(what == "id" ? ["id"] : ["name"], error.FieldNames());
        var customs = (await account.Client.GetJsonAsync($"{account.V2()}/roles?permission_type=global&management_type=custom")).Ok().GetProperty("data");
        Assert.Equal(1, customs.GetArrayLength());
    }

    [Theory]
    [InlineData(Plan.Plus)]
    [InlineData(Plan.Advanced)]
    [InlineData(Plan.Custom)]
    public async Task CreateRole_NotEnterprise_403WithReason(Plan plan)
    {
        var account = await fixture.CreateAccountAsync(plan);

        var error = (await account.Client.PostJsonAsync($"{account.V2()}/roles", new { name = "R", permission_type = "global", scope_type = "account" }))
            .V2Error(403, "ACCOUNTS_00006");

        Assert.Contains("Enterprise", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetRole_SystemContentRoleWithFolderFilter_StatementsNameTheFolder()
    {
        var account = await fixture.CreateAccountAsync();

        var data = (await account.Client.GetJsonAsync($"{account.V2()}/roles/{FolderViewer}?folder_id=f123")).Ok().GetProperty("data");

        Assert.Equal("system", data.GetProperty("management_type").GetString());
        Assert.NotEqual(0, data.GetProperty("policies").GetArrayLength());
        Assert.All(data.GetProperty("policies").EnumerateArray(), p =>
        {
            var statement = p.GetProperty("policy_statement").GetString()!;
            Assert.Contains("\"f123\"", statement);
            Assert.DoesNotContain("{folder_id}", statement);
        });
    }

    [Fact]
    public async Task GetRole_FolderFilterWithQuotes_StatementsStillParseAndNameThatFolder()
    {
        var account = await fixture.CreateAccountAsync();

        var data = (await account.Client.GetJsonAsync($"{account.V2()}/roles/{FolderViewer}?folder_id={Uri.EscapeDataString("a\"b) || true")}")).Ok().GetProperty("data");

        Assert.All(data.GetProperty("policies").EnumerateArray(), p =>
        {
            var policies = PolicyParser.ParsePolicies(p.GetProperty("policy_statement").GetString()!);
            Assert.Contains("\"a\\\"b) || true\"", PolicyPrinter.Print(policies));
        });
    }

    [Fact]
    public async Task GetRole_Unknown_404NotFound()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();
        await other.CreateRoleAsync(new { id = "theirs", name = "Theirs", permission_type = "global", scope_type = "account" });

        var error = (await account.Client.GetJsonAsync($"{account.V2()}/roles/theirs")).V2Error(404, "ACCOUNTS_00003");

        Assert.Equal(["role_id"], error.FieldNames());
    }

    [Fact]
    public async Task UpdateRole_Custom_ReplacesNameDescriptionAndPolicies()
    {
        var account = await fixture.CreateAccountAsync();
        var id = await account.CreateRoleAsync(new { name = "Before", description = "d", permission_type = "global", scope_type = "prodenv", system_policy_ids = new[] { CreateAsset } });

        var data = (await account.Client.PutJsonAsync($"{account.V2()}/roles/{id}", new { name = "After", system_policy_ids = new[] { UploadPresetsManage } }))
            .Ok().GetProperty("data");

        Assert.Equal("After", data.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal([UploadPresetsManage], data.GetProperty("policies").Strings("id"));
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=role.update")).Ok().GetProperty("events");
        Assert.Equal("Before", audit[0].GetProperty("before").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UpdateRole_SystemRole_403NotAllowed()
    {
        var account = await fixture.CreateAccountAsync();

        var error = (await account.Client.PutJsonAsync($"{account.V2()}/roles/{Admin}", new { name = "Mine" })).V2Error(403, "ACCOUNTS_00006");

        Assert.Contains("system role", error.GetProperty("message").GetString());
        (await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{Admin}")).V2Error(403, "ACCOUNTS_00006");
    }

    [Fact]
    public async Task UpdateRole_NameOfAnotherRole_409()
    {
        var account = await fixture.CreateAccountAsync();
        await account.CreateRoleAsync(new { name = "Taken", permission_type = "global", scope_type = "account" });
        var id = await account.CreateRoleAsync(new { name = "Mine", permission_type = "global", scope_type = "account" });

        (await account.Client.PutJsonAsync($"{account.V2()}/roles/{id}", new { name = "taken" })).V2Error(409, "ACCOUNTS_00006");

        var same = (await account.Client.PutJsonAsync($"{account.V2()}/roles/{id}", new { name = "Mine" })).Ok();
        Assert.Equal("Mine", same.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task DeleteRole_Unassigned_204AndGone()
    {
        var account = await fixture.CreateAccountAsync();
        var id = await account.CreateRoleAsync(new { name = "Temp", permission_type = "global", scope_type = "account" });

        var response = await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{id}");

        Assert.Equal(204, response.Code);
        Assert.Equal("", response.Body);
        (await account.Client.GetJsonAsync($"{account.V2()}/roles/{id}")).V2Error(404, "ACCOUNTS_00003");
        (await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{id}")).V2Error(404, "ACCOUNTS_00003");
    }

    [Fact]
    public async Task DeleteRole_HeldWithoutForce_409ThenForceRevokes()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var id = await account.CreateRoleAsync(new { name = "Held", permission_type = "global", scope_type = "account", system_policy_ids = new[] { UsersAndGroupsManage } });
        await account.GrantAsync(id, new { principal_type = "user", principal_id = user });

        (await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{id}")).V2Error(409, "ACCOUNTS_00006");
        Assert.Equal(1, (await account.PrincipalRolesAsync("user", user)).GetArrayLength());
        var forced = await account.Client.DeleteJsonAsync($"{account.V2()}/roles/{id}?force=true");

        Assert.Equal(204, forced.Code);
        Assert.Equal(0, (await account.PrincipalRolesAsync("user", user)).GetArrayLength());
    }

    [Fact]
    public async Task ListSystemPolicies_DefaultScope_AccountPoliciesOnly()
    {
        var account = await fixture.CreateAccountAsync();

        var response = (await account.Client.GetJsonAsync($"{account.V2()}/policies/system")).Ok();
        var content = (await account.Client.GetJsonAsync($"{account.V2()}/policies/system?scope_type=prodenv&permission_type=content")).Ok().GetProperty("data");

        var data = response.GetProperty("data");
        Assert.Contains(UsersAndGroupsManage, data.Strings("id"));
        Assert.All(data.EnumerateArray(), p => Assert.Equal("account", p.GetProperty("scope_type").GetString()));
        Assert.False(response.TryGetProperty("next_cursor", out _));
        Assert.Contains(ViewDownload, content.Strings("id"));
        Assert.All(content.EnumerateArray(), p => Assert.NotEqual(0, p.GetProperty("policy_parameters").GetArrayLength()));
    }
}
