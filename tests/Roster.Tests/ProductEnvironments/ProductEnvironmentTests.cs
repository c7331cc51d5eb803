using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.ProductEnvironments;

public sealed partial class ProductEnvironmentTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex CloudNameShape();

    [Fact]
    public async Task CreateProductEnvironment_New_HoldsOneEnabledAccessKey()
    {
        var account = await fixture.CreateAccountAsync();

        var pe = await account.CreateProductEnvironmentAsync("Web Shop");

        var key = Assert.Single(pe.GetProperty("api_access_keys").EnumerateArray());
        Assert.True(key.GetProperty("enabled").GetBoolean());
        Assert.Matches("^[0-9]{15}$", key.GetProperty("key").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("secret").GetString()));
        Assert.True(pe.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Object, pe.GetProperty("custom_attributes").ValueKind);
    }

    [Fact]
    public async Task CreateProductEnvironment_NoCloudName_OneIsGenerated()
    {
        var account = await fixture.CreateAccountAsync();

        var first = await account.CreateProductEnvironmentAsync("Same Name");
        var second = await account.CreateProductEnvironmentAsync("Same Name");

        var a = first.GetProperty("cloud_name").GetString()!;
        var b = second.GetProperty("cloud_name").GetString()!;
        Assert.Matches(CloudNameShape(), a);
        Assert.Matches(CloudNameShape(), b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateProductEnvironment_CloudNameTakenByAnotherAccountAnyCase_409(bool differentCase)
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();
        var cloudName = Unique.CloudName();
        await a.CreateProductEnvironmentAsync(cloudName: cloudName);

        var response = await b.Client.PostJsonAsync($"{b.V1}/sub_accounts",
            new { name = "Copy", cloud_name = differentCase ? cloudName.ToUpperInvariant() : cloudName });

        Assert.Contains("has already been taken", response.Error(409));
        Assert.Equal(0, (await b.Client.GetJsonAsync($"{b.V1}/sub_accounts")).Ok().GetProperty("sub_accounts").GetArrayLength());
    }

    [Fact]
    public async Task UpdateProductEnvironment_CloudNameTakenAnyCase_409()
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();
        var cloudName = Unique.CloudName();
        await a.CreateProductEnvironmentAsync(cloudName: cloudName);
        var mine = (await b.CreateProductEnvironmentAsync()).GetProperty("id").GetString();

        var response = await b.Client.PutJsonAsync($"{b.V1}/sub_accounts/{mine}", new { cloud_name = cloudName.ToUpperInvariant() });

        response.Error(409);
    }

    [Fact]
    public async Task UpdateProductEnvironment_Fields_Changed()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();
        var cloudName = Unique.CloudName();

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/sub_accounts/{id}",
            new { name = "Renamed", cloud_name = cloudName, enabled = "false", custom_attributes = new { team = "web" } })).Ok();

        Assert.Equal("Renamed", updated.GetProperty("name").GetString());
        Assert.Equal(cloudName, updated.GetProperty("cloud_name").GetString());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal("web", updated.GetProperty("custom_attributes").GetProperty("team").GetString());
    }

    [Fact]
    public async Task DeleteProductEnvironment_Existing_OkAndGone()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();

        var deleted = (await account.Client.DeleteJsonAsync($"{account.V1}/sub_accounts/{id}")).Ok();

        Assert.Equal("ok", deleted.GetProperty("message").GetString());
        (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{id}")).Error(404);
        (await account.Client.DeleteJsonAsync($"{account.V1}/sub_accounts/{id}")).Error(404);
    }

    [Fact]
    public async Task CreateProductEnvironment_WithBase_CopiesCustomAttributes()
    {
        var account = await fixture.CreateAccountAsync();
        var basis = (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts",
            new { name = "Base", custom_attributes = new { tier = "gold" } })).Ok().GetProperty("id").GetString();

        var copy = (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts", new { name = "Copy", base_sub_account_id = basis })).Ok();

        Assert.Equal("gold", copy.GetProperty("custom_attributes").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Storage_Secrets_NeverInPlaintext()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = await account.CreateProductEnvironmentAsync();
        var key = pe.GetProperty("api_access_keys")[0];
        var apiKey = key.GetProperty("key").GetString()!;
        var secret = key.GetProperty("secret").GetString()!;

        var stored = await fixture.WithDbAsync(db => db.AccessKeys.AsNoTracking().SingleAsync(k => k.ApiKey == apiKey));
        var accountRow = await fixture.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id));

        Assert.DoesNotContain(secret, stored.ProtectedSecret);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(stored));
        Assert.DoesNotContain(account.ApiSecret, JsonSerializer.Serialize(accountRow));
        Assert.Equal(Roster.Common.Secrets.HashSecret(account.ApiSecret), accountRow.ApiSecretHash);
        // The key is still usable: the API can reveal it.
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.GetProperty("id").GetString()}/access_keys")).Ok();
        Assert.Equal(secret, listed.GetProperty("access_keys")[0].GetProperty("api_secret").GetString());
    }

    [Fact]
    public async Task Audit_Snapshots_HoldNoSecrets()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = await account.CreateProductEnvironmentAsync();
        var secret = pe.GetProperty("api_access_keys")[0].GetProperty("secret").GetString()!;

        var events = (await account.Client.GetJsonAsync($"{account.Api}/audit_events")).Ok().GetRawText();

        Assert.DoesNotContain(secret, events);
        Assert.DoesNotContain(account.ApiSecret, events);
    }
}
