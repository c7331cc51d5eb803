using Microsoft.EntityFrameworkCore;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.PermissionsScenarios;

namespace Roster.Tests.Permissions;

/// <summary>One account with a user, group, product environment, key, custom role, assignment and custom policy; a second account to poke at.</summary>
public sealed class PermissionsBadInputFixture : RosterFixture
{
    public TestAccount A { get; private set; } = null!;
    public Dictionary<string, string> Values { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateAccountAsync();
        var b = await CreateAccountAsync();
        var pe = await A.CreateProductEnvironmentAsync();
        Values["{a}"] = A.Id;
        Values["{root}"] = A.RootUserId;
        Values["{user}"] = (await A.CreateUserAsync()).GetProperty("id").GetString()!;
        Values["{group}"] = (await A.CreateGroupAsync()).GetProperty("id").GetString()!;
        Values["{pe}"] = pe.GetProperty("id").GetString()!;
        Values["{key}"] = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;
        Values["{otherUser}"] = (await b.CreateUserAsync()).GetProperty("id").GetString()!;
        Values["{otherPe}"] = (await b.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        Values["{otherRole}"] = await b.CreateRoleAsync(new { name = "Theirs", permission_type = "global", scope_type = "account" });
        await A.CreateRoleAsync(new { id = "r1", name = "Mine", permission_type = "global", scope_type = "account" });
        await A.GrantAsync("r1", new { principal_type = "user", principal_id = Values["{user}"] });
        var policy = await A.Client.PostJsonAsync($"{A.V2()}/policies/custom", new { name = "P", scope_type = "account", policy_statement = "permit(principal, action, resource is Cloudinary::Account);" });
        Values["{policy}"] = policy.Json.GetProperty("data").GetProperty("id").GetString()!;
    }

    public string Resolve(string text) => Values.Aggregate(text, (t, v) => t.Replace(v.Key, v.Value));
}

public sealed class PermissionsBadInputTests(PermissionsBadInputFixture fixture) : IClassFixture<PermissionsBadInputFixture>
{
    private const string V2 = "/v2/accounts/{a}/permissions";
    private const string Json = "application/json";
    private static readonly string _huge = new('x', 300_000);

