using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.PermissionsScenarios;

namespace Roster.Tests.Permissions;

/// <summary>Inspect and effective policies over one account: a user in a group, a key, roles at both scopes.</summary>
public sealed class InspectFixture : RosterFixture
{
    public TestAccount A { get; private set; } = null!;
    public string User { get; private set; } = null!;
    public string Other { get; private set; } = null!;
    public string Group { get; private set; } = null!;
    public string Pe { get; private set; } = null!;
    public string Key { get; private set; } = null!;
    public string PolicyId { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateAccountAsync();
        User = (await A.CreateUserAsync()).GetProperty("id").GetString()!;
        Other = (await A.CreateUserAsync()).GetProperty("id").GetString()!;
        Group = (await A.CreateGroupAsync()).GetProperty("id").GetString()!;
        (await A.Client.PostJsonAsync($"{A.V1}/user_groups/{Group}/users/{User}")).Ok();
        var pe = await A.CreateProductEnvironmentAsync();
        Pe = pe.GetProperty("id").GetString()!;
        Key = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;
        await A.GrantAsync(Reports, new { principal_type = "user", principal_id = User });
        await A.GrantAsync(Admin, new { principal_type = "user", principal_id = Other });
        await A.GrantAsync(PeReports, new { principal_type = "group", principal_id = Group, scope_id = Pe },
            new { principal_type = "apiKey", principal_id = Key, scope_id = Pe });
        await A.GrantAsync(FolderViewer, new { principal_type = "user", principal_id = User, scope_id = Pe, policy_parameters = new { folder_id = "f1" } });
        var created = await A.Client.PostJsonAsync($"{A.V2()}/policies/custom", new
        {
            name = "Key reads folder", scope_type = "prodenv", scope_id = Pe, policy_statement = CustomPolicyTests.Statement,
        });
        PolicyId = created.Json.GetProperty("data").GetProperty("id").GetString()!;
    }
}

public sealed class InspectTests(InspectFixture fixture) : IClassFixture<InspectFixture>
{
    private TestAccount A => fixture.A;

    [Fact]
    public async Task InspectGet_AccountScope_EachPrincipalWithItsAccountRoles()
    {
        var response = (await A.Client.GetJsonAsync($"{A.V2()}/principal_roles/inspect?scope_type=account")).Ok();

        var principals = response.GetProperty("data").GetProperty("principals").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("roles").Strings("id").ToList());
        Assert.Equal(new[] { fixture.User, fixture.Other }.Order(), principals.Keys.Order());
        Assert.Equal([Reports], principals[fixture.User]);
        Assert.Equal([Admin], principals[fixture.Other]);
        Assert.False(response.TryGetProperty("next_cursor", out _));
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("&principal_type=apiKey", 1)]
    [InlineData("&folder_id=f1", 1)]
    [InlineData("&folder_id=nope", 0)]
    public async Task InspectGet_ProductEnvironmentScope_Filters(string filter, int principals)
    {
        var data = (await A.Client.GetJsonAsync($"{A.V2()}/principal_roles/inspect?scope_type=prodenv&scope_id={fixture.Pe}{filter}")).Ok().GetProperty("data");

        Assert.Equal(principals, data.GetProperty("principals").GetArrayLength());
        Assert.All(data.GetProperty("principals").EnumerateArray(), p =>
            Assert.All(p.GetProperty("roles").EnumerateArray(), r => Assert.Equal(fixture.Pe, r.GetProperty("scope_id").GetString())));
    }

    [Fact]
    public async Task InspectPost_ListedPrincipals_InOrderEvenWithoutRoles()
    {
        var response = (await A.Client.PostJsonAsync($"{A.V2()}/principal_roles/inspect", new
        {
            scope_type = "prodenv",
            scope_id = fixture.Pe,
            principals = new[] { new { type = "apiKey", id = fixture.Key }, new { type = "user", id = fixture.Other }, new { type = "user", id = fixture.User } },
            policy_parameters = new { folder_id = "f1" },
        })).Ok();

        var principals = response.GetProperty("data").GetProperty("principals");
        Assert.Equal([fixture.Key, fixture.Other, fixture.User], principals.Strings("id"));
        Assert.Equal(0, principals[0].GetProperty("roles").GetArrayLength());
        Assert.Equal([FolderViewer], principals[2].GetProperty("roles").Strings("id"));
        Assert.Equal("content", principals[2].GetProperty("roles")[0].GetProperty("permission_type").GetString());
    }

    [Fact]
    public async Task InspectPost_UnknownPrincipal_404()
    {
        var error = (await A.Client.PostJsonAsync($"{A.V2()}/principal_roles/inspect", new
        {
            scope_type = "account", principals = new[] { new { type = "group", id = "nope" } },
        })).V2Error(404, "ACCOUNTS_00003");

        Assert.Equal(["principals[0].id"], error.FieldNames());
    }

    [Fact]
    public async Task EffectivePolicies_User_OwnAndGroupRolesWithFilledInStatements()
    {
        var data = (await A.Client.GetJsonAsync(
            $"{A.V2()}/policies/effective?scope_type=prodenv&scope_id={fixture.Pe}&principal_type=user&principal_id={fixture.User}")).Ok().GetProperty("data");

        var principals = data.GetProperty("principals").EnumerateArray()
            .ToDictionary(p => p.GetProperty("principal_id").GetString()!, p => p);
        Assert.Equal(new[] { fixture.User, fixture.Group }.Order(), principals.Keys.Order());
        Assert.Equal("group", principals[fixture.Group].GetProperty("principal_type").GetString());
        Assert.Equal([PeReports], principals[fixture.Group].GetProperty("roles").Strings("id"));
        var viewer = principals[fixture.User].GetProperty("roles")[0];
        Assert.Equal(FolderViewer, viewer.GetProperty("id").GetString());
        Assert.All(viewer.GetProperty("system_policies").EnumerateArray(),
            p => Assert.Contains("\"f1\"", p.GetProperty("policy_statement").GetString()));
        Assert.Equal([fixture.PolicyId], data.GetProperty("custom_policies").Strings("id"));
    }

    [Fact]
    public async Task EffectivePolicies_AccountScope_NoProductEnvironmentPolicies()
    {
        var data = (await A.Client.GetJsonAsync($"{A.V2()}/policies/effective?scope_type=account")).Ok().GetProperty("data");

        Assert.Equal(2, data.GetProperty("principals").GetArrayLength());
        Assert.Equal(0, data.GetProperty("custom_policies").GetArrayLength());
    }

    [Fact]
    public async Task EffectivePolicies_PrincipalTypeWithoutId_400()
    {
        var error = (await A.Client.GetJsonAsync($"{A.V2()}/policies/effective?principal_type=user")).V2Error(400, "ACCOUNTS_00005");

        Assert.Equal(["principal_id"], error.FieldNames());
    }
}
