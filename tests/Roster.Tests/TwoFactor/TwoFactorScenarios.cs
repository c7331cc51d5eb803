using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.TwoFactor;

/// <summary>A user who has just turned two-factor authentication on: the key read off the page, and the recovery codes shown.</summary>
public sealed record Enrolled(string Id, string Email, byte[] Key, IReadOnlyList<string> RecoveryCodes);

/// <summary>Steps the two-factor tests share, each through the console's forms as a person does them.</summary>
public static partial class TwoFactorScenarios
{
    public const string Page = "/console/profile/two-factor";
    public const string CodePage = "/console/sign-in/code";
    public const string Failure = "The code is incorrect or was already used, or this user cannot sign in now.";

    /// <summary>The code an authenticator app holding <paramref name="key"/> shows at <paramref name="at"/>.</summary>
    public static string CodeAt(byte[] key, DateTimeOffset at) => new Totp(key).ComputeTotp(at.UtcDateTime);

    /// <summary>A code that is right for no step near <paramref name="at"/>: a wrong code, whatever the key.</summary>
    public static string WrongCodeAt(byte[] key, DateTimeOffset at, int seed = 0)
    {
        var near = Enumerable.Range(-2, 5).Select(i => CodeAt(key, at + TimeSpan.FromSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(seed, 10).Select(n => (n * 111_111 % 1_000_000).ToString("D6")).First(c => !near.Contains(c));
    }

    /// <summary>The key the setup page shows as text, as a person types it into the app.</summary>
    public static byte[] KeyOn(FormPage page)
    {
        var match = KeyPattern().Match(page.Html);
        Assert.True(match.Success, "The setup page shows no key: " + page.Html);
        return Base32Encoding.ToBytes(match.Groups[1].Value.Replace(" ", ""));
    }

    public static string? PendingOn(FormPage page) => PendingPattern().Match(page.Html) is { Success: true } m ? m.Groups[1].Value : null;

    public static IReadOnlyList<string> RecoveryCodesOn(FormPage page) =>
        CodePattern().Matches(page.Html).Select(m => m.Groups[1].Value).ToList();

    public static Task<FormPage> EnableAsync(this FormClient browser, string? pending, string code) =>
        browser.PostAsync(Page + "?handler=enable", new Dictionary<string, string> { ["pending"] = pending ?? "", ["code"] = code });

    public static Task<FormPage> DisableAsync(this FormClient browser, string password, string code) =>
        browser.PostAsync(Page + "?handler=disable", new Dictionary<string, string> { ["password"] = password, ["code"] = code });

    public static Task<FormPage> CodeAsync(this FormClient browser, string code, string? returnUrl = null) =>
        browser.PostAsync(CodePage, new Dictionary<string, string> { ["code"] = code, ["return_url"] = returnUrl ?? "" });

    public static async Task<FormPage> RecoveryCodeAsync(this FormClient browser, string code)
    {
        await browser.GetAsync(CodePage + "?recovery=1");
        return await browser.PostAsync(CodePage, new Dictionary<string, string> { ["recovery"] = "1", ["recovery_code"] = code });
    }

    /// <summary>Opens the setup page in a signed-in browser and turns two-factor authentication on with the code of the key shown.</summary>
    public static async Task<(byte[] Key, IReadOnlyList<string> Codes, FormPage Page)> TurnOnAsync(this FormClient browser, TimeProvider clock)
    {
        var setup = await browser.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        var key = KeyOn(setup);
        var done = await browser.EnableAsync(PendingOn(setup), CodeAt(key, clock.GetUtcNow()));
        var codes = RecoveryCodesOn(done);
        Assert.True(codes.Count == 10, done.Html);
        return (key, codes, done);
    }

    /// <summary>An active user with two-factor authentication on, set up through the page (that browser's session stays open).</summary>
    public static async Task<Enrolled> EnrolledUserAsync(this RosterFixture fixture, TestAccount account, TimeProvider clock)
    {
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = new FormClient(fixture.Anonymous());
        Assert.Equal("/console", (await browser.SignInAsync(email, Scenarios.Password)).Path);
        var (key, codes, _) = await browser.TurnOnAsync(clock);
        return new Enrolled(id, email, key, codes);
    }

    public static async Task<List<JsonElement>> EventsAsync(this TestAccount account, string action) =>
        (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action={action}")).Ok().GetProperty("events").EnumerateArray().ToList();

    public static async Task<JsonElement> UserAsync(this TestAccount account, string id) =>
        (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();

    [GeneratedRegex("data-testid=\"two-factor-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"pending\" value=\"([^\"]*)\"")]
    private static partial Regex PendingPattern();

    [GeneratedRegex("<li><code>([0-9a-z]{5}-[0-9a-z]{5})</code></li>")]
    private static partial Regex CodePattern();
}
