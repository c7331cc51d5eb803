using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;
using Roster.Tests.TwoFactor;

namespace Roster.Tests.External;

/// <summary>
/// Sign-in through a real OpenID Connect provider on loopback: the sign-in page's button, the provider's authorization
/// endpoint (with PKCE), its login, the redirect back with a code, Roster's code exchange and userinfo request, and the
/// session that follows, or the one failure message.
/// </summary>
public sealed class ExternalSignInTests(ExternalSignInFixture fixture) : IClassFixture<ExternalSignInFixture>
{
    private const string Failure = "The e-mail address or password is incorrect, or this user cannot sign in.";
    private const string Provider = ExternalSignInFixture.ProviderName;

    private Uri At(string path) => new(fixture.BaseAddress, path);

    /// <summary>Opens the sign-in page, clicks the provider's button and follows every redirect to wherever it ends.</summary>
    private async Task<Landing> SignInWithProviderAsync(RedirectingClient browser, string subject, string? email, bool verified,
        string signInPath = "/console/sign-in", Func<Uri, bool>? stopAt = null)
    {
        await fixture.Provider.NextLoginAsync(subject, email, verified);
        var page = await browser.GetAsync(At(signInPath));
        var button = RedirectingClient.ButtonFor(page.Html, Provider);
        Assert.NotNull(button);
        return await browser.GetAsync(At(button), stopAt);
    }

    private async Task<List<JsonElement>> EventsAsync(TestAccount account, string action) =>
        (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action={action}")).Ok().GetProperty("events").EnumerateArray().ToList();

    private Task<List<(string Method, string Stage)>> SessionsAsync(string userId) => fixture.WithDbAsync(db =>
        db.Sessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new ValueTuple<string, string>(s.Method, s.Stage.ToString())).ToListAsync());

    private static List<string> ProvidersOf(JsonElement user) =>
        [.. user.GetProperty("providers").EnumerateArray().Select(p => p.GetString()!)];

    private static string Subject() => "sub-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ActiveUser_VerifiedEmail_SignsInThroughTheProvider_LandsOnConsole_LinkedAndListed()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        using var browser = new RedirectingClient();
        var subject = Subject();

        var home = await SignInWithProviderAsync(browser, subject, email.ToUpperInvariant(), verified: true);

