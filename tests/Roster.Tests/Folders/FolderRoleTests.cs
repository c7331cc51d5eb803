using System.Text.Json;
using Roster.Authorization.Catalogue;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Tests.Folders;

/// <summary>Folder roles through the per-cloud Admin API, authenticated with a product environment's access key.</summary>
public sealed class FolderRoleTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static readonly string[] _allFolderRoles = [R.FolderViewer, R.FolderContributor, R.FolderEditor, R.FolderManager];

    private async Task<(TestAccount Account, TestProductEnvironment Pe)> LegacyAccountAsync()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        return (account, await account.CreateProductEnvironmentWithKeyAsync());
    }

    private static IEnumerable<string> Ids(JsonElement roles) => roles.EnumerateArray().Select(r => r.GetProperty("id").GetString()!);

    [Fact]
    public async Task Get_NothingShared_EmptyListAndNoPermittedRolesUnlessAsked()
    {
        var (_, pe) = await LegacyAccountAsync();

        var json = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f1"))).Ok();

        Assert.Empty(json.GetProperty("shared_with").EnumerateArray());
        Assert.False(json.TryGetProperty("permitted_roles", out _));
    }

    [Fact]
    public async Task Get_LegacyAccount_KeyMayGrantEveryFolderRole()
    {
        var (_, pe) = await LegacyAccountAsync();

        var json = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f1") + "?permitted_roles=true")).Ok();

        Assert.Equal(_allFolderRoles, Ids(json.GetProperty("permitted_roles")));
        Assert.All(json.GetProperty("permitted_roles").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task Post_AddThenGet_ListsThePrincipalWithItsRolesAndAuditsEachGrant()
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        var added = await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer, R.FolderEditor]);

        Assert.True(added.Ok().GetProperty("success").GetBoolean());
        var shared = Assert.Single((await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f1"))).Ok().GetProperty("shared_with").EnumerateArray());
        Assert.Equal(("user", user, "f1"), (shared.GetProperty("type").GetString(), shared.GetProperty("id").GetString(), shared.GetProperty("folder_id").GetString()));
        Assert.Equal([R.FolderEditor, R.FolderViewer], Ids(shared.GetProperty("roles")));
        Assert.All(shared.GetProperty("roles").EnumerateArray(), r => Assert.False(r.GetProperty("inherited").GetBoolean()));
        Assert.Equal(2, await fixture.AuditCountAsync(account.Id, "role_assignment.create"));
    }

    [Fact]
    public async Task Get_WithAncestorIds_IncludesRolesHeldAboveAsInherited()
    {
        var (account, pe) = await LegacyAccountAsync();
        var group = await account.CreateGroupIdAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        (await fixture.ShareFolderAsync(pe, "top", "group", group, [R.FolderManager])).Ok();
        (await fixture.ShareFolderAsync(pe, "child", "user", user, [R.FolderViewer])).Ok();

        var withAncestors = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("child") + "?ancestor_ids=top")).Ok().GetProperty("shared_with");
        var without = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("child"))).Ok().GetProperty("shared_with");

        Assert.Equal([(user, "child", false), (group, "top", true)], withAncestors.EnumerateArray().Select(s =>
            (s.GetProperty("id").GetString(), s.GetProperty("folder_id").GetString(), s.GetProperty("roles")[0].GetProperty("inherited").GetBoolean())));
        Assert.Equal([user], without.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Post_Remove_TakesTheRolesAndAuditsEachRevocation()
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        (await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer, R.FolderEditor])).Ok();

        (await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderEditor], "remove")).Ok();

        var shared = Assert.Single((await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f1"))).Ok().GetProperty("shared_with").EnumerateArray());
        Assert.Equal([R.FolderViewer], Ids(shared.GetProperty("roles")));
        Assert.Equal(1, await fixture.AuditCountAsync(account.Id, "role_assignment.delete"));
    }

    [Fact]
    public async Task Post_SameGrantTwice_StoredOnce()
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        (await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer])).Ok();
        (await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer])).Ok();

        Assert.Single(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task RolesAccount_KeyWithoutRoles_MayGrantNothingAnd403()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        var permitted = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f1") + "?permitted_roles=true")).Ok().GetProperty("permitted_roles");
        var refused = await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer]);

        Assert.Empty(permitted.EnumerateArray());
        Assert.Contains(R.FolderViewer, refused.Error(403));
        Assert.DoesNotContain(await fixture.AssignmentsAsync(account.Id), a => a.RoleId == R.FolderViewer);
    }

    [Fact]
    public async Task RolesAccount_KeyHoldingEditorAbove_GrantsUpToEditorBelowOnly()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        await fixture.AssignAsync(account.Id, PrincipalType.ApiKey, pe.ApiKey, R.FolderEditor, pe.Id, folderId: "top");

        var below = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("child") + "?ancestor_ids=top&permitted_roles=true")).Ok();
        var elsewhere = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("child") + "?permitted_roles=true")).Ok();
        var manager = await fixture.KeyClient(pe).PostJsonAsync(pe.FolderPath("child") + "?ancestor_ids=top",
            new { principal = new { type = "user", id = user }, operation = "add", roles = new[] { R.FolderManager } });
        var editor = await fixture.KeyClient(pe).PostJsonAsync(pe.FolderPath("child") + "?ancestor_ids=top",
            new { principal = new { type = "user", id = user }, operation = "add", roles = new[] { R.FolderEditor } });

        Assert.Equal([R.FolderViewer, R.FolderContributor, R.FolderEditor], Ids(below.GetProperty("permitted_roles")));
        Assert.Empty(elsewhere.GetProperty("permitted_roles").EnumerateArray());
        Assert.Contains(R.FolderManager, manager.Error(403));
        editor.Ok();
        Assert.Equal("allow", await account.DecisionAsync(LegacyScenarios.Principal("user", user), "update",
            LegacyScenarios.Folder(pe.Id, "child", "top")));
    }

    [Fact]
    public async Task RolesAccount_KeyWithProductEnvironmentMasterAdmin_MayGrantAllAndGiveAnotherKeyOfItsEnvironment()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        await fixture.AssignAsync(account.Id, PrincipalType.ApiKey, pe.ApiKey, R.ProdenvMasterAdmin, pe.Id);
        var second = (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys", new { name = "second" })).Ok()
            .GetProperty("api_key").GetString()!;

        var permitted = (await fixture.KeyClient(pe).GetJsonAsync(pe.FolderPath("f") + "?permitted_roles=true")).Ok().GetProperty("permitted_roles");
        (await fixture.ShareFolderAsync(pe, "f", "apiKey", second, [R.FolderContributor])).Ok();

        Assert.Equal(_allFolderRoles, Ids(permitted));
        Assert.Equal("allow", await account.DecisionAsync(LegacyScenarios.Principal("apiKey", second), "create",
            new { type = "Asset", id = "a", product_environment_id = pe.Id, ancestor_ids = new[] { "f" } }));
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("other-environment")]
    [InlineData("account-key")]
    [InlineData("none")]
    [InlineData("disabled-key")]
    public async Task Authentication_NotAnEnabledKeyOfThisCloud_401(string credentials)
    {
        var (account, pe) = await LegacyAccountAsync();
        var other = await account.CreateProductEnvironmentWithKeyAsync();
        if (credentials == "disabled-key")
        {
            (await account.Client.PutJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys/{pe.ApiKey}", new { enabled = false })).Ok();
        }
        var client = credentials switch
        {
            "wrong-secret" => fixture.KeyClient(pe, "not-the-secret"),
            "other-environment" => fixture.KeyClient(other with { CloudName = pe.CloudName }),
            "account-key" => fixture.ClientFor(account.ApiKey, account.ApiSecret),
            "none" => fixture.Anonymous(),
            _ => fixture.KeyClient(pe),
        };

        var response = await client.GetJsonAsync(pe.FolderPath("f1"));

        Assert.Equal("Invalid credentials", response.Error(401));
    }

    [Fact]
    public async Task Authentication_CloudNameInAnotherCase_Accepted()
    {
        var (_, pe) = await LegacyAccountAsync();

        (await fixture.KeyClient(pe).GetJsonAsync($"/v1_1/{pe.CloudName.ToUpperInvariant()}/folder_operations/invite/f1")).Ok();
    }

    [Theory]
    [InlineData("""{"operation":"add","roles":["cld::role::folder::viewer"]}""", "principal")]
    [InlineData("""{"principal":{"type":"robot","id":"x"},"operation":"add","roles":["cld::role::folder::viewer"]}""", "principal.type")]
    [InlineData("""{"principal":{"type":"user"},"operation":"add","roles":["cld::role::folder::viewer"]}""", "principal.id")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"roles":["cld::role::folder::viewer"]}""", "operation")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"operation":"share","roles":["cld::role::folder::viewer"]}""", "operation")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"operation":"add"}""", "roles")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"operation":"add","roles":["cld::role::prodenv::admin"]}""", "roles")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"operation":"add","roles":["cld::role::collection::viewer"]}""", "roles")]
    [InlineData("""{"principal":{"type":"user","id":"USER"},"operation":"add","roles":["a","b","c","d","e","f","g","h","i","j","k"]}""", "roles")]
    public async Task Post_BadInput_400NamingTheFieldAndNothingChanges(string body, string field)
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        var response = await fixture.KeyClient(pe).SendAsync(HttpMethod.Post, pe.FolderPath("f1"), Http.Raw(body.Replace("USER", user), "application/json"));

        Assert.Contains($"'{field}", response.Error(400));
        Assert.Empty(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task Post_MoreThan100Ancestors_400()
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        var response = await fixture.KeyClient(pe).PostJsonAsync(pe.FolderPath("f1"), new
        {
            principal = new { type = "user", id = user }, operation = "add", roles = new[] { R.FolderViewer },
            ancestor_ids = Enumerable.Range(0, 101).Select(i => $"a{i}"),
        });

        Assert.Contains("'ancestor_ids'", response.Error(400));
    }

    [Theory]
    [InlineData("unknown-user", 404)]
    [InlineData("unknown-group", 404)]
    [InlineData("unknown-key", 404)]
    [InlineData("root", 403)]
    [InlineData("key-of-another-environment", 400)]
    [InlineData("deleted-user", 400)]
    public async Task Post_PrincipalThatCannotHoldIt_RefusedAndNothingChanges(string who, int status)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var other = await account.CreateProductEnvironmentWithKeyAsync();
        await fixture.AssignAsync(account.Id, PrincipalType.ApiKey, pe.ApiKey, R.ProdenvMasterAdmin, pe.Id);
        var deleted = await account.CreateUserIdAsync("media_library_user");
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{deleted}")).Ok();
        var (type, id) = who switch
        {
            "unknown-user" => ("user", "nobody"),
            "unknown-group" => ("group", "nobody"),
            "unknown-key" => ("apiKey", "123456789012345"),
            "root" => ("user", account.RootUserId),
            "key-of-another-environment" => ("apiKey", other.ApiKey),
            _ => ("user", deleted),
        };

        var response = await fixture.ShareFolderAsync(pe, "f1", type, id, [R.FolderViewer]);

        response.Error(status);
        Assert.Single(await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task Post_AuditNamesTheCallingKey()
    {
        var (account, pe) = await LegacyAccountAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);

        (await fixture.ShareFolderAsync(pe, "f1", "user", user, [R.FolderViewer])).Ok();

        var events = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=role_assignment.create")).Ok().GetProperty("events");
        var created = Assert.Single(events.EnumerateArray());
        Assert.Equal(("api_key", pe.ApiKey), (created.GetProperty("actor_type").GetString(), created.GetProperty("actor_id").GetString()));
    }
}
