using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Features.AccessKeys;
using Roster.Features.Permissions;
using Roster.Features.ProductEnvironments;
using Roster.Security;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// The Product environments pages through plain HTTP, as a browser without JavaScript uses them: the list with its key
/// counts, search and pages; create, rename, enable and disable, delete; a product environment's access keys, whose new
/// secret is shown once and authenticates the per-cloud Admin API; and what is refused to whom, and to hostile input.
/// </summary>
public sealed class ProductEnvironmentsPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string List = "/console/product-environments";

    private static readonly (string, string)[] _noFields = [];

    private async Task<(TestAccount Account, FormClient Browser)> RootAsync(PermissionSystem system = PermissionSystem.Roles)
    {
        var account = await fixture.CreateAccountAsync(system);
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return (account, await fixture.SignedInBrowserAsync(account.RootEmail));
    }

    private static TestProductEnvironment Environment(JsonElement pe)
    {
        var key = pe.GetProperty("api_access_keys")[0];
        return new TestProductEnvironment(pe.GetProperty("id").GetString()!, pe.GetProperty("cloud_name").GetString()!,
            key.GetProperty("key").GetString()!, key.GetProperty("secret").GetString()!);
    }

    /// <summary>The per-cloud Admin API as the key: 200 when it authenticates, 401 when not.</summary>
    private async Task<HttpStatusCode> KeyWorksAsync(string cloudName, string apiKey, string secret) =>
        (await fixture.KeyClient(new TestProductEnvironment("", cloudName, apiKey, secret), secret)
            .GetJsonAsync($"/v1_1/{cloudName}/folder_operations/invite/some_folder")).Status;

    private static string? RowAttribute(FormPage page, string id, string testId)
    {
        var row = System.Text.RegularExpressions.Regex.Match(page.Html,
            $"<tr data-testid=\"environment\" data-id=\"{id}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return row.Success ? new FormPage(page.Status, page.Path, row.Groups[1].Value, page.Response).Text(testId) : null;
    }

    [Fact]
    public async Task List_ShowsEachEnvironmentWithItsKeyCount_AndSearchFindsByNameOrCloudName()
    {
        var (account, browser) = await RootAsync();
        var stem = Unique.Name();
        var shop = Environment(await account.CreateProductEnvironmentAsync("Web shop " + stem, "shop_" + stem));
        var blog = Environment(await account.CreateProductEnvironmentAsync("Blog " + stem, "blog_" + stem));
        (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts/{shop.Id}/access_keys", new { name = "ci" })).Ok();
        (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts/{shop.Id}/access_keys", new { name = "cdn" })).Ok();

        var page = await browser.GetAsync(List);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("3", RowAttribute(page, shop.Id, "environment-keys"));
        Assert.Equal("1", RowAttribute(page, blog.Id, "environment-keys"));
        Assert.Equal("shop_" + stem, RowAttribute(page, shop.Id, "environment-cloud-name"));
        Assert.Equal("Enabled", RowAttribute(page, shop.Id, "environment-status"));
        Assert.Equal("2 product environments", page.Text("pe-total"));

        var byName = await browser.GetAsync($"{List}?q={Uri.EscapeDataString("SHOP " + stem)}");
        Assert.Equal([shop.Id], byName.All("data-testid=\"environment\" data-id=\"([^\"]+)\""));
        Assert.Equal("SHOP " + stem, byName.Field("q"));
        var byCloudName = await browser.GetAsync($"{List}?q=BLOG_{stem[..6]}");
        Assert.Equal([blog.Id], byCloudName.All("data-testid=\"environment\" data-id=\"([^\"]+)\""));
        var none = await browser.GetAsync($"{List}?q=nothing_{stem}");
        Assert.Equal("No product environment matches the search.", none.Text("no-environments"));
    }

    [Fact]
    public async Task List_IsPagedFiftyAPage()
    {
        var (account, browser) = await RootAsync();
        await fixture.WithDbAsync(async db =>
        {
            var secrets = fixture.Services.GetRequiredService<AccessKeySecrets>();
            for (var i = 0; i < 51; i++)
            {
                var created = await CreateProductEnvironment.RunAsync(account.Id,
                    new NewProductEnvironment(DisplayName.Parse($"Env {i:D2}")!.Value), db, secrets, Actor.System, TimeProvider.System, CancellationToken.None);
                Assert.True(created.Succeeded);
            }
            return 0;
        });

        var first = await browser.GetAsync(List);
        var second = await browser.GetAsync(List + "?p=2");
        var beyond = await browser.GetAsync(List + "?p=99");
        var nonsense = await browser.GetAsync(List + "?p=-3x");

        Assert.Equal(50, first.All("data-testid=\"environment\" data-id=\"([^\"]+)\"").Count);
        Assert.Equal("Page 1 of 2", first.Text("pe-page"));
        Assert.Contains("Env 00", first.Html);
        Assert.DoesNotContain("Env 50", first.Html);
        Assert.Single(second.All("data-testid=\"environment\" data-id=\"([^\"]+)\""));
        Assert.Contains("Env 50", second.Html);
        Assert.Equal("Page 2 of 2", beyond.Text("pe-page"));
        Assert.Equal("Page 1 of 2", nonsense.Text("pe-page"));
    }

    [Fact]
    public async Task Create_RefusesATakenOrUnusableCloudNameAtTheField_KeepingWhatWasTyped_ThenShowsTheFirstKeyOnce()
    {
        var (_, browser) = await RootAsync();
        var other = await fixture.CreateAccountAsync();
        var taken = Unique.CloudName();
        await other.CreateProductEnvironmentAsync(cloudName: taken);

        var refused = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "Storefront"), ("cloud_name", taken.ToUpperInvariant()));
        var unusable = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "Storefront"), ("cloud_name", "store front!"));
        var blank = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "   "), ("cloud_name", ""));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Has already been taken", refused.Text("cloud-name-error"));
        Assert.Equal("Storefront", refused.Field("name"));
        Assert.Equal(taken.ToUpperInvariant(), refused.Field("cloud_name"));
        Assert.Equal($"The cloud name {CloudNames.Rule}.", unusable.Text("cloud-name-error"));
        Assert.Equal("store front!", unusable.Field("cloud_name"));
        Assert.Equal("The name must not be blank.", blank.Text("name-error"));

        var mine = Unique.CloudName();
        var created = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "Storefront"), ("cloud_name", mine));
        var key = created.Text("new-key")!;
        var secret = created.Text("new-secret-value")!;
        Assert.Equal("Product environment created: Storefront", created.Text("created-heading"));
        Assert.Equal(mine, created.Text("created-cloud-name"));
        Assert.Contains("It will not be shown again.", created.Text("new-secret"));
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(mine, key, secret));

        var list = await browser.GetAsync(List);
        Assert.Contains(mine, list.Html);
        Assert.DoesNotContain(secret, list.Html);
        Assert.Equal("1 product environment", list.Text("pe-total"));
    }

    [Fact]
    public async Task RenameDisableEnable_ChangeTheEnvironment_AndADisabledEnvironmentsKeysFailToAuthenticate()
    {
        var (account, browser) = await RootAsync();
        var pe = Environment(await account.CreateProductEnvironmentAsync("Staging", Unique.CloudName()));
        var page = $"{List}/{pe.Id}";

        var renamed = await browser.SubmitAsync(page, page + "?handler=rename", ("name", "  Staging EU  "));
        var refused = await browser.SubmitAsync(page, page + "?handler=rename", ("name", new string('x', 300)));

        Assert.Equal("Staging EU", renamed.Text("environment-heading"));
        Assert.Contains("renamed Staging EU", renamed.Text("flash"));
        Assert.Equal("The name must be at most 255 characters.", refused.Text("name-error"));
        Assert.Equal(new string('x', 300), refused.Field("name"));
        Assert.Equal("Staging EU", (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}")).Ok().GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
        var disabled = await browser.SubmitAsync(page, page + "?handler=status", ("enabled", "false"));
        Assert.Equal("Disabled", disabled.Text("status"));
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
        var list = await browser.GetAsync(List);
        Assert.Equal("Disabled", RowAttribute(list, pe.Id, "environment-status"));
        Assert.Contains(">Enable</a>", list.Html);

        var enabled = await browser.SubmitAsync(page, page + "?handler=status", ("enabled", "true"));
        Assert.Equal("Enabled", enabled.Text("status"));
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
    }

    [Fact]
    public async Task Delete_AsksFirst_NamingWhatGoesWithIt_ThenDeletesItWithItsKeys()
    {
        var (account, browser) = await RootAsync();
        var pe = Environment(await account.CreateProductEnvironmentAsync("Old site", Unique.CloudName()));
        (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys", new { name = "extra" })).Ok();

        var confirm = await browser.GetAsync($"{List}/{pe.Id}/delete");

        Assert.Equal("Delete Old site?", confirm.Text("delete-heading"));
        Assert.Contains("its 2 access keys", confirm.Text("delete-consequences"));
        Assert.Contains("the access to it of the 0 users", confirm.Text("delete-consequences"));
        Assert.Contains("roles granted in it", confirm.Text("delete-consequences"));
        Assert.Equal(HttpStatusCode.OK, (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}")).Status);

        var deleted = await browser.PostAsync($"{List}/{pe.Id}/delete", _noFields);

        Assert.Equal(List, deleted.Path);
        Assert.Contains("Old site", deleted.Text("flash"));
        Assert.DoesNotContain(pe.Id, deleted.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{List}/{pe.Id}/delete")).Status);
    }

    [Fact]
    public async Task Keys_GenerateShowsTheSecretOnce_ItAuthenticates_AndAReloadDoesNotShowIt()
    {
        var (account, browser) = await RootAsync();
        var pe = Environment(await account.CreateProductEnvironmentAsync(cloudName: Unique.CloudName()));
        var keys = $"{List}/{pe.Id}/keys";

        var generated = await browser.SubmitAsync(keys, keys + "?handler=generate", ("name", "Deploys"));

        var key = generated.Text("new-key")!;
        var secret = generated.Text("new-secret-value")!;
        Assert.Equal(HttpStatusCode.OK, generated.Status);
        Assert.Contains("It will not be shown again.", generated.Text("new-secret"));
        Assert.Matches("^[0-9]{15}$", key);
        Assert.True(secret.Length >= 20);
        // Note: shown in the answer itself; nothing about it went into a cookie.
        Assert.DoesNotContain(generated.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.Contains("TempData", StringComparison.OrdinalIgnoreCase) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(pe.CloudName, key, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(pe.CloudName, key, secret + "x"));

        var reload = await browser.GetAsync(keys);
        Assert.DoesNotContain(secret, reload.Html);
        Assert.DoesNotContain(pe.ApiSecret, reload.Html);
        Assert.Null(reload.Text("new-secret"));
        Assert.Equal("2 access keys", reload.Text("key-total"));
        Assert.Contains(key, reload.Html);
        Assert.Contains("Deploys", reload.Html);
        Assert.DoesNotContain(secret, (await browser.GetAsync($"{keys}/{key}")).Html);
    }

    [Fact]
    public async Task Keys_RenameDisableDedicateDelete_EachThroughItsUseCase()
    {
        var (account, browser) = await RootAsync();
        var pe = Environment(await account.CreateProductEnvironmentAsync(cloudName: Unique.CloudName()));
        var second = (await account.Client.PostJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys", new { name = "second" })).Ok();
        var secondKey = second.GetProperty("api_key").GetString()!;
        var keyPage = $"{List}/{pe.Id}/keys/{pe.ApiKey}";

        var renamed = await browser.SubmitAsync(keyPage, keyPage + "?handler=rename", ("name", "Primary"));
        var taken = await browser.SubmitAsync(keyPage, keyPage + "?handler=rename", ("name", "second"));
        Assert.Contains("renamed Primary", renamed.Text("flash"));
        Assert.Contains("Primary", renamed.Html);
        Assert.Contains("already exists", taken.Text("name-error"));
        Assert.Equal("second", taken.Field("name"));

        var disabled = await browser.SubmitAsync(keyPage, keyPage + "?handler=status", ("enabled", "false"));
        Assert.Contains("no longer authenticates", disabled.Text("flash"));
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
        Assert.Equal("Disabled", (await browser.GetAsync(keyPage)).Text("key-status"));
        await browser.SubmitAsync(keyPage, keyPage + "?handler=status", ("enabled", "true"));
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));

        var dedicated = await browser.SubmitAsync(keyPage, keyPage + "?handler=dedicated", ("dedicated_for", "webhooks"));
        Assert.Contains("webhook key", dedicated.Text("flash"));
        Assert.Equal("webhooks", (await browser.GetAsync(keyPage)).Text("key-dedicated"));
        var odd = await browser.SubmitAsync($"{List}/{pe.Id}/keys/{secondKey}", $"{List}/{pe.Id}/keys/{secondKey}?handler=dedicated", ("dedicated_for", "uploads"));
        Assert.Contains("webhooks", odd.Text("dedicated-error"));
        await browser.SubmitAsync($"{List}/{pe.Id}/keys/{secondKey}", $"{List}/{pe.Id}/keys/{secondKey}?handler=dedicated", ("dedicated_for", "webhooks"));
        // One webhook key at a time: dedicating the second took it from the first.
        Assert.Equal("—", (await browser.GetAsync(keyPage)).Text("key-dedicated"));

        var confirm = await browser.GetAsync($"{keyPage}/delete");
        Assert.Equal($"Delete the access key {pe.ApiKey}?", confirm.Text("delete-heading"));
        var deleted = await browser.PostAsync($"{keyPage}/delete", _noFields);
        Assert.Equal($"{List}/{pe.Id}/keys", deleted.Path);
        Assert.Equal("1 access key", deleted.Text("key-total"));
        Assert.Equal(HttpStatusCode.Unauthorized, await KeyWorksAsync(pe.CloudName, pe.ApiKey, pe.ApiSecret));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(keyPage)).Status);
    }

    [Fact]
    public async Task AMediaLibraryUser_GetsTheForbiddenPage_AndALegacyAdminSeesButCannotManage()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var pe = Environment(await account.CreateProductEnvironmentAsync("Main", Unique.CloudName()));
        var mlEmail = Unique.Email();
        (await fixture.AcceptInvitationAsync((await account.CreateUserAsync(mlEmail, "media_library_user")).GetProperty("id").GetString()!)).Ok();
        var ml = await fixture.SignedInBrowserAsync(mlEmail);

        foreach (var path in new[] { List, List + "/new", $"{List}/{pe.Id}", $"{List}/{pe.Id}/keys", $"{List}/{pe.Id}/delete", $"{List}/{pe.Id}/keys/{pe.ApiKey}" })
        {
            var page = await ml.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Contains("do not include it", page.Text("forbidden"));
        }
        await ml.GetAsync("/console");
        var posted = await ml.PostAsync($"{List}/{pe.Id}/delete", _noFields);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        var generated = await ml.PostAsync($"{List}/{pe.Id}/keys?handler=generate", new[] { ("name", "sneaky") });
        Assert.Equal(HttpStatusCode.Forbidden, generated.Status);
        Assert.Equal(HttpStatusCode.OK, (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}")).Status);
        Assert.Equal(1, (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}/access_keys")).Ok().GetProperty("total").GetInt32());

        // A legacy Admin sees the product environments and manages their keys, but may not create, change or delete them.
        var adminEmail = Unique.Email();
        (await fixture.AcceptInvitationAsync((await account.CreateUserAsync(adminEmail, "admin")).GetProperty("id").GetString()!)).Ok();
        var admin = await fixture.SignedInBrowserAsync(adminEmail);
        var list = await admin.GetAsync(List);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Null(list.Text("create-link"));
        Assert.DoesNotContain(">Rename</a>", list.Html);
        Assert.Contains(">Access keys</a>", list.Html);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(List + "/new")).Status);
        var rename = await admin.SubmitAsync($"{List}/{pe.Id}", $"{List}/{pe.Id}?handler=rename", ("name", "Taken over"));
        Assert.Contains("do not allow", rename.Text("flash-refusal"));
        Assert.Equal("Main", (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{pe.Id}")).Ok().GetProperty("name").GetString());
        var keys = await admin.SubmitAsync($"{List}/{pe.Id}/keys", $"{List}/{pe.Id}/keys?handler=generate", ("name", "by admin"));
        Assert.NotNull(keys.Text("new-secret-value"));
    }

    [Fact]
    public async Task HostileInput_NeverFails_AndNeverTouchesAnotherAccount()
    {
        var (account, browser) = await RootAsync();
        var mine = Environment(await account.CreateProductEnvironmentAsync("Mine", Unique.CloudName()));
        var other = await fixture.CreateAccountAsync();
        var theirs = Environment(await other.CreateProductEnvironmentAsync("Theirs", Unique.CloudName()));

        // Huge and odd input at the create form: refused at the fields, nothing created.
        var huge = await browser.SubmitAsync(List + "/new", List + "/new", ("name", new string('n', 100_000)), ("cloud_name", new string('c', 100_000)));
        Assert.Equal(HttpStatusCode.OK, huge.Status);
        Assert.NotNull(huge.Text("name-error"));
        Assert.NotNull(huge.Text("cloud-name-error"));
        foreach (var odd in new[] { "a/b", "ünï", "a b", "<script>", "a%2Fb", "../x", "a;DROP TABLE x", "\u202Ecloud" })
        {
            var page = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "Odd"), ("cloud_name", odd));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal($"The cloud name {CloudNames.Rule}.", page.Text("cloud-name-error"));
        }
        // Note: a NUL in a form is refused at its field, with the rest of what was typed kept; nothing is created.
        var nul = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "Odd"), ("cloud_name", "a\u0000b"));
        Assert.Equal(HttpStatusCode.OK, nul.Status);
        Assert.Equal("This field must not contain NUL characters.", nul.Text("cloud-name-error"));
        Assert.Equal("Odd", nul.Field("name"));
        Assert.Equal("ab", nul.Field("cloud_name"));
        Assert.Equal(1, (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts")).Ok().GetProperty("sub_accounts").GetArrayLength());
        var control = await browser.SubmitAsync(List + "/new", List + "/new", ("name", "bad\u0007name"));
        Assert.NotNull(control.Text("name-error"));

        // Unknown, huge and odd ids: a 404 page.
        foreach (var path in new[]
                 {
                     $"{List}/nope", $"{List}/nope/keys", $"{List}/nope/delete", $"{List}/{new string('9', 2_000)}",
                     $"{List}/{mine.Id}/keys/nope", $"{List}/{mine.Id}/keys/{new string('1', 2_000)}/delete", $"{List}/%3Cscript%3E/keys", $"{List}/a%20b", $"{List}/{mine.Id}/keys/1%E2%80%AE2",
                 })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.NotNull(page.Text("not-found"));
        }

        // Another account's product environment and key: not found, and left as they were.
        await browser.GetAsync(List);
        foreach (var (path, fields) in new (string, (string, string)[])[]
                 {
                     ($"{List}/{theirs.Id}?handler=rename", [("name", "Hijacked")]),
                     ($"{List}/{theirs.Id}?handler=status", [("enabled", "false")]),
                     ($"{List}/{theirs.Id}/delete", []),
                     ($"{List}/{theirs.Id}/keys?handler=generate", [("name", "intruder")]),
                     ($"{List}/{theirs.Id}/keys/{theirs.ApiKey}?handler=status", [("enabled", "false")]),
                     ($"{List}/{mine.Id}/keys/{theirs.ApiKey}?handler=status", [("enabled", "false")]),
                     ($"{List}/{mine.Id}/keys/{theirs.ApiKey}?handler=rename", [("name", "mine now")]),
                     ($"{List}/{mine.Id}/keys/{theirs.ApiKey}/delete", []),
                     ($"{List}/a%20b?handler=rename", [("name", "x")]),
                     ($"{List}/{mine.Id}/keys/1%E2%80%AE2?handler=status", [("enabled", "false")]),
                     ($"{List}/{mine.Id}/keys/1%E2%80%AE2/delete", []),
                 })
        {
            var page = await browser.PostAsync(path, fields);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Theirs", page.Html);
            await browser.GetAsync(List);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{List}/{theirs.Id}")).Status);
        var stillTheirs = (await other.Client.GetJsonAsync($"{other.V1}/sub_accounts/{theirs.Id}")).Ok();
        Assert.Equal("Theirs", stillTheirs.GetProperty("name").GetString());
        Assert.True(stillTheirs.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, stillTheirs.GetProperty("api_access_keys").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, await KeyWorksAsync(theirs.CloudName, theirs.ApiKey, theirs.ApiSecret));

        // Wrong handler names, missing fields, huge searches and page numbers: answered, never a failure.
        foreach (var (path, fields) in new (string, (string, string)[])[]
                 {
                     ($"{List}/{mine.Id}?handler=nope", []),
                     ($"{List}/{mine.Id}?handler=rename", []),
                     ($"{List}/{mine.Id}?handler=status", [("enabled", "maybe")]),
                     ($"{List}/{mine.Id}/keys?handler=generate", [("name", new string('k', 70_000))]),
                     ($"{List}/{mine.Id}/keys/{mine.ApiKey}?handler=dedicated", []),
                     ($"{List}/{mine.Id}/keys/{mine.ApiKey}?handler=rename", [("name", "")]),
                     ($"{List}?handler=x", []),
                 })
        {
            var page = await browser.PostAsync(path, fields);
            Assert.True((int)page.Status < 500 && page.Status != HttpStatusCode.NotFound, $"{path}: {page.Status}");
            await browser.GetAsync(List);
        }
        var search = await browser.GetAsync($"{List}?q={new string('z', 3_000)}&p={new string('9', 400)}");
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.NotNull(search.Text("search-error"));
        var odd2 = await browser.GetAsync($"{List}?q=%27%22%3C%00");
        Assert.Equal(HttpStatusCode.OK, odd2.Status);
        Assert.Equal("The search must not contain control characters.", odd2.Text("search-error"));
        var quotes = await browser.GetAsync($"{List}?q=%27%22%3C%25_");
        Assert.Equal("No product environment matches the search.", quotes.Text("no-environments"));
        Assert.Equal("Mine", (await account.Client.GetJsonAsync($"{account.V1}/sub_accounts/{mine.Id}")).Ok().GetProperty("name").GetString());
    }
}