        Assert.True(home.Status == HttpStatusCode.OK && home.Url == At("/console"), $"{browser.Trace}\n{home.Html}\n{fixture.Provider.Output}");
        Assert.True(home.Contains(email), home.Html);
        Assert.NotNull(browser.Cookie(fixture.BaseAddress, "roster_session"));
        // A real authorization code flow with PKCE went through the provider and back: the request pushed first (PAR), the
        // browser at the provider with its reference, then back at Roster's redirect URI with a code.
        var authorize = Assert.Single(browser.Visited, u => u.Authority == fixture.Provider.Issuer.Authority && u.AbsolutePath == "/auth");
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", HttpUtility.ParseQueryString(authorize.Query)["request_uri"]);
        var request = await fixture.Provider.LastAuthorizationAsync();
        Assert.Equal("code", request.GetProperty("response_type").GetString());
        Assert.Equal("S256", request.GetProperty("code_challenge_method").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("code_challenge").GetString()));
        Assert.Equal(At($"/console/sign-in/external/callback/{Provider}").ToString(), request.GetProperty("redirect_uri").GetString());
        // The state is Data Protection's (its header reads "CfDJ8" in base64url): the installation's key ring protects it.
        Assert.StartsWith("CfDJ8", request.GetProperty("state").GetString());
        Assert.Contains(browser.Visited, u => u.Authority == fixture.BaseAddress.Authority
            && u.AbsolutePath == $"/console/sign-in/external/callback/{Provider}" && u.Query.Contains("code=", StringComparison.Ordinal));

        Assert.Equal([(Provider, "SignedIn")], await SessionsAsync(id));
        var link = await fixture.WithDbAsync(db => db.ExternalLogins.AsNoTracking().SingleAsync(l => l.UserId == id));
        Assert.Equal((Provider, subject), (link.Provider, link.Subject));
        Assert.NotNull(link.LastUsedAt);
        var signIn = Assert.Single(await EventsAsync(account, "user.sign_in"));
        Assert.Equal(id, signIn.GetProperty("actor_id").GetString());
        Assert.Equal(Provider, signIn.GetProperty("after").GetProperty("method").GetString());
        var linked = Assert.Single(await EventsAsync(account, "user.external_login_link"));
        Assert.Equal(subject, linked.GetProperty("after").GetProperty("subject").GetString());

        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal(["password", Provider], ProvidersOf(user));
        Assert.NotEqual(JsonValueKind.Null, user.GetProperty("last_login").ValueKind);
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users")).Ok().GetProperty("users").EnumerateArray()
            .Single(u => u.GetProperty("id").GetString() == id);
        Assert.Equal(["password", Provider], ProvidersOf(listed));
        var root = (await account.Client.GetJsonAsync($"{account.V1}/users/{account.RootUserId}")).Ok();
        Assert.DoesNotContain(Provider, ProvidersOf(root));
    }

    [Fact]
    public async Task LaterSignIns_FindTheUserByTheLink_EvenWhenTheProviderReportsAnotherAddress()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var (_, otherEmail) = await fixture.ActiveUserAsync(account);
        var subject = Subject();
        using (var first = new RedirectingClient())
        {
            Assert.Equal(At("/console"), (await SignInWithProviderAsync(first, subject, email, verified: true)).Url);
        }

        using var changed = new RedirectingClient();
        var home = await SignInWithProviderAsync(changed, subject, Unique.Email("renamed"), verified: false);
        Assert.Equal(At("/console"), home.Url);
        Assert.True(home.Contains(email));

        // Note: the address of another Roster user does not move the link either: the subject is the identity.
        using var other = new RedirectingClient();
        var still = await SignInWithProviderAsync(other, subject, otherEmail, verified: true);
        Assert.True(still.Contains(email));
        Assert.False(still.Contains(otherEmail));
        Assert.Equal(3, (await SessionsAsync(id)).Count);
        Assert.Single(await EventsAsync(account, "user.external_login_link"));
    }

    [Fact]
    public async Task UnknownEmail_UnverifiedEmail_NoEmail_PendingDisabledUsers_TheOneMessage_ReasonsAudited()
    {
        var account = await fixture.CreateAccountAsync();
        var (activeId, activeEmail) = await fixture.ActiveUserAsync(account);
        var pendingEmail = Unique.Email("pending");
        var pendingId = (await account.CreateUserAsync(pendingEmail)).GetProperty("id").GetString()!;
        var (disabledId, disabledEmail) = await fixture.ActiveUserAsync(account);
        (await account.Client.PutJsonAsync($"{account.V1}/users/{disabledId}", new { enabled = false })).Ok();

        var attempts = new (string? Email, bool Verified)[]
        {
            (Unique.Email("nobody"), true),
            (activeEmail, false),
            (null, true),
            (pendingEmail, true),
            (disabledEmail, true),
        };
        foreach (var (email, verified) in attempts)
        {
            using var browser = new RedirectingClient();
            var page = await SignInWithProviderAsync(browser, Subject(), email, verified);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("/console/sign-in", page.Url.AbsolutePath);
            Assert.True(page.Contains(Failure), $"{email}: {page.Html}");
            Assert.Null(browser.Cookie(fixture.BaseAddress, "roster_session"));
        }

        var failures = (await EventsAsync(account, "user.sign_in_failed"))
            .Select(e => (e.GetProperty("target_id").GetString(), e.GetProperty("after").GetProperty("reason").GetString(),
                e.GetProperty("after").GetProperty("method").GetString()))
            .OrderBy(f => f.Item2, StringComparer.Ordinal).ToList();
        Assert.Equal([(disabledId, "Disabled", Provider), (pendingId, "Pending", Provider), (activeId, "UnverifiedEmail", Provider)], failures);
        Assert.Empty(await EventsAsync(account, "user.sign_in"));
        Assert.Empty(await fixture.WithDbAsync(db => db.ExternalLogins.AsNoTracking()
            .Where(l => l.UserId == activeId || l.UserId == pendingId || l.UserId == disabledId).ToListAsync()));
        Assert.Empty(await SessionsAsync(activeId));
    }

    [Fact]
    public async Task DeletedUser_LosesTheLink_AndAUserInvitedAgainWithTheAddressLinksAfresh()
    {
        var account = await fixture.CreateAccountAsync();
        var (oldId, email) = await fixture.ActiveUserAsync(account);
        var subject = Subject();
        using (var first = new RedirectingClient())
        {
            Assert.Equal(At("/console"), (await SignInWithProviderAsync(first, subject, email, verified: true)).Url);
        }

        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{oldId}")).Ok();
        Assert.Empty(await fixture.WithDbAsync(db => db.ExternalLogins.AsNoTracking().Where(l => l.UserId == oldId).ToListAsync()));
        using (var refused = new RedirectingClient())
        {
            Assert.True((await SignInWithProviderAsync(refused, subject, email, verified: true)).Contains(Failure));
        }

        var newId = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(newId)).Ok();
        using var again = new RedirectingClient();
        Assert.Equal(At("/console"), (await SignInWithProviderAsync(again, subject, email, verified: true)).Url);
        Assert.Equal(newId, (await fixture.WithDbAsync(db => db.ExternalLogins.AsNoTracking().SingleAsync(l => l.Subject == subject))).UserId);
    }

    [Fact]
    public async Task ForceLogout_EndsTheProvidersSession_AtItsNextRequest()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        using var browser = new RedirectingClient();
        Assert.Equal(At("/console"), (await SignInWithProviderAsync(browser, Subject(), email, verified: true)).Url);
        Assert.Equal(At("/console"), (await browser.GetAsync(At("/console"))).Url);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/force_logout")).Ok();

        var after = await browser.GetAsync(At("/console"));
        Assert.Equal("/console/sign-in", after.Url.AbsolutePath);
        var ended = await fixture.WithDbAsync(db =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == id).Select(s => new { s.Method, s.EndReason }).SingleAsync());
        Assert.Equal((Provider, "force_logout"), (ended.Method, ended.EndReason));
    }

    [Fact]
    public async Task TwoFactorUser_GivesTheCodeAfterTheProvider_ThenTheConsole_TheSessionStillTheProviders()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, TimeProvider.System);
        var before = (await SessionsAsync(user.Id)).Count;
        using var browser = new RedirectingClient();

        var code = await SignInWithProviderAsync(browser, Subject(), user.Email, verified: true);

        Assert.True(code.Status == HttpStatusCode.OK && code.Url.AbsolutePath == TwoFactorScenarios.CodePage, browser.Trace);
        Assert.Equal((Provider, "SecondFactor"), (await SessionsAsync(user.Id))[before]);
        var halfway = await browser.GetAsync(At("/console"));
        Assert.Equal(TwoFactorScenarios.CodePage, halfway.Url.AbsolutePath);
        var signedIn = Assert.Single(await EventsAsync(account, "user.sign_in_external"));
        Assert.Equal(Provider, signedIn.GetProperty("after").GetProperty("method").GetString());

        // Note: the code of the next step, since the enrolment used this one and no code is good twice.
        var home = await browser.PostFormAsync(At(TwoFactorScenarios.CodePage), halfway,
            new Dictionary<string, string> { ["code"] = TwoFactorScenarios.CodeAt(user.Key, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30)) });

        Assert.True(home.Url == At("/console") && home.Contains(user.Email), browser.Trace + "\n" + home.Html);
        Assert.Equal((Provider, "SignedIn"), (await SessionsAsync(user.Id))[^1]);
        var completed = (await EventsAsync(account, "user.sign_in")).First();
        Assert.Equal(Provider, completed.GetProperty("after").GetProperty("method").GetString());
        Assert.Equal("totp", completed.GetProperty("after").GetProperty("two_factor").GetString());
    }

    [Fact]
    public async Task ReturnUrl_IsCarriedThroughTheProvider()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        using var browser = new RedirectingClient();

        var landed = await SignInWithProviderAsync(browser, Subject(), email, verified: true,
            signInPath: "/console/sign-in?return_url=" + Uri.EscapeDataString("/console?tab=1"));

        Assert.Equal("/console?tab=1", landed.PathAndQuery);
    }

    [Fact]
    public async Task SecondAccountAtTheSameProvider_WithTheLinkedUsersAddress_IsRefused()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        using (var first = new RedirectingClient())
        {
            Assert.Equal(At("/console"), (await SignInWithProviderAsync(first, Subject(), email, verified: true)).Url);
        }

        using var second = new RedirectingClient();
        var page = await SignInWithProviderAsync(second, Subject(), email, verified: true);

        Assert.True(page.Contains(Failure));
        var failed = Assert.Single(await EventsAsync(account, "user.sign_in_failed"));
        Assert.Equal("OtherProviderAccount", failed.GetProperty("after").GetProperty("reason").GetString());
        Assert.Single(await fixture.WithDbAsync(db => db.ExternalLogins.AsNoTracking().Where(l => l.UserId == id).ToListAsync()));
    }

    [Fact]
    public async Task Callback_WithoutAStartedSignIn_OrAtAnUnknownProvider_IsRefused()
    {
        using var browser = new RedirectingClient();

        var forged = await browser.GetAsync(At($"/console/sign-in/external/callback/{Provider}?code=made-up&state=made-up"));
        Assert.Equal("/console/sign-in", forged.Url.AbsolutePath);
        Assert.True(forged.Contains(Failure));
        Assert.Null(browser.Cookie(fixture.BaseAddress, "roster_session"));

        var unknown = await browser.GetAsync(At("/console/sign-in/external/nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.True(unknown.Contains("There is no sign-in with \u201cnowhere\u201d here."));
    }

    [Fact]
    public async Task SignInPage_ShowsOneButtonPerProvider_ALinkToTheStart()
    {
        using var browser = new RedirectingClient();
        var page = await browser.GetAsync(At("/console/sign-in?return_url=%2Fconsole%2Fprofile"));

        Assert.Equal($"/console/sign-in/external/{Provider}?return_url=%2Fconsole%2Fprofile", RedirectingClient.ButtonFor(page.Html, Provider));
        Assert.True(page.Contains($"Sign in with {ExternalSignInFixture.DisplayName}"));
    }
}
