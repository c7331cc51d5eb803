using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Common;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.LegacyScenarios;

namespace Roster.Tests.Permissions;

/// <summary><c>POST …/permissions/authorize</c> and <c>…/authorize/batch</c> on accounts on Roles and Permissions.</summary>
public sealed class AuthorizeTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Authorize_RoleInItsProductEnvironment_AllowsWithTheGrantAsReason()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("reports");
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.ProdenvAdmin, pe.Id);

        var answer = (await account.AuthorizeAsync(Principal("user", user), "update", Feature(CloudinaryFeatures.SettingsUpdate, pe.Id))).Ok();

        Assert.Equal("allow", answer.GetProperty("decision").GetString());
        var reason = Assert.Single(answer.GetProperty("reasons").EnumerateArray());
        Assert.Equal(SystemRoleIds.ProdenvAdmin, reason.GetProperty("role_id").GetString());
        Assert.Equal("prodenv", reason.GetProperty("scope_type").GetString());
        Assert.Equal(pe.Id, reason.GetProperty("scope_id").GetString());
        Assert.Equal(SystemPolicyIds.SettingsManage, reason.GetProperty("system_policy_id").GetString());
        Assert.False(reason.TryGetProperty("custom_policy_id", out _));
        Assert.False(string.IsNullOrEmpty(reason.GetProperty("policy_id").GetString()));
        Assert.Empty(answer.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Decider_CalledInProcess_GivesTheSameDecisionAsTheApi()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("reports");
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.ProdenvAdmin, pe.Id);
        var allowed = new { principal = Principal("user", user), action = "update", resource = Feature(CloudinaryFeatures.SettingsUpdate, pe.Id) };
        var denied = new { principal = Principal("user", user), action = "update", resource = Feature(CloudinaryFeatures.SettingsUpdate) };

        using var scope = fixture.Services.CreateScope();
        var decider = scope.ServiceProvider.GetRequiredService<Decider>();
        var queries = new[] { allowed, denied }.Select(q => AuthorizeInput.One(JsonSerializer.SerializeToElement(q)).Value).ToList();
        var answers = await decider.DecideAsync(account.Id, queries, CancellationToken.None);

        Assert.True(answers.Succeeded);
        Assert.Equal([Decision.Allow, Decision.Deny], answers.Value.Select(a => a.Decision));
        var overHttp = (await account.AuthorizeAsync(allowed.principal, allowed.action, allowed.resource)).Ok();
        Assert.Equal(overHttp.GetProperty("reasons")[0].GetProperty("policy_id").GetString(), answers.Value[0].Reasons[0].PolicyId);
        var unknown = await decider.DecideAsync("no-such-account", queries, CancellationToken.None);
        Assert.Equal(ErrorKind.NotFound, unknown.Error!.Kind);
    }

    [Fact]
    public async Task Authorize_OutsideTheGrantsScope_DeniesWithoutReasons()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var other = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("reports");
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.ProdenvAdmin, pe.Id);

        var answer = (await account.AuthorizeAsync(Principal("user", user), "update", Feature(CloudinaryFeatures.SettingsUpdate, other.Id))).Ok();

        Assert.Equal("deny", answer.GetProperty("decision").GetString());
        Assert.Empty(answer.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task Authorize_FolderRoleOnAnAncestor_ReachesFoldersBelowOnlyWhenTheirAncestorsAreGiven()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.FolderViewer, pe.Id, folderId: "top");

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "child", "top")));
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "read", Folder(pe.Id, "child")));

        var reason = (await account.AuthorizeAsync(Principal("user", user), "read", Folder(pe.Id, "child", "top"))).Ok()
            .GetProperty("reasons")[0];
        Assert.Equal("top", reason.GetProperty("policy_parameters").GetProperty("folder_id").GetString());
    }

    [Theory]
    [InlineData("read")]
    [InlineData("Cloudinary::Action::\"read\"")]
    public async Task Authorize_ActionPlainOrAsCedarEntity_SameDecision(string action)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_admin", pe.Id);

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), action, Folder(pe.Id, "f")));
    }

    [Fact]
    public async Task Authorize_RootUserAndProvisioningKey_AllowedWithAReasonSayingSo()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var root = (await account.AuthorizeAsync(Principal("user", account.RootUserId), "delete", Feature(CloudinaryFeatures.BillingUpdate))).Ok();
        var key = (await account.AuthorizeAsync(Principal("provisioningKey", account.ApiKey), "delete", Feature(CloudinaryFeatures.BillingUpdate))).Ok();

        Assert.Equal("allow", root.GetProperty("decision").GetString());
        Assert.Equal(Decider.RootUserPolicy, root.GetProperty("reasons")[0].GetProperty("policy_id").GetString());
        Assert.Contains("root user", root.GetProperty("reasons")[0].GetProperty("description").GetString());
        Assert.Equal("allow", key.GetProperty("decision").GetString());
        Assert.Equal(Decider.ProvisioningKeyPolicy, key.GetProperty("reasons")[0].GetProperty("policy_id").GetString());
    }

    [Theory]
    [InlineData("user")]
    [InlineData("group")]
    [InlineData("apiKey")]
    [InlineData("provisioningKey")]
    public async Task Authorize_UnknownPrincipal_404InTheV2Shape(string type)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var other = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var elsewhere = type switch
        {
            "user" => other.RootUserId,
            "group" => await other.CreateGroupIdAsync(),
            "apiKey" => (await other.CreateProductEnvironmentWithKeyAsync()).ApiKey,
            _ => other.ApiKey,
        };

        var response = await account.AuthorizeAsync(Principal(type, elsewhere), "read", Feature(CloudinaryFeatures.UsersView));

        Assert.Contains("principal.id", response.V2Error(404, PermissionsErrorBody.NotFoundCode).FieldNames());
    }

    [Fact]
    public async Task Authorize_GroupAsPrincipal_HoldsWhatTheGroupWasGivenNotWhatItsMembersHold()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var member = await account.CreateUserIdAsync("billing");
        var group = await account.CreateGroupIdAsync(member);
        await fixture.AssignAsync(account.Id, PrincipalType.Group, group, SystemRoleIds.FolderManager, pe.Id, folderId: "team");

        Assert.Equal("allow", await account.DecisionAsync(Principal("group", group), "delete", Folder(pe.Id, "team")));
        Assert.Equal("deny", await account.DecisionAsync(Principal("group", group), "read", Feature(CloudinaryFeatures.BillingView)));
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", member), "delete", Folder(pe.Id, "team")));
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", member), "read", Feature(CloudinaryFeatures.BillingView)));
    }

    [Fact]
    public async Task AuthorizeBatch_MixedRequests_AnswersInOrder()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var admin = await account.CreateUserIdAsync("admin");
        var billing = await account.CreateUserIdAsync("billing");
        object Ask(string user, string feature, string? productEnvironment = null) =>
            new { principal = Principal("user", user), action = "read", resource = Feature(feature, productEnvironment) };

        var data = (await account.Client.PostJsonAsync($"{account.V2()}/authorize/batch", new
        {
            requests = new[]
            {
                Ask(admin, CloudinaryFeatures.UsersView), Ask(billing, CloudinaryFeatures.UsersView),
                Ask(billing, CloudinaryFeatures.BillingView), Ask(admin, CloudinaryFeatures.SettingsView, pe.Id),
                Ask(account.RootUserId, CloudinaryFeatures.BillingView),
            },
        })).Data();

        Assert.Equal(["allow", "deny", "allow", "allow", "allow"], data.EnumerateArray().Select(a => a.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task Authorize_CustomPolicyWithContext_DecidesByContextAndReportsEvaluationErrors()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("media_library_user", pe.Id);
        var policyId = Secrets.NewId();
        await fixture.WithDbAsync(async db =>
        {
            db.CustomPolicies.Add(new CustomPolicy
            {
                AccountId = account.Id, Id = policyId, Name = "mfa", NameNormalized = "mfa", ScopeType = ScopeType.Account, ScopeKey = "account",
                Statement = $"permit(principal == Cloudinary::User::\"{user}\", action == Cloudinary::Action::\"read\", resource is Cloudinary::Folder) "
                    + "when { context.mfa == true };",
            });
            await db.SaveChangesAsync();
            await db.BumpPermissionsVersionAsync(account.Id, CancellationToken.None);
            return 0;
        });
        async Task<JsonElement> AskAsync(object? context) => (await account.Client.PostJsonAsync($"{account.V2()}/authorize",
            new { principal = Principal("user", user), action = "read", resource = Folder(pe.Id, "f"), context })).Ok();

        var withMfa = await AskAsync(new { mfa = true });
        var withoutMfa = await AskAsync(new { mfa = false });
        var noContext = await AskAsync(null);

        Assert.Equal("allow", withMfa.GetProperty("decision").GetString());
        Assert.Equal(policyId, withMfa.GetProperty("reasons")[0].GetProperty("custom_policy_id").GetString());
        Assert.Equal("deny", withoutMfa.GetProperty("decision").GetString());
        Assert.Equal("deny", noContext.GetProperty("decision").GetString());
        var error = Assert.Single(noContext.GetProperty("errors").EnumerateArray());
        Assert.Contains("mfa", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("policy_id").GetString()));
    }

    [Fact]
    public async Task Authorize_AssignmentChanges_NextDecisionSeesThem()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var user = await account.CreateUserIdAsync("billing");
        Assert.Equal("deny", await account.DecisionAsync(Principal("user", user), "create", Feature(CloudinaryFeatures.UsersCreate)));

        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.AccountAdmin);

        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "create", Feature(CloudinaryFeatures.UsersCreate)));
    }

    [Fact]
    public async Task Cache_SameVersion_CompiledOnceAndReused_NewVersion_CompiledAgain()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var cache = fixture.Services.GetRequiredService<AuthorizeCache>();
        var (_, version) = await fixture.PermissionStateAsync(account.Id);

        var first = await cache.GetAsync(account.Id, version, CancellationToken.None);
        var again = await cache.GetAsync(account.Id, version, CancellationToken.None);
        await fixture.WithDbAsync(async db =>
        {
            await db.BumpPermissionsVersionAsync(account.Id, CancellationToken.None);
            return 0;
        });
        var next = await cache.GetAsync(account.Id, version + 1, CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, next);
        Assert.Equal(version + 1, next!.Version);
    }

    [Theory]
    [InlineData("""{"action":"read","resource":{"type":"Account"}}""", "principal")]
    [InlineData("""{"principal":{"type":"robot","id":"x"},"action":"read","resource":{"type":"Account"}}""", "principal.type")]
    [InlineData("""{"principal":{"type":"user"},"action":"read","resource":{"type":"Account"}}""", "principal.id")]
    [InlineData("""{"principal":"u1","action":"read","resource":{"type":"Account"}}""", "principal")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"resource":{"type":"Account"}}""", "action")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"fly","resource":{"type":"Account"}}""", "action")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"Cloudinary::Action::read","resource":{"type":"Account"}}""", "action")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read"}""", "resource")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Planet","id":"p"}}""", "resource.type")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Folder","id":"f"}}""", "resource.product_environment_id")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Folder","product_environment_id":"p"}}""", "resource.id")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Folder","id":"f","product_environment_id":"p","ancestor_ids":"a"}}""", "resource.ancestor_ids")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Folder","id":"f","product_environment_id":"p","ancestor_ids":[1]}}""", "resource.ancestor_ids")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Account"},"context":[1]}""", "context")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Account"},"context":{"n":null}}""", "context")]
    [InlineData("""{"principal":{"type":"user","id":"u"},"action":"read","resource":{"type":"Account"}""", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task Authorize_BadInput_400NamingTheField(string body, string field)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var response = await account.Client.SendAsync(HttpMethod.Post, $"{account.V2()}/authorize", Http.Raw(body, "application/json"));

        Assert.Contains(field, response.V2Error(400, PermissionsErrorBody.InvalidInputCode).FieldNames());
    }

    [Fact]
    public async Task Authorize_IdLongerThanAllowed_400NamingTheField()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var response = await account.AuthorizeAsync(Principal("user", new string('u', 256)), "read", Feature(CloudinaryFeatures.UsersView));

        Assert.Contains("principal.id", response.V2Error(400, PermissionsErrorBody.InvalidInputCode).FieldNames());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task AuthorizeBatch_NoneOrMoreThan100_400NamingRequests(int count)
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var one = new { principal = Principal("user", account.RootUserId), action = "read", resource = new { type = "Account" } };

        var response = await account.Client.PostJsonAsync($"{account.V2()}/authorize/batch", new { requests = Enumerable.Repeat(one, count) });

        Assert.Contains("requests", response.V2Error(400, PermissionsErrorBody.InvalidInputCode).FieldNames());
    }

    [Fact]
    public async Task AuthorizeBatch_100Requests_AllAnswered()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var one = new { principal = Principal("user", account.RootUserId), action = "read", resource = new { type = "Account" } };

        var data = (await account.Client.PostJsonAsync($"{account.V2()}/authorize/batch", new { requests = Enumerable.Repeat(one, 100) })).Data();

        Assert.Equal(100, data.GetArrayLength());
    }

    [Fact]
    public async Task AuthorizeBatch_BadItem_400NamingTheItemsField()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var good = new { principal = Principal("user", account.RootUserId), action = "read", resource = new { type = "Account" } };

        var response = await account.Client.PostJsonAsync($"{account.V2()}/authorize/batch",
            new { requests = new object[] { good, new { principal = Principal("user", "u"), action = "jump", resource = new { type = "Account" } } } });

        Assert.Contains("requests[1].action", response.V2Error(400, PermissionsErrorBody.InvalidInputCode).FieldNames());
    }

    [Fact]
    public async Task Authorize_AnotherAccountsCredentials_401()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var other = await fixture.CreateAccountAsync(PermissionSystem.Roles);

        var response = await other.Client.PostJsonAsync($"{account.V2()}/authorize",
            new { principal = Principal("user", account.RootUserId), action = "read", resource = new { type = "Account" } });

        Assert.Equal(401, response.Code);
    }

    [Fact]
    public async Task Authorize_ApiKeyWithFolderRole_AllowedInThatFolderOnly()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        await fixture.AssignAsync(account.Id, PrincipalType.ApiKey, pe.ApiKey, SystemRoleIds.FolderContributor, pe.Id, folderId: "uploads");

        Assert.Equal("allow", await account.DecisionAsync(Principal("apiKey", pe.ApiKey), "create",
            new { type = "Asset", id = "a1", product_environment_id = pe.Id, ancestor_ids = new[] { "uploads" } }));
        Assert.Equal("deny", await account.DecisionAsync(Principal("apiKey", pe.ApiKey), "create",
            new { type = "Asset", id = "a1", product_environment_id = pe.Id, ancestor_ids = new[] { "elsewhere" } }));
    }

    [Fact]
    public async Task Authorize_DisabledUser_DeniedUntilEnabledAgain()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        var user = await account.CreateUserIdAsync("reports");
        await fixture.AssignAsync(account.Id, PrincipalType.User, user, SystemRoleIds.ProdenvAdmin, pe.Id);
        var settings = Feature(CloudinaryFeatures.SettingsUpdate, pe.Id);

        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { enabled = false })).Ok();
        var disabled = (await account.AuthorizeAsync(Principal("user", user), "update", settings)).Ok();
        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { enabled = true })).Ok();

        Assert.Equal("deny", disabled.GetProperty("decision").GetString());
        Assert.Equal(Decider.DisabledPolicy, Assert.Single(disabled.GetProperty("reasons").EnumerateArray()).GetProperty("policy_id").GetString());
        Assert.Equal("allow", await account.DecisionAsync(Principal("user", user), "update", settings));
    }

    [Fact]
    public async Task Authorize_DisabledApiKey_Denied()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Roles);
        var pe = await account.CreateProductEnvironmentWithKeyAsync();
        await fixture.AssignAsync(account.Id, PrincipalType.ApiKey, pe.ApiKey, SystemRoleIds.FolderContributor, pe.Id, folderId: "uploads");
        var asset = new { type = "Asset", id = "a1", product_environment_id = pe.Id, ancestor_ids = new[] { "uploads" } };
        Assert.Equal("allow", await account.DecisionAsync(Principal("apiKey", pe.ApiKey), "create", asset));

        (await account.Client.PutJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys/{pe.ApiKey}", new { enabled = false })).Ok();

        Assert.Equal("deny", await account.DecisionAsync(Principal("apiKey", pe.ApiKey), "create", asset));
    }
}
