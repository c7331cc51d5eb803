using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Audit;

public sealed class AuditTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static async Task<List<JsonElement>> EventsAsync(TestAccount account) =>
        (await account.Client.GetJsonAsync($"{account.Api}/audit_events?limit=500")).Ok().GetProperty("events").EnumerateArray().ToList();

    /// <summary>Makes one change and asserts it wrote exactly one audit event of that action on that target, by this key.</summary>
    private static async Task<JsonElement> ChangeAsync(TestAccount account, string action, Func<Task<(ApiResponse Response, string Target)>> change)
    {
        var before = await EventsAsync(account);
        var (response, target) = await change();
        response.Ok();
        var after = await EventsAsync(account);
        Assert.Equal(before.Count + 1, after.Count);
        var newest = after[0];
        Assert.Equal(action, newest.GetProperty("action").GetString());
        Assert.Equal(target, newest.GetProperty("target_id").GetString());
        Assert.Equal("account_key", newest.GetProperty("actor_type").GetString());
        Assert.Equal(account.ApiKey, newest.GetProperty("actor_id").GetString());
        Assert.False(string.IsNullOrEmpty(newest.GetProperty("request_id").GetString()));
        Assert.Equal(response.Header("X-Request-Id"), newest.GetProperty("request_id").GetString());
        return newest;
    }

    [Fact]
    public async Task CreateUser_ThroughTheApi_AuditedWithActorTargetAfterAndClientAddress()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();

        var context = await fixture.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            c.Request.Method = "POST";
            c.Request.Path = $"{account.V1}/users";
            c.Request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiKey}:{account.ApiSecret}"))).ToString();
            c.Request.Headers["X-Request-Id"] = "audit-req-1";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { name = "Audited", email })));
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var user = (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.GetProperty("id").GetString();
        var newest = (await EventsAsync(account))[0];
        Assert.Equal("user.create", newest.GetProperty("action").GetString());
        Assert.Equal("user", newest.GetProperty("target_type").GetString());
        Assert.Equal(user, newest.GetProperty("target_id").GetString());
        Assert.Equal("account_key", newest.GetProperty("actor_type").GetString());
        Assert.Equal(account.ApiKey, newest.GetProperty("actor_id").GetString());
        Assert.Equal("203.0.113.7", newest.GetProperty("client_address").GetString());
        Assert.Equal("audit-req-1", newest.GetProperty("request_id").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("before").ValueKind);
        Assert.Equal(email, newest.GetProperty("after").GetProperty("email").GetString());
        Assert.False(newest.GetProperty("after").TryGetProperty("password_hash", out _));
    }

    [Fact]
    public async Task EveryChange_WritesOneAuditEvent()
    {
        var account = await fixture.CreateAccountAsync();
        var c = account.Client;
        var v1 = account.V1;
        string user = "", pe = "", group = "", key = "";

        var created = await ChangeAsync(account, "user.create", async () =>
        {
            var r = await c.PostJsonAsync($"{v1}/users", new { name = "Before", email = Unique.Email() });
            user = r.Ok().GetProperty("id").GetString()!;
            return (r, user);
        });
        Assert.Equal("Before", created.GetProperty("after").GetProperty("name").GetString());

        var updated = await ChangeAsync(account, "user.update", async () => (await c.PutJsonAsync($"{v1}/users/{user}", new { name = "After" }), user));
        Assert.Equal("Before", updated.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("After", updated.GetProperty("after").GetProperty("name").GetString());

        await ChangeAsync(account, "product_environment.create", async () =>
        {
            var r = await c.PostJsonAsync($"{v1}/sub_accounts", new { name = "PE" });
            pe = r.Ok().GetProperty("id").GetString()!;
            return (r, pe);
        });
        var peUpdate = await ChangeAsync(account, "product_environment.update", async () => (await c.PutJsonAsync($"{v1}/sub_accounts/{pe}", new { name = "PE2" }), pe));
        Assert.Equal("PE", peUpdate.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("PE2", peUpdate.GetProperty("after").GetProperty("name").GetString());
        await ChangeAsync(account, "access_key.create", async () =>
        {
            var r = await c.PostJsonAsync($"{v1}/sub_accounts/{pe}/access_keys", new { name = "k" });
            key = r.Ok().GetProperty("api_key").GetString()!;
            return (r, key);
        });
        await ChangeAsync(account, "access_key.update", async () => (await c.PutJsonAsync($"{v1}/sub_accounts/{pe}/access_keys/{key}", new { enabled = false }), key));
        await ChangeAsync(account, "access_key.delete", async () => (await c.DeleteJsonAsync($"{v1}/sub_accounts/{pe}/access_keys/{key}"), key));
        await ChangeAsync(account, "user_group.create", async () =>
        {
            var r = await c.PostJsonAsync($"{v1}/user_groups", new { name = "G" });
            group = r.Ok().GetProperty("id").GetString()!;
            return (r, group);
        });
        await ChangeAsync(account, "user_group.update", async () => (await c.PutJsonAsync($"{v1}/user_groups/{group}", new { name = "G2" }), group));
        await ChangeAsync(account, "user_group.add_user", async () => (await c.PostJsonAsync($"{v1}/user_groups/{group}/users/{user}"), group));
        await ChangeAsync(account, "user_group.remove_user", async () => (await c.DeleteJsonAsync($"{v1}/user_groups/{group}/users/{user}"), group));
        await ChangeAsync(account, "user_group.delete", async () => (await c.DeleteJsonAsync($"{v1}/user_groups/{group}"), group));
        await ChangeAsync(account, "product_environment.delete", async () => (await c.DeleteJsonAsync($"{v1}/sub_accounts/{pe}"), pe));
        var deleted = await ChangeAsync(account, "user.delete", async () => (await c.DeleteJsonAsync($"{v1}/users/{user}"), user));
        Assert.Equal("pending", deleted.GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("inactive", deleted.GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AccountLevelChanges_AreAudited()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);

        var subscriptions = await ChangeAsync(account, "account.additional_user_subscriptions",
            async () => (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 3 }), account.Id));

        Assert.Equal(0, subscriptions.GetProperty("before").GetProperty("additional_user_subscriptions").GetInt32());
        Assert.Equal(3, subscriptions.GetProperty("after").GetProperty("additional_user_subscriptions").GetInt32());
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(user)).Ok();
        var accepted = (await EventsAsync(account))[0];
        Assert.Equal("user.accept_invitation", accepted.GetProperty("action").GetString());
        Assert.Equal("user", accepted.GetProperty("actor_type").GetString());
        Assert.Equal(user, accepted.GetProperty("actor_id").GetString());
        await ChangeAsync(account, "user.force_logout", async () => (await account.Client.PostJsonAsync($"{account.Api}/users/{user}/force_logout"), user));
        await ChangeAsync(account, "user.password_reset", async () => (await account.Client.PostJsonAsync($"{account.Api}/users/{user}/password_reset"), user));
        var all = await EventsAsync(account);
        Assert.Equal("account.create", all[^1].GetProperty("action").GetString());
        Assert.Equal("system", all[^1].GetProperty("actor_type").GetString());
    }

    [Fact]
    public async Task FailedChanges_WriteNoAuditEvent()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 2);
        var taken = Unique.Email();
        var user = (await account.CreateUserAsync(taken)).GetProperty("id").GetString();
        var other = await fixture.CreateAccountAsync();
        var cloudName = Unique.CloudName();
        await other.CreateProductEnvironmentAsync(cloudName: cloudName);
        var before = await EventsAsync(account);

        (await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Dup", email = taken })).Error(403);
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{account.RootUserId}")).Error(403);
        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { email = other.RootEmail })).Error(409);
        (await account.Client.PutJsonAsync($"{account.V1}/users/{user}", new { role = "wizard" })).Error(400);
        (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts", new { name = "Dup", cloud_name = cloudName })).Error(409);
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups", new { name = "" })).Error(400);
        (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 1 })).Error(403);
        (await account.Client.PostJsonAsync($"{account.Api}/cancel", new { email = account.RootEmail, password = "nope nope" })).Error(401);

        Assert.Equal(before.Count, (await EventsAsync(account)).Count);
    }

    [Fact]
    public async Task ListAuditEvents_Filters_ActionTargetAndPaging()
    {
        var account = await fixture.CreateAccountAsync();
        var first = (await account.CreateUserAsync()).GetProperty("id").GetString();
        await account.CreateUserAsync();

        var byAction = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=user.create")).Ok().GetProperty("events");
        var byTarget = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?target_id={first}")).Ok().GetProperty("events");
        var page = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?limit=1")).Ok();
        var next = page.GetProperty("next_before").GetInt64();
        var rest = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?before={next}")).Ok().GetProperty("events");

        Assert.Equal(3, byAction.GetArrayLength());
        Assert.Equal(first, Assert.Single(byTarget.EnumerateArray()).GetProperty("target_id").GetString());
        Assert.Equal(1, page.GetProperty("events").GetArrayLength());
        Assert.All(rest.EnumerateArray(), e => Assert.True(e.GetProperty("id").GetInt64() < next));
        Assert.Equal(3, rest.GetArrayLength());
    }
}
