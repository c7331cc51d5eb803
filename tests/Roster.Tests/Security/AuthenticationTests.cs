using System.Text;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Security;

public sealed class AuthenticationTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData("/v1_1/provisioning/accounts/{b}/users")]
    [InlineData("/v1_1/provisioning/accounts/{b}/sub_accounts")]
    [InlineData("/api/accounts/{b}")]
    [InlineData("/api/accounts/{b}/audit_events")]
    public async Task Request_CredentialsOfAccountAOnAccountBsPath_401(string path)
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();

        var response = await a.Client.GetJsonAsync(path.Replace("{b}", b.Id));

        Assert.Equal("Invalid credentials", response.Error(401));
        Assert.NotNull(response.Message.Headers.WwwAuthenticate.FirstOrDefault());
    }

    [Fact]
    public async Task CreateUser_CredentialsOfAccountAOnAccountBsPath_401AndNothingCreated()
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();

        (await a.Client.PostJsonAsync($"{b.V1}/users", new { name = "Intruder", email = Unique.Email() })).Error(401);

        Assert.Equal(1, (await b.GetAccountAsync()).GetProperty("users").GetInt32());
    }

    public static TheoryData<string?> BadAuthorizations => new()
    {
        null,
        "Basic",
        "Basic !!!not-base64!!!",
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")),
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":secret")),
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('9', 5000) + ":x")),
        "Bearer abc",
    };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task Request_MissingOrMalformedCredentials_401(string? authorization)
    {
        var a = await fixture.CreateAccountAsync();
        var client = fixture.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetJsonAsync($"{a.V1}/users");

        Assert.Equal("Invalid credentials", response.Error(401));
    }

    [Fact]
    public async Task Request_WrongSecret_401()
    {
        var a = await fixture.CreateAccountAsync();
        var client = fixture.ClientFor(a.ApiKey, a.ApiSecret + "x");

        (await client.GetJsonAsync($"{a.V1}/users")).Error(401);
        (await fixture.ClientFor(a.ApiKey, a.ApiSecret).GetJsonAsync($"{a.V1}/users")).Ok();
    }

    [Fact]
    public async Task Response_Always_CarriesRequestId()
    {
        var a = await fixture.CreateAccountAsync();
        var anonymous = fixture.Anonymous();

        var responses = new[]
        {
            await a.Client.GetJsonAsync($"{a.V1}/users"),
            await a.Client.GetJsonAsync($"{a.V1}/users/nope"),
            await a.Client.PostJsonAsync($"{a.V1}/users", new { name = new { } }),
            await a.Client.SendAsync(HttpMethod.Post, $"{a.V1}/users", Http.Raw("{", "application/json")),
            await anonymous.GetJsonAsync($"{a.V1}/users"),
            await anonymous.GetJsonAsync("/healthz"),
            await anonymous.GetJsonAsync("/nowhere"),
        };

        Assert.All(responses, r => Assert.False(string.IsNullOrWhiteSpace(r.Header("X-Request-Id")), r.ToString()));
        Assert.Equal(responses.Length, responses.Select(r => r.Header("X-Request-Id")).Distinct().Count());
    }

    [Theory]
    [InlineData("my-request-42", "my-request-42")]
    [InlineData("abc.DEF_1:2", "abc.DEF_1:2")]
    [InlineData("has space", null)]
    [InlineData("<script>", null)]
    public async Task Response_IncomingRequestId_EchoedWhenWellFormed(string sent, string? echoed)
    {
        var a = await fixture.CreateAccountAsync();

        var ok = await a.Client.SendAsync(HttpMethod.Get, $"{a.V1}/users", configure: r => r.Headers.TryAddWithoutValidation("X-Request-Id", sent));
        var error = await a.Client.SendAsync(HttpMethod.Post, $"{a.V1}/users", Http.Raw("[]", "application/json"),
            r => r.Headers.TryAddWithoutValidation("X-Request-Id", sent));

        foreach (var response in new[] { ok, error })
        {
            var id = response.Header("X-Request-Id");
            Assert.False(string.IsNullOrEmpty(id));
            if (echoed is null)
            {
                Assert.NotEqual(sent, id);
            }
            else
            {
                Assert.Equal(echoed, id);
            }
        }
        ok.Ok();
        error.Error(400);
    }

    [Fact]
    public async Task Healthz_Anonymous_200()
    {
        var json = (await fixture.Anonymous().GetJsonAsync("/healthz")).Ok();

        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(RosterFixture.OnPostgres ? "postgres" : "sqlite", json.GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_ListsTheProvisioningPaths()
    {
        var json = (await fixture.Anonymous().GetJsonAsync("/openapi/v1.json")).Ok();

        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1_1/provisioning/accounts/{account_id}/users", paths);
        Assert.Contains("/v1_1/provisioning/accounts/{account_id}/sub_accounts/{sub_account_id}/access_keys", paths);
        Assert.Contains("/v1_1/provisioning/accounts/{account_id}/user_groups/{group_id}/users/{user_id}", paths);
        Assert.Contains("/api/accounts/{account_id}/additional_user_subscriptions", paths);
    }

    [Theory]
    [InlineData("/v1_1/provisioning/accounts/{account_id}/users", "post", "message")]
    [InlineData("/v2/accounts/{account_id}/permissions/roles", "post", "code")]
    [InlineData("/v2/accounts/{account_id}/permissions/authorize", "post", "code")]
    public async Task OpenApiDocument_ErrorResponses_HaveTheBodyOfTheirApi(string path, string method, string errorField)
    {
        var json = (await fixture.Anonymous().GetJsonAsync("/openapi/v1.json")).Ok();

        var schema = json.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("404")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var body = Resolve(json, schema).GetProperty("properties").GetProperty("error");
        Assert.True(Resolve(json, body).GetProperty("properties").TryGetProperty(errorField, out _), body.ToString());
    }

    private static System.Text.Json.JsonElement Resolve(System.Text.Json.JsonElement document, System.Text.Json.JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
