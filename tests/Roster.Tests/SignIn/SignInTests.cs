using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Features.Users;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

public sealed class SignInTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Failure = "The e-mail address or password is incorrect, or this user cannot sign in.";

    private FormClient Browser() => new(fixture.Anonymous());

    private async Task<List<JsonElement>> EventsAsync(TestAccount account, string action) =>
        (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action={action}")).Ok().GetProperty("events").EnumerateArray().ToList();

    [Fact]
    public async Task SignIn_RightPassword_SessionCookieAndConsoleHomeNamingAccountAndUser()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();

        var home = await browser.SignInAsync(email, Scenarios.Password);

        Assert.Equal("/console", home.Path);
        Assert.True(home.Contains(email));
        var accountName = (await account.GetAccountAsync()).GetProperty("name").GetString()!;
        Assert.True(home.Contains(accountName));
        Assert.NotNull(browser.Cookie("roster_session"));
        var signIn = Assert.Single(await EventsAsync(account, "user.sign_in"));
        Assert.Equal(id, signIn.GetProperty("actor_id").GetString());
        Assert.Equal("password", signIn.GetProperty("after").GetProperty("method").GetString());
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.NotEqual(JsonValueKind.Null, user.GetProperty("last_login").ValueKind);
    }

    [Fact]
    public async Task SignIn_WrongPasswordUnknownEmailPendingDisabled_AllTheSameMessage_ReasonsAuditedServerSide()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var pendingEmail = Unique.Email();
        await account.CreateUserAsync(pendingEmail);
        var (disabledId, disabledEmail) = await fixture.ActiveUserAsync(account);
        (await account.Client.PutJsonAsync($"{account.V1}/users/{disabledId}", new { enabled = false })).Ok();

        var pages = new[]
        {
            await Browser().SignInAsync(email, "not the password at all"),
            await Browser().SignInAsync(Unique.Email("nobody"), Scenarios.Password),
            await Browser().SignInAsync(pendingEmail, Scenarios.Password),
            await Browser().SignInAsync(disabledEmail, Scenarios.Password),
            await Browser().SignInAsync("", ""),
            await Browser().SignInAsync(new string('a', 5000) + "@example.com", new string('p', 100_000)),
        };

        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("/console/sign-in", page.Path);
            Assert.True(page.Contains(Failure), page.Html);
        }
        var reasons = (await EventsAsync(account, "user.sign_in_failed"))
            .Select(e => e.GetProperty("after").GetProperty("reason").GetString()).Order().ToList();
        Assert.Equal(["Disabled", "Pending", "WrongPassword"], reasons);
        Assert.Empty(await EventsAsync(account, "user.sign_in"));
        _ = id;
    }

    [Fact]
    public async Task SignIn_TypedEmailKept_PasswordNot()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);

        var page = await Browser().SignInAsync(email, "wrong password here");

        Assert.Contains($"value=\"{email}\"", page.Html);
        Assert.DoesNotContain("wrong password here", page.Html);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_400AndNoSession()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.GetAsync("/console/sign-in");

        var forged = await browser.PostAsync("/console/sign-in",
            new Dictionary<string, string> { ["email"] = email, ["password"] = Scenarios.Password }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Null(browser.Cookie("roster_session"));
    }

    [Fact]
    public async Task ConsolePages_CarryTheSecurityHeaders_AndTheCookieIsHttpOnlyLaxRootPath()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.GetAsync("/console/sign-in");
        var response = await fixture.Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = Scenarios.Password, ["__antiforgery"] = browser.Last!.AntiforgeryToken!,
            }),
            Headers = { { "Cookie", $"roster_antiforgery={browser.Cookie("roster_antiforgery")}" } },
        });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("roster_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        await browser.SignInAsync(email, Scenarios.Password);
        var home = await browser.GetAsync("/console");
        var headers = home.Response.Headers;
        var csp = string.Join(";", headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("same-origin", headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", headers.CacheControl!.ToString());
        Assert.DoesNotContain("<script>", home.Html);
        Assert.DoesNotContain("style=", home.Html);
    }

    [Fact]
    public async Task EndedSession_PageRequestGoesToSignIn_JsonRequestGets401()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/force_logout")).Ok();

        var session = browser.Cookie("roster_session")!;
        var json = new HttpRequestMessage(HttpMethod.Get, "/console");
        json.Headers.Add("Accept", "application/json");
        json.Headers.Add("Cookie", $"roster_session={session}");
        var answer = await fixture.Anonymous().SendAsync(json);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        var page = await browser.GetAsync("/console");
        Assert.StartsWith("/console/sign-in", page.Path);
        var ended = await fixture.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.UserId == id).Select(s => s.EndReason).ToListAsync());
        Assert.Equal(["force_logout"], ended);
    }

    [Fact]
    public async Task ReturnUrl_InsideTheConsoleIsFollowed_ElsewhereIsNot()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);

        var away = Browser();
        var redirected = await away.GetAsync("/console?tab=1");
        Assert.Equal("/console/sign-in?return_url=%2Fconsole%3Ftab%3D1", redirected.Path);

        foreach (var target in new[] { "//evil.example/console", "https://evil.example/", "/console\\..\\evil", "/consolex" })
        {
            var browser = Browser();
            await browser.GetAsync("/console/sign-in?return_url=" + Uri.EscapeDataString(target));
            var landed = await browser.PostAsync("/console/sign-in", new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = Scenarios.Password, ["return_url"] = target,
            });
            Assert.Equal("/console", landed.Path);
        }
    }

    [Fact]
    public async Task ParallelWrongPasswords_LockExactlyOnce()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browsers = Enumerable.Range(0, 12).Select(_ => Browser()).ToList();
        foreach (var b in browsers)
        {
            await b.GetAsync("/console/sign-in");
        }

        await Task.WhenAll(browsers.Select((b, i) => b.PostAsync("/console/sign-in",
            new Dictionary<string, string> { ["email"] = email, ["password"] = "wrong guess number " + i })));

        var locks = await EventsAsync(account, "user.lock");
        Assert.InRange(locks.Count, 1, 2);
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.True(user.GetProperty("locked_until").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        // An administrator clears the lock; the right password works again.
        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/unlock")).Ok();
        Assert.Equal("/console", (await Browser().SignInAsync(email, Scenarios.Password)).Path);
    }

    [Fact]
    public async Task SignIn_HashWithFewerIterations_IsRehashedOnSuccess()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var weak = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        var oldHash = await fixture.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.PasswordHash = weak.HashPassword(user, Scenarios.Password);
            await db.SaveChangesAsync();
            return user.PasswordHash;
        });

        Assert.Equal("/console", (await Browser().SignInAsync(email, Scenarios.Password)).Path);

        var newHash = await fixture.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync());
        Assert.NotEqual(oldHash, newHash);
        Assert.Equal("/console", (await Browser().SignInAsync(email, Scenarios.Password)).Path);
    }

    [Fact]
    public async Task AdminPasswordReset_StatusPasswordReset_OldPasswordRefused_LinkSetsNewAndSignsIn()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Ok();

        Assert.StartsWith("/console/sign-in", (await browser.GetAsync("/console")).Path);
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal("password_reset", user.GetProperty("status").GetString());
        Assert.Equal("/console/sign-in", (await Browser().SignInAsync(email, Scenarios.Password)).Path);

        var token = await fixture.OutboxTokenAsync(id, "password_reset");
        var reset = Browser();
        var form = await reset.GetAsync("/console/reset-password?token=" + token);
        Assert.True(form.Contains(email));
        var weak = await reset.PostAsync("/console/reset-password", new Dictionary<string, string> { ["token"] = token, ["password"] = "password1234" });
        Assert.True(weak.Contains("too easy to guess"));
        var done = await reset.PostAsync("/console/reset-password", new Dictionary<string, string> { ["token"] = token, ["password"] = Scenarios.OtherPassword });
        Assert.Equal("/console", done.Path);

        Assert.Equal("active", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());
        Assert.Equal("/console/sign-in", (await Browser().SignInAsync(email, Scenarios.Password)).Path);
        Assert.Equal("/console", (await Browser().SignInAsync(email, Scenarios.OtherPassword)).Path);
        var again = await Browser().GetAsync("/console/reset-password?token=" + token);
        Assert.True(again.Contains("This password link is not valid"));
    }

    [Fact]
    public async Task ForgotPassword_SameAnswerForAnyAddress_MailOnlyToAUserWithAPassword_RootToo()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var pendingEmail = Unique.Email();
        var pendingId = (await account.CreateUserAsync(pendingEmail)).GetProperty("id").GetString()!;

        foreach (var address in new[] { account.RootEmail, Unique.Email("nobody"), pendingEmail })
        {
            var browser = Browser();
            await browser.GetAsync("/console/forgot-password");
            var answer = await browser.PostAsync("/console/forgot-password", new Dictionary<string, string> { ["email"] = address });
            Assert.True(answer.Contains("If a user with that address exists, we have sent a link"));
        }

        Assert.Empty(await fixture.OutboxMessagesAsync(pendingId, "password_reset"));
        var reset = Assert.Single(await fixture.OutboxMessagesAsync(account.RootUserId, "password_reset"));
        var stored = await fixture.WithDbAsync(db => db.UserTokens.AsNoTracking()
            .SingleAsync(t => t.UserId == account.RootUserId && t.Purpose == TokenPurpose.PasswordReset));
        Assert.Equal(TimeSpan.FromHours(1), stored.ExpiresAt - stored.CreatedAt);
        var token = reset.Payload.GetProperty("token").GetString()!;
        var browserWithToken = Browser();
        await browserWithToken.GetAsync("/console/reset-password?token=" + token);
        var done = await browserWithToken.PostAsync("/console/reset-password", new Dictionary<string, string> { ["token"] = token, ["password"] = Scenarios.OtherPassword });
        Assert.Equal("/console", done.Path);
    }

    [Theory]
    [InlineData("/console/invitation?token=forged-token")]
    [InlineData("/console/invitation")]
    [InlineData("/console/reset-password?token=%00%ff")]
    public async Task TokenPages_ForgedOrMissingToken_SayWhatHappenedAndTheNextStep(string path)
    {
        var page = await Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-testid=\"link-invalid\"", page.Html);
        Assert.DoesNotContain("autocomplete=\"new-password\"", page.Html);
    }

    [Fact]
    public async Task Invitation_WeakPassword_ReasonNextToTheField_StillPending()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email("jane.doe");
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        var token = await fixture.OutboxTokenAsync(id);
        var browser = Browser();
        await browser.GetAsync("/console/invitation?token=" + token);

        foreach (var (password, reason) in new[]
        {
            ("short pw", "at least 12 characters"),
            (new string('x', 257), "at most 256 characters"),
            ("password123456", "too easy to guess"),
            ("xyz" + email.Split('@')[0] + "xyz!", "must not contain your e-mail name"),
        })
        {
            var page = await browser.PostAsync("/console/invitation", new Dictionary<string, string> { ["token"] = token, ["password"] = password });
            Assert.Contains("data-testid=\"password-error\"", page.Html);
            Assert.True(page.Contains(reason), $"{password}: {page.Html}");
        }
        Assert.Equal("pending", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());
    }
}
