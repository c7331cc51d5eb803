using System.Text.Json;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Permissions;

public sealed class CustomPolicyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    public const string Statement =
        "permit(principal == Cloudinary::APIKey::\"1234\", action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder) "
        + "when { resource.ancestor_ids.contains(\"asdfjkl12347890\") };";

    private static object Body(string name, string statement = Statement, string scopeType = "prodenv", string? scopeId = "all", bool? enabled = null) =>
        new { name, policy_statement = statement, scope_type = scopeType, scope_id = scopeId, description = "d", enabled };

    [Fact]
    public async Task CreateCustomPolicy_Valid_201AndReadBack()
    {
        var account = await fixture.CreateAccountAsync();

        var response = await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("Folder readers"));

        Assert.Equal(201, response.Code);
        var data = response.Json.GetProperty("data");
        Assert.Equal("Folder readers", data.GetProperty("name").GetString());
        Assert.Equal(Statement, data.GetProperty("policy_statement").GetString());
        Assert.Equal("prodenv", data.GetProperty("scope_type").GetString());
        Assert.Equal("all", data.GetProperty("scope_id").GetString());
        Assert.True(data.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Number, data.GetProperty("updated_at").ValueKind);
        var id = data.GetProperty("id").GetString();
        var got = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom/{id}")).Ok().GetProperty("data");
        Assert.Equal(Statement, got.GetProperty("policy_statement").GetString());
    }

    [Theory]
    [InlineData("permit(principal, action, resource", "1:")]
    [InlineData("permit(principal, action == Cloudinary::Action::\"fly\", resource);", "fly")]
    [InlineData("permit(principal is Cloudinary::Robot, action, resource);", "Robot")]
    [InlineData("permit(principal, action, resource is Cloudinary::Folder) when { resource.colour == \"red\" };", "colour")]
    public async Task CreateCustomPolicy_BadCedar_400WithCedarErrors(string statement, string mentioned)
    {
        var account = await fixture.CreateAccountAsync();

        var error = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("Bad", statement))).V2Error(400, "ACCOUNTS_00002");

        Assert.Equal(["policy_statement", "cedar_errors"], error.FieldNames());
        var cedarErrors = error.GetProperty("details").GetProperty("fields")[1].GetProperty("cedar_errors");
        Assert.Contains(cedarErrors.EnumerateArray(), e => e.GetProperty("cedar_message").GetString()!.Contains(mentioned));
        Assert.All(cedarErrors.EnumerateArray(), e => Assert.Matches(@"^\d+:\d+: ", e.GetProperty("cedar_message").GetString()!));
        Assert.Equal(0, (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom?scope_type=prodenv&scope_id=all")).Ok().GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task CreateCustomPolicy_SameNameSameScope_409_OtherScopeFine()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();
        Assert.Equal(201, (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("Same"))).Code);

        (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("same"))).V2Error(409, "ACCOUNTS_00006");
        var elsewhere = await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("Same", scopeId: pe));
        var account2 = await account.Client.PostJsonAsync($"{account.V2()}/policies/custom",
            Body("Same", "permit(principal, action, resource is Cloudinary::Account);", "account", null));

        Assert.Equal(201, elsewhere.Code);
        Assert.Equal(201, account2.Code);
        var accountLevel = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom")).Ok().GetProperty("data");
        Assert.Equal([account2.Json.GetProperty("data").GetProperty("id").GetString()], accountLevel.Strings("id"));
        Assert.Equal(JsonValueKind.Null, account2.Json.GetProperty("data").GetProperty("scope_id").ValueKind);
    }

    [Fact]
    public async Task UpdateCustomPolicy_Changed_200_Unchanged_409()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("P", enabled: true))).Json.GetProperty("data").GetProperty("id").GetString();

        var unchanged = await account.Client.PutJsonAsync($"{account.V2()}/policies/custom/{id}", Body("P", enabled: true));
        var disabled = await account.Client.PutJsonAsync($"{account.V2()}/policies/custom/{id}", Body("P", enabled: false));

        unchanged.V2Error(409, "ACCOUNTS_00006");
        Assert.False(disabled.Ok().GetProperty("data").GetProperty("enabled").GetBoolean());
        var listed = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom?scope_type=prodenv&scope_id=all&enabled=false")).Ok().GetProperty("data");
        var enabled = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom?scope_type=prodenv&scope_id=all&enabled=true")).Ok().GetProperty("data");
        Assert.Equal([id], listed.Strings("id"));
        Assert.Equal(0, enabled.GetArrayLength());
    }

    [Fact]
    public async Task UpdateCustomPolicy_WithoutEnabled_400MissingFields()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("P"))).Json.GetProperty("data").GetProperty("id").GetString();

        var error = (await account.Client.PutJsonAsync($"{account.V2()}/policies/custom/{id}", Body("P2"))).V2Error(400, "ACCOUNTS_00005");

        Assert.Equal(["enabled"], error.FieldNames());
    }

    [Fact]
    public async Task DeleteCustomPolicy_204ThenGone()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("P"))).Json.GetProperty("data").GetProperty("id").GetString();

        var deleted = await account.Client.DeleteJsonAsync($"{account.V2()}/policies/custom/{id}");

        Assert.Equal((204, ""), (deleted.Code, deleted.Body));
        (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom/{id}")).V2Error(404, "ACCOUNTS_00003");
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?target_id={id}")).Ok().GetProperty("events");
        Assert.Equal(["custom_policy.delete", "custom_policy.create"], audit.Strings("action"));
    }

    [Fact]
    public async Task ListCustomPolicies_MoreThanAPage_CursorWalksAll()
    {
        var account = await fixture.CreateAccountAsync();
        var created = new List<string>();
        for (var i = 0; i < 105; i++)
        {
            created.Add((await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body($"P{i}"))).Json.GetProperty("data").GetProperty("id").GetString()!);
        }

        var first = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom?scope_type=prodenv&scope_id=all")).Ok();
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom?scope_type=prodenv&scope_id=all&cursor={Uri.EscapeDataString(cursor!)}")).Ok();

        Assert.Equal(100, first.GetProperty("data").GetArrayLength());
        Assert.False(second.TryGetProperty("next_cursor", out _));
        Assert.Equal(created.Order(StringComparer.Ordinal), first.GetProperty("data").Strings("id").Concat(second.GetProperty("data").Strings("id")));
    }

    [Fact]
    public async Task CustomPolicies_NotEnterprise_403()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);

        (await account.Client.GetJsonAsync($"{account.V2()}/policies/custom")).V2Error(403, "ACCOUNTS_00006");
        var error = (await account.Client.PostJsonAsync($"{account.V2()}/policies/custom", Body("P"))).V2Error(403, "ACCOUNTS_00006");

        Assert.Contains("Enterprise", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic bm9wZTpub3Bl")]
    public async Task PublicEndpoints_WithOrWithoutCredentials_Answer(string? authorization)
    {
        var client = fixture.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Add("Authorization", authorization);
        }

        var catalog = (await client.GetJsonAsync("/v2/accounts/permissions/public/catalog")).Ok().GetProperty("catalog");
        var schema = (await client.GetJsonAsync("/v2/accounts/permissions/public/schema")).Ok().GetProperty("schema");
        var valid = (await client.PostJsonAsync("/v2/accounts/permissions/public/validate", new { policy = Statement })).Ok();
        var invalid = (await client.PostJsonAsync("/v2/accounts/permissions/public/validate", new { policy = "permit(principal, action, resource is Cloudinary::Nope);" })).Ok();

        Assert.Contains("cld::role::account::master_admin", catalog.GetProperty("system_roles").Strings("id"));
        Assert.Contains("cld::policy::global::upload_presets::manage", catalog.GetProperty("system_policies").Strings("id"));
        Assert.True(schema.TryGetProperty("Cloudinary", out _));
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal(0, valid.GetProperty("errors").GetArrayLength());
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.Equal("ACCOUNTS_00002", invalid.GetProperty("errors")[0].GetProperty("cedar_code").GetString());
        Assert.Contains("Nope", invalid.GetProperty("errors")[0].GetProperty("cedar_message").GetString());
    }

    [Fact]
    public async Task Validate_WithoutPolicy_400()
    {
        var error = (await fixture.Anonymous().PostJsonAsync("/v2/accounts/permissions/public/validate", new { })).V2Error(400, "ACCOUNTS_00005");

        Assert.Equal(["policy"], error.FieldNames());
    }
}