    public static TheoryData<string, string, string?, int, string> BadRequests => new()
    {
        // Bodies that are not JSON objects.
        { "POST", V2 + "/roles", "{", 400, "body" },
        { "POST", V2 + "/roles", "[1]", 400, "body" },
        { "PUT", V2 + "/principal_roles", "\"add\"", 400, "body" },
        // Roles: missing and malformed fields.
        { "POST", V2 + "/roles", "{}", 400, "name" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"scope_type\":\"account\"}", 400, "permission_type" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"sideways\",\"scope_type\":\"account\"}", 400, "permission_type" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"galaxy\"}", 400, "scope_type" },
        { "POST", V2 + "/roles", "{\"name\":{},\"permission_type\":\"global\",\"scope_type\":\"account\"}", 400, "name" },
        { "POST", V2 + "/roles", "{\"name\":\"" + _huge + "\",\"permission_type\":\"global\",\"scope_type\":\"account\"}", 400, "name" },
        { "POST", V2 + "/roles", "{\"name\":\"bad\\u0000\",\"permission_type\":\"global\",\"scope_type\":\"account\"}", 400, "name" },
        { "POST", V2 + "/roles", "{\"id\":\"cld::role::mine\",\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\"}", 400, "id" },
        { "POST", V2 + "/roles", "{\"id\":\"has space\",\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\"}", 400, "id" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\",\"system_policy_ids\":[\"nope\"]}", 400, "system_policy_ids" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\",\"system_policy_ids\":[\"" + UploadPresetsManage + "\"]}", 400, "system_policy_ids" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"prodenv\",\"system_policy_ids\":[\"" + ViewDownload + "\"]}", 400, "system_policy_ids" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\",\"system_policy_ids\":{}}", 400, "system_policy_ids" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"content\",\"scope_type\":\"account\"}", 400, "permission_type" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"content\",\"scope_type\":\"prodenv\",\"system_policy_ids\":[]}", 400, "system_policy_ids" },
        { "POST", V2 + "/roles", "{\"name\":\"N\",\"permission_type\":\"global\",\"scope_type\":\"account\",\"description\":\"" + _huge + "\"}", 400, "description" },
        { "POST", V2 + "/roles", "{\"name\":\"Mine\",\"permission_type\":\"global\",\"scope_type\":\"account\"}", 409, "name" },
        { "PUT", V2 + "/roles/r1", "{}", 400, "name" },
        { "PUT", V2 + "/roles/r1", "{\"name\":\"N\",\"system_policy_ids\":[\"" + ViewDownload + "\"]}", 400, "system_policy_ids" },
        { "PUT", V2 + "/roles/{otherRole}", "{\"name\":\"N\"}", 404, "role_id" },
        { "DELETE", V2 + "/roles/r1", null, 409, "role_id" },
        { "DELETE", V2 + "/roles/r1?force=perhaps", null, 400, "force" },
        { "DELETE", V2 + "/roles/{otherRole}", null, 404, "role_id" },
        { "GET", V2 + "/roles?permission_type=global&policy_parameters=%5B", null, 400, "policy_parameters" },
        { "GET", V2 + "/roles/" + FolderViewer + "?asset_id=a1", null, 400, "asset_id" },
        { "GET", V2 + "/roles/" + FolderViewer + "?param_key=folder_id", null, 400, "param_value" },
        // Assignments.
        { "PUT", V2 + "/roles/r1/principals", "{}", 400, "operation" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"merge\",\"principals\":[]}", 400, "operation" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\"}", 400, "principals" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":{}}", 400, "principals" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":[1]}", 400, "principals[0]" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\"}]}", 400, "principals[0].principal_id" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"robot\",\"principal_id\":\"x\"}]}", 400, "principals[0].principal_type" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{otherUser}\"}]}", 404, "principals[0].principal_id" },
        { "PUT", V2 + "/roles/r1/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{root}\"}]}", 403, "principals[0].principal_id" },
        { "PUT", V2 + "/roles/" + PeReports + "/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{user}\",\"scope_id\":\"{otherPe}\"}]}", 404, "principals[0].scope_id" },
        { "PUT", V2 + "/roles/" + FolderViewer + "/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{user}\",\"scope_id\":\"{pe}\",\"policy_parameters\":\"f\"}]}", 400, "principals[0].policy_parameters" },
        { "PUT", V2 + "/roles/" + FolderViewer + "/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{user}\",\"scope_id\":\"{pe}\",\"policy_parameters\":{\"folder_id\":7}}]}", 400, "principals[0].policy_parameters" },
        { "PUT", V2 + "/roles/{otherRole}/principals", "{\"operation\":\"add\",\"principals\":[{\"principal_type\":\"user\",\"principal_id\":\"{user}\"}]}", 404, "role_id" },
        { "PUT", V2 + "/principal_roles", "{\"operation\":\"add\",\"roles\":[{\"id\":\"r1\"}]}", 400, "principal" },
        { "PUT", V2 + "/principal_roles", "{\"operation\":\"add\",\"principal\":{\"type\":\"group\"},\"roles\":[{\"id\":\"r1\"}]}", 400, "principal.id" },
        { "PUT", V2 + "/principal_roles", "{\"operation\":\"add\",\"principal\":{\"type\":\"group\",\"id\":\"{group}\"},\"roles\":[{}]}", 400, "roles[0].id" },
        { "PUT", V2 + "/principal_roles", "{\"operation\":\"add\",\"principal\":{\"type\":\"group\",\"id\":\"{group}\"},\"roles\":[{\"id\":\"nope\"}]}", 404, "roles[0].id" },
        { "PUT", V2 + "/principal_roles", "{\"operation\":\"add\",\"principal\":{\"type\":\"apiKey\",\"id\":\"{key}\"},\"roles\":[{\"id\":\"r1\"}]}", 400, "principal.id" },
        { "GET", V2 + "/principal_roles?principal_type=user&principal_id={user}", null, 400, "permission_type" },
        { "GET", V2 + "/principal_roles?principal_type=user&principal_id={otherUser}&permission_type=global", null, 404, "principal_id" },
        { "GET", V2 + "/principal_roles/inspect", null, 400, "scope_type" },
        { "GET", V2 + "/principal_roles/inspect?scope_type=prodenv&scope_id={otherPe}", null, 404, "scope_id" },
        { "GET", V2 + "/principal_roles/inspect?scope_type=account&cursor=bm9wZQ", null, 400, "cursor" },
        { "POST", V2 + "/principal_roles/inspect", "{\"scope_type\":\"account\"}", 400, "principals" },
        { "GET", V2 + "/policies/effective?scope_type=account&scope_id={pe}", null, 400, "scope_id" },
        // Custom policies.
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"account\"}", 400, "policy_statement" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"account\",\"policy_statement\":\"permit(\"}", 400, "policy_statement" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"account\",\"policy_statement\":\"" + _huge + "\"}", 400, "policy_statement" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"account\",\"scope_id\":\"{pe}\",\"policy_statement\":\"permit(principal, action, resource);\"}", 400, "scope_id" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"prodenv\",\"scope_id\":\"{otherPe}\",\"policy_statement\":\"permit(principal, action, resource);\"}", 404, "scope_id" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"X\",\"scope_type\":\"account\",\"enabled\":\"maybe\",\"policy_statement\":\"permit(principal, action, resource);\"}", 400, "enabled" },
        { "POST", V2 + "/policies/custom", "{\"name\":\"P\",\"scope_type\":\"account\",\"policy_statement\":\"permit(principal, action, resource);\"}", 409, "name" },
        { "GET", V2 + "/policies/custom?scope_type=prodenv", null, 400, "scope_id" },
        { "GET", V2 + "/policies/custom?enabled=often", null, 400, "enabled" },
        { "GET", V2 + "/policies/custom/nope", null, 404, "policy_id" },
        { "PUT", V2 + "/policies/custom/{policy}", "{\"name\":\"P\"}", 400, "scope_type" },
        { "DELETE", V2 + "/policies/custom/nope", null, 404, "policy_id" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_4xxV2ErrorNamingTheField_NothingChanged(string method, string path, string? body, int expected, string field)
    {
        var before = await StateAsync();
        var content = body is null ? null : Http.Raw(fixture.Resolve(body), Json);

        var response = await fixture.A.Client.SendAsync(new HttpMethod(method), fixture.Resolve(path), content);

        // A statement that was given but is not valid Cedar has its own code.
        var code = expected switch
        {
            400 when field == "policy_statement" && body!.Contains("policy_statement") => "ACCOUNTS_00002",
            400 => "ACCOUNTS_00005",
            404 => "ACCOUNTS_00003",
            _ => "ACCOUNTS_00006",
        };
        var error = response.V2Error(expected, code);
        Assert.Contains(fixture.Resolve(field), error.FieldNames());
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>What a refused request must not change: the account's roles, assignments, custom policies and version.</summary>
    private Task<(int, int, int, long)> StateAsync()
    {
        var a = fixture.A.Id;
        return fixture.WithDbAsync(async db => (
            await db.Roles.CountAsync(r => r.AccountId == a),
            await db.RoleAssignments.CountAsync(r => r.AccountId == a),
            await db.CustomPolicies.CountAsync(r => r.AccountId == a),
            await db.Accounts.Where(x => x.Id == a).Select(x => x.PermissionsVersion).SingleAsync()));
    }
}
