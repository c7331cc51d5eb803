using System.Text.Json;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.AccessKeys;

public sealed class AccessKeyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static async Task<(TestAccount Account, string Path, string RootKey)> ProductEnvironmentAsync(RosterFixture fixture)
    {
        var account = await fixture.CreateAccountAsync();
        var pe = await account.CreateProductEnvironmentAsync();
        return (account, $"{account.V1}/sub_accounts/{pe.GetProperty("id").GetString()}/access_keys",
            pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task GenerateAccessKey_NameAndEnabled_Returned()
    {
        var (account, path, _) = await ProductEnvironmentAsync(fixture);

        var key = (await account.Client.PostJsonAsync(path, new { name = "ci", enabled = "False" })).Ok();

        Assert.Equal("ci", key.GetProperty("name").GetString());
        Assert.False(key.GetProperty("enabled").GetBoolean());
        Assert.Matches("^[0-9]{15}$", key.GetProperty("api_key").GetString());
        Assert.False(key.TryGetProperty("dedicated_for", out _));
        (await account.Client.PostJsonAsync(path, new { name = "ci" })).Error(409);
    }

    [Theory]
    [InlineData("page_size=2&page=1&sort_by=name&sort_order=asc", new[] { "k1", "k2" })]
    [InlineData("page_size=2&page=2&sort_by=name&sort_order=asc", new[] { "k3", "k4" })]
    [InlineData("page_size=2&page=3&sort_by=name&sort_order=asc", new[] { "root" })]
    [InlineData("page_size=3&sort_by=name&sort_order=desc", new[] { "root", "k4", "k3" })]
    [InlineData("sort_by=name&sort_order=asc", new[] { "k1", "k2", "k3", "k4", "root" })]
    [InlineData("sort_by=enabled&sort_order=asc&page_size=1", new[] { "k2" })]
    [InlineData("", new[] { "k4", "k3", "k2", "k1", "root" })]
    public async Task ListAccessKeys_PagingAndSorting_PageAndTotal(string query, string[] expected)
    {
        var (account, path, _) = await ProductEnvironmentAsync(fixture);
        foreach (var name in new[] { "k1", "k2", "k3", "k4" })
        {
            (await account.Client.PostJsonAsync(path, new { name, enabled = name != "k2" })).Ok();
        }

        var list = (await account.Client.GetJsonAsync($"{path}?{query}")).Ok();

        Assert.Equal(5, list.GetProperty("total").GetInt32());
        Assert.Equal(expected, list.GetProperty("access_keys").Strings("name"));
    }

    [Fact]
    public async Task UpdateAccessKey_DedicatedForWebhooks_MovesFromPreviousHolder()
    {
        var (account, path, first) = await ProductEnvironmentAsync(fixture);
        var second = (await account.Client.PostJsonAsync(path, new { name = "second" })).Ok().GetProperty("api_key").GetString();

        var one = (await account.Client.PutJsonAsync($"{path}/{first}", new { dedicated_for = "webhooks" })).Ok();
        var two = (await account.Client.PutJsonAsync($"{path}/{second}", new { dedicated_for = "webhooks", name = "hooks", enabled = false })).Ok();

        Assert.Equal(["webhooks"], one.GetProperty("dedicated_for").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["webhooks"], two.GetProperty("dedicated_for").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("hooks", two.GetProperty("name").GetString());
        Assert.False(two.GetProperty("enabled").GetBoolean());
        var keys = (await account.Client.GetJsonAsync(path)).Ok().GetProperty("access_keys").EnumerateArray().ToList();
        var holders = keys.Where(k => k.TryGetProperty("dedicated_for", out _)).Select(k => k.GetProperty("api_key").GetString()).ToList();
        Assert.Equal([second], holders);
    }

    public static TheoryData<string> DeleteByNameEncodings => ["query", "form", "json", "multipart"];

    [Theory]
    [MemberData(nameof(DeleteByNameEncodings))]
    public async Task DeleteAccessKey_ByName_NameFromQueryOrBody(string encoding)
    {
        var (account, path, _) = await ProductEnvironmentAsync(fixture);
        (await account.Client.PostJsonAsync(path, new { name = "doomed" })).Ok();
        (await account.Client.PostJsonAsync(path, new { name = "kept" })).Ok();

        var response = encoding switch
        {
            "query" => await account.Client.DeleteJsonAsync($"{path}?name=doomed"),
            "form" => await account.Client.DeleteJsonAsync(path, Http.Form(("name", "doomed"))),
            "json" => await account.Client.DeleteJsonAsync(path, Http.Json(new { api_key = "", name = "doomed", signature = "abc", timestamp = 1700000000 })),
            _ => await account.Client.DeleteJsonAsync(path, Http.Multipart(("name", "doomed"))),
        };

        Assert.Equal("ok", response.Ok().GetProperty("message").GetString());
        var names = (await account.Client.GetJsonAsync(path)).Ok().GetProperty("access_keys").Strings("name").ToList();
        Assert.DoesNotContain("doomed", names);
        Assert.Contains("kept", names);
        (await account.Client.DeleteJsonAsync($"{path}?name=doomed")).Error(404);
    }

    [Fact]
    public async Task DeleteAccessKey_ByKey_OkThenGone()
    {
        var (account, path, rootKey) = await ProductEnvironmentAsync(fixture);

        var response = await account.Client.DeleteJsonAsync($"{path}/{rootKey}");

        Assert.Equal("ok", response.Ok().GetProperty("message").GetString());
        var list = (await account.Client.GetJsonAsync(path)).Ok();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        (await account.Client.DeleteJsonAsync($"{path}/{rootKey}")).Error(404);
    }

    [Fact]
    public async Task AccessKeys_OfAnotherAccountsProductEnvironment_404()
    {
        var (_, path, rootKey) = await ProductEnvironmentAsync(fixture);
        var intruder = await fixture.CreateAccountAsync();
        var foreign = path.Replace(path[..path.IndexOf("/sub_accounts", StringComparison.Ordinal)], intruder.V1);

        (await intruder.Client.GetJsonAsync(foreign)).Error(404);
        (await intruder.Client.PutJsonAsync($"{foreign}/{rootKey}", new { enabled = false })).Error(404);
        (await intruder.Client.DeleteJsonAsync($"{foreign}/{rootKey}")).Error(404);
        (await intruder.Client.PostJsonAsync(foreign, new { name = "x" })).Error(404);
    }

    [Fact]
    public async Task ProductEnvironment_ApiAccessKeys_MatchTheAccessKeyList()
    {
        var (account, path, _) = await ProductEnvironmentAsync(fixture);
        (await account.Client.PostJsonAsync(path, new { name = "extra" })).Ok();
        var peId = path.Split('/')[^2];

        var pe = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{peId}")).Ok();
        var list = (await account.Client.GetJsonAsync(path)).Ok();

        Assert.Equal(
            list.GetProperty("access_keys").Strings("api_key").Order(),
            pe.GetProperty("api_access_keys").Strings("key").Order());
        Assert.Equal(JsonValueKind.Array, pe.GetProperty("api_access_keys").ValueKind);
    }
}
