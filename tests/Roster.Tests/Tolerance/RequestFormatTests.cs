using System.Text.Json;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Tolerance;

/// <summary>The server tolerance checklist of the Provisioning API reference (§9), one rule per test.</summary>
public sealed class RequestFormatTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    public static TheoryData<string> Encodings => ["json", "form", "multipart", "chunked", "json-strings", "text-plain-json"];

    private static HttpContent Body(string encoding, string name, string email, string pe) => encoding switch
    {
        "json" => Http.Json(new { name, email, role = "admin", sub_account_ids = new[] { pe }, enabled = false }),
        "json-strings" => Http.Json(new { name, email, role = "Admin", sub_account_ids = pe, enabled = "False", api_key = "", signature = "x", timestamp = 1 }),
        "form" => Http.Form(("name", name), ("email", email), ("role", "admin"), ("sub_account_ids[]", pe), ("enabled", "false")),
        "multipart" => Http.Multipart(("name", name), ("email", email), ("role", "admin"), ("sub_account_ids[0]", pe), ("enabled", "false")),
        "chunked" => Http.ChunkedJson(new { name, email, role = "admin", sub_account_ids = new[] { pe }, enabled = "false" }),
        "text-plain-json" => Http.Raw(JsonSerializer.Serialize(new { name, email, role = "admin", sub_account_ids = new[] { pe }, enabled = false }), "text/plain"),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task CreateAndUpdateUser_AnyBodyEncoding_Understood(string encoding)
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var other = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var email = Unique.Email();

        var created = (await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/users", Body(encoding, "Encoded", email, pe),
            r => r.Headers.TransferEncodingChunked = encoding == "chunked" ? true : null)).Ok();
        var id = created.GetProperty("id").GetString();
        var updated = (await account.Client.SendAsync(HttpMethod.Put, $"{account.V1}/users/{id}", Body(encoding, "Renamed", email, other))).Ok();

        Assert.Equal("Encoded", created.GetProperty("name").GetString());
        Assert.Equal(email, created.GetProperty("email").GetString());
        Assert.Equal("admin", created.GetProperty("role").GetString());
        Assert.False(created.GetProperty("enabled").GetBoolean());
        Assert.Equal([pe], created.GetProperty("sub_account_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Renamed", updated.GetProperty("name").GetString());
        Assert.Equal([other], updated.GetProperty("sub_account_ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public async Task Booleans_AsStringsAnyCase_Understood(string value, bool expected)
    {
        var account = await fixture.CreateAccountAsync();

        var pe = (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts", new { name = "Flag", enabled = value })).Ok();
        var user = (await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/users",
            Http.Form(("name", "Flag"), ("email", Unique.Email()), ("enabled", value)))).Ok();
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts?enabled={value}")).Ok().GetProperty("sub_accounts");

        Assert.Equal(expected, pe.GetProperty("enabled").GetBoolean());
        Assert.Equal(expected, user.GetProperty("enabled").GetBoolean());
        Assert.Equal([pe.GetProperty("id").GetString()], listed.Strings("id"));
    }

    [Theory]
    [InlineData("ids={0}&ids={1}")]
    [InlineData("ids[]={0}&ids[]={1}")]
    [InlineData("ids={0},{1}")]
    [InlineData("ids={0}%2C{1}&enabled=false&prefix=zzz")]
    public async Task ListProductEnvironments_IdsInEveryForm_ExactlyThose(string query)
    {
        var account = await fixture.CreateAccountAsync();
        var a = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();
        var b = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();
        await account.CreateProductEnvironmentAsync();

        var listed = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts?{string.Format(query, a, b)}")).Ok();

        Assert.Equal(new[] { a, b }.Order(), listed.GetProperty("sub_accounts").Strings("id").Order());
    }

    [Theory]
    [InlineData("ids={0}&ids={1}")]
    [InlineData("ids[]={0}&ids[]={1}")]
    [InlineData("ids={0},{1}")]
    public async Task ListUsers_IdsInEveryForm_ExactlyThose(string query)
    {
        var account = await fixture.CreateAccountAsync();
        var a = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var b = (await account.CreateUserAsync()).GetProperty("id").GetString();

        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users?{string.Format(query, a, b)}")).Ok();

        Assert.Equal(new[] { a, b }.Order(), listed.GetProperty("users").Strings("id").Order());
    }

    [Theory]
    [InlineData("emails={0}&emails={1}")]
    [InlineData("emails[]={0}&emails[]={1}")]
    [InlineData("emails={0},{1}")]
    public async Task ListUsers_EmailsInEveryForm_ExactlyThose(string query)
    {
        var account = await fixture.CreateAccountAsync();
        var a = Unique.Email();
        var b = Unique.Email();
        await account.CreateUserAsync(a);
        await account.CreateUserAsync(b);
        await account.CreateUserAsync();

        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users?{string.Format(query, a.ToUpperInvariant(), b)}")).Ok();

        Assert.Equal(new[] { a, b }.Order(), listed.GetProperty("users").Strings("email").Order());
    }

    [Fact]
    public async Task ListProductEnvironments_CloudNamesAndPrefix_Filter()
    {
        var account = await fixture.CreateAccountAsync();
        var cloud = Unique.CloudName();
        var a = (await account.CreateProductEnvironmentAsync("Alpha One", cloud)).GetProperty("id").GetString();
        var b = (await account.CreateProductEnvironmentAsync("beta")).GetProperty("id").GetString();

        var byCloud = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts?cloud_names[]={cloud.ToUpperInvariant()}")).Ok();
        var byPrefix = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts?prefix=ALP")).Ok();

        Assert.Equal([a], byCloud.GetProperty("sub_accounts").Strings("id"));
        Assert.Equal([a], byPrefix.GetProperty("sub_accounts").Strings("id"));
        Assert.NotNull(b);
    }

    [Theory]
    [InlineData("/sub_accounts?enabled=&prefix=&ids=&cloud_names=", "sub_accounts", 2)]
    [InlineData("/users?ids=&emails=&pending=&prefix=&sub_account_id=&last_login=&from=&to=&status=&accountId=x&activity=1", "users", 2)]
    [InlineData("/user_groups?extended_details=", "user_groups", 0)]
    public async Task List_EmptyQueryValuesAndUnknownKeys_MeanNotGiven(string path, string property, int count)
    {
        var account = await fixture.CreateAccountAsync();
        await account.CreateProductEnvironmentAsync();
        await account.CreateProductEnvironmentAsync();
        await account.CreateUserAsync();

        var listed = (await account.Client.GetJsonAsync($"{account.V1}{path}")).Ok();

        Assert.Equal(count, listed.GetProperty(property).GetArrayLength());
    }

    [Theory]
    [InlineData("2024-01-01", "2999-12-31")]
    [InlineData("01-01-2024", "31-12-2999")]
    [InlineData("2024-01-01T00:00:00Z", "2999-12-31T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00", "2999-12-31T00:00:00")]
    [InlineData("2024-01-01 12:34:56.789012", "2999-12-31 12:34:56")]
    [InlineData("2024-01-01", "")]
    public async Task ListUsers_LastLoginWithDatesInEveryForm_NeverLoggedInUserOnlyForFalse(string from, string to)
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var range = $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";

        var didNot = (await account.Client.GetJsonAsync($"{account.V1}/users?last_login=false&{range}")).Ok().GetProperty("users").Strings("id");
        var did = (await account.Client.GetJsonAsync($"{account.V1}/users?last_login=true&{range}")).Ok().GetProperty("users").Strings("id");
        var union = (await account.Client.GetJsonAsync($"{account.V1}/users?union_type=exclude&{range}")).Ok().GetProperty("users").Strings("id");

        Assert.Contains(id, didNot);
        Assert.DoesNotContain(id, did);
        Assert.Contains(id, union);
    }

    [Fact]
    public async Task ListUsers_StatusOrPending_FilterTheSameWay()
    {
        var account = await fixture.CreateAccountAsync();
        var pending = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var active = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(active)).Ok();

        async Task<List<string>> Ids(string query) =>
            (await account.Client.GetJsonAsync($"{account.V1}/users?{query}")).Ok().GetProperty("users").Strings("id").ToList();

        Assert.Equal([account.RootUserId, pending], await Ids("status=pending"));
        Assert.Equal([account.RootUserId, pending], await Ids("pending=true"));
        Assert.Equal([account.RootUserId, pending], await Ids("pending=True"));
        Assert.Equal([active], await Ids("status=active"));
        Assert.Equal([account.RootUserId, pending, active], await Ids("pending=false"));
        Assert.Equal([account.RootUserId, pending, active], await Ids(""));
    }

    [Theory]
    [InlineData("json-object")]
    [InlineData("pipe")]
    [InlineData("form-brackets")]
    public async Task CustomAttributes_ObjectOrPipeString_Understood(string form)
    {
        var account = await fixture.CreateAccountAsync();
        HttpContent body = form switch
        {
            "json-object" => Http.Json(new { name = "Attrs", custom_attributes = new Dictionary<string, string> { ["team"] = "web", ["note"] = "a|b=c" } }),
            "pipe" => Http.Json(new { name = "Attrs", custom_attributes = @"team=web|note=a\|b\=c" }),
            _ => Http.Form(("name", "Attrs"), ("custom_attributes[team]", "web"), ("custom_attributes[note]", "a|b=c")),
        };

        var pe = (await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/sub_accounts", body)).Ok();

        var attributes = pe.GetProperty("custom_attributes");
        Assert.Equal("web", attributes.GetProperty("team").GetString());
        Assert.Equal("a|b=c", attributes.GetProperty("note").GetString());
        Assert.Equal(2, attributes.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyBodyOrEmptyObject_MeansNoParameters(string text)
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString();

        var added = (await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/user_groups/{group}/users/{user}", Http.Raw(text, "application/json"))).Ok();
        var unchanged = (await account.Client.SendAsync(HttpMethod.Put, $"{account.V1}/users/{user}", Http.Raw(text, "application/json"))).Ok();
        var removed = (await account.Client.SendAsync(HttpMethod.Delete, $"{account.V1}/user_groups/{group}/users/{user}", Http.Raw(text, "application/json"))).Ok();

        Assert.Equal(1, added.GetProperty("users").GetArrayLength());
        Assert.Equal(user, unchanged.GetProperty("id").GetString());
        Assert.Equal(0, removed.GetProperty("users").GetArrayLength());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    [InlineData("multipart/form-data; boundary=xyz")]
    public async Task Get_WithAContentType_Ignored(string contentType)
    {
        var account = await fixture.CreateAccountAsync();

        var response = await account.Client.SendAsync(HttpMethod.Get, $"{account.V1}/users", Http.Raw("", contentType));

        Assert.Single(response.Ok().GetProperty("users").EnumerateArray());
    }

    [Fact]
    public async Task DeleteUser_WithBodyOrForm_200()
    {
        var account = await fixture.CreateAccountAsync();
        var a = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var b = (await account.CreateUserAsync()).GetProperty("id").GetString();

        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{a}", Http.Json(new { }))).Ok();
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{b}", Http.Form())).Ok();
    }

    [Fact]
    public async Task CreateUser_NameAsNumber_TakenAsText()
    {
        var account = await fixture.CreateAccountAsync();

        var user = await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/users",
            Http.Raw($$"""{"name":123,"email":"{{Unique.Email()}}"}""", "application/json"));

        Assert.Equal("123", user.Ok().GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListUsers_PrefixMatchesNameOrEmail_CaseInsensitive()
    {
        var account = await fixture.CreateAccountAsync();
        var byName = (await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Zelda Q", email = Unique.Email() })).Ok().GetProperty("id").GetString();
        var byEmail = (await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Other", email = $"zel.{Guid.NewGuid():N}@example.com" })).Ok().GetProperty("id").GetString();

        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users?prefix=ZEL")).Ok().GetProperty("users").Strings("id");

        Assert.Equal(new[] { byName, byEmail }.Order(), listed.Order());
    }
}
