using System.Text.Json;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Profile;

/// <summary>A user signed in through the sign-in form, and the steps of My Profile the tests share.</summary>
public sealed record SignedInUser(TestAccount Account, string Id, string Email, FormClient Browser);

public static class ProfileScenarios
{
    public const string Page = "/console/profile";

    /// <summary>A new active user of a new account (or of <paramref name="account"/>), signed in in a browser of its own.</summary>
    public static async Task<SignedInUser> SignedInUserAsync(this RosterFixture fixture, TestAccount? account = null)
    {
        account ??= await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = await fixture.SignedInBrowserAsync(email);
        return new SignedInUser(account, id, email, browser);
    }

    /// <summary>Another browser signed in as <paramref name="email"/>.</summary>
    public static async Task<FormClient> SignedInBrowserAsync(this RosterFixture fixture, string email, string password = Scenarios.Password)
    {
        var browser = new FormClient(fixture.Anonymous());
        var home = await browser.SignInAsync(email, password);
        Assert.Equal("/console", home.Path);
        return browser;
    }

    /// <summary>Opens My Profile and posts the form of <paramref name="handler"/>.</summary>
    public static Task<FormPage> PostProfileAsync(this FormClient browser, string handler, params (string Name, string Value)[] fields) =>
        browser.SubmitAsync(Page, $"{Page}?handler={handler}", fields);

    public static async Task<JsonElement> ApiUserAsync(this SignedInUser user) =>
        (await user.Account.Client.GetJsonAsync($"{user.Account.V1}/users/{user.Id}")).Ok();

    public static async Task<List<JsonElement>> AuditAsync(this TestAccount account, string action) =>
        (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action={action}")).Ok().GetProperty("events").EnumerateArray().ToList();

    /// <summary>Whether <paramref name="browser"/>'s session still opens My Profile (an ended one is sent to sign-in).</summary>
    public static async Task<bool> IsSignedInAsync(this FormClient browser) => (await browser.GetAsync(Page)).Path == Page;
}
