using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;
using static Roster.Tests.TwoFactor.TwoFactorScenarios;

namespace Roster.Tests.TwoFactor;

/// <summary>Two-factor authentication through the console's forms and the API, on a clock the tests move.</summary>
public sealed class TwoFactorTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    private static readonly TimeSpan _step = TimeSpan.FromSeconds(30);

    private FormClient Browser() => new(fixture.Anonymous());

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    /// <summary>A new browser past the password of <paramref name="user"/>, on the code page.</summary>
    private async Task<FormClient> AtCodePageAsync(Enrolled user, string? returnUrl = null)
    {
        var browser = Browser();
        await browser.GetAsync("/console/sign-in" + (returnUrl is null ? "" : "?return_url=" + Uri.EscapeDataString(returnUrl)));
        var page = await browser.PostAsync("/console/sign-in", new Dictionary<string, string>
        {
            ["email"] = user.Email, ["password"] = Scenarios.Password, ["return_url"] = returnUrl ?? "",
        });
        Assert.StartsWith(CodePage, page.Path);
        return browser;
    }

    [Fact]
    public async Task Setup_ShowsQrCodeAndKey_TheKeysCodeTurnsItOn_TenRecoveryCodesShownOnce_KeyAndCodesNotStoredInClear()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);

        var setup = await browser.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        Assert.Contains("<svg", setup.Html);
        Assert.DoesNotContain("style=", setup.Html);
        Assert.DoesNotMatch("<script(?![^>]*src=\"/console/assets/console\\.[0-9a-f]+\\.js\")", setup.Html);
        Assert.Contains("autocomplete=\"one-time-code\"", setup.Html);
        Assert.Contains("inputmode=\"numeric\"", setup.Html);
        var key = KeyOn(setup);
        Assert.Equal(20, key.Length);
        var pending = PendingOn(setup)!;
        Assert.DoesNotContain(Base32Encoding.ToString(key), pending);

        var wrong = await browser.EnableAsync(pending, CodeAt(key, Now + TimeSpan.FromMinutes(5)));
        Assert.True(wrong.Contains("That code is not right"), wrong.Html);
        Assert.Contains("data-testid=\"code-error\"", wrong.Html);
        Assert.Equal(key, KeyOn(wrong));
        Assert.False((await account.UserAsync(id)).GetProperty("two_factor").GetBoolean());

        var done = await browser.EnableAsync(PendingOn(wrong), CodeAt(key, Now));
        var codes = RecoveryCodesOn(done);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$", c));
        Assert.Contains("href=\"/console/profile\" data-testid=\"codes-saved\"", done.Html);
        Assert.True(done.Contains("I have saved them"));
        Assert.True((await account.UserAsync(id)).GetProperty("two_factor").GetBoolean());
        var enabled = Assert.Single(await account.EventsAsync("user.two_factor_enable"));
        Assert.Equal(id, enabled.GetProperty("actor_id").GetString());
        Assert.DoesNotContain(codes[0], enabled.GetRawText());

        var again = await browser.GetAsync(Page);
        Assert.Contains("data-testid=\"two-factor-status\"", again.Html);
        Assert.True(again.Contains("Recovery codes left: 10 of 10."));
        Assert.All(codes, c => Assert.DoesNotContain(c, again.Html));
        Assert.DoesNotContain("two-factor-key", again.Html);

        var (storedKey, hashes) = await fixture.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorKey).SingleAsync(),
            await db.RecoveryCodes.Where(r => r.UserId == id).Select(r => r.CodeHash).ToListAsync()));
        Assert.NotNull(storedKey);
        Assert.DoesNotContain(Base32Encoding.ToString(key), storedKey);
        Assert.Equal(10, hashes.Count);
        Assert.All(codes, c => Assert.DoesNotContain(hashes, h => h.Contains(c)));
    }

    [Fact]
    public async Task Setup_PendingKeyExpiresAfterTenMinutes_AForgedOrAnotherUsersIsRefused_ASecondSubmissionFindsItOn()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var (_, otherEmail) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);
        var other = Browser();
        await other.SignInAsync(otherEmail, Scenarios.Password);

        var setup = await browser.GetAsync(Page);
        var key = KeyOn(setup);
        var pending = PendingOn(setup)!;

        var othersSetup = await other.GetAsync(Page);
        var stolen = await other.EnableAsync(pending, CodeAt(key, Now));
        Assert.True(stolen.Contains("The setup took longer than 10 minutes"), stolen.Html);
        Assert.Empty(RecoveryCodesOn(stolen));
        Assert.NotEqual(KeyOn(othersSetup), KeyOn(stolen));

        foreach (var forged in new[] { "", "not protected", new string('A', 5000), pending[..^4] + "AAAA" })
        {
            var refused = await browser.EnableAsync(forged, CodeAt(key, Now));
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.True(refused.Contains("The setup took longer than 10 minutes"), refused.Html);
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var late = await browser.EnableAsync(pending, CodeAt(key, Now));
        Assert.True(late.Contains("The setup took longer than 10 minutes"), late.Html);
        var fresh = KeyOn(late);
        Assert.NotEqual(key, fresh);

        var first = await browser.EnableAsync(PendingOn(late), CodeAt(fresh, Now));
        Assert.Equal(10, RecoveryCodesOn(first).Count);
        fixture.Clock.Advance(_step);
        var second = await browser.EnableAsync(PendingOn(late), CodeAt(fresh, Now));
        Assert.Empty(RecoveryCodesOn(second));
        Assert.True(second.Contains("Two-factor authentication is already on."), second.Html);
    }

    [Fact]
    public async Task SignIn_AsksForTheCode_TheRightCodeSignsInWithANewSession_TheHalfwayCookieIsDead()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);

        var browser = await AtCodePageAsync(user);
        var halfway = browser.Cookie("roster_session")!;
        var page = browser.Last!;
        Assert.Contains("autocomplete=\"one-time-code\"", page.Html);
        Assert.Contains("Use a recovery code", page.Html);
        var lastLogin = (await account.UserAsync(user.Id)).GetProperty("last_login").GetDateTimeOffset();

        // Past the password only, the console is closed: every page sends the person back to the code.
        Assert.StartsWith(CodePage, (await browser.GetAsync("/console")).Path);
        Assert.StartsWith(CodePage, (await browser.GetAsync(Page)).Path);

        var home = await browser.CodeAsync(CodeAt(user.Key, Now));
        Assert.Equal("/console", home.Path);
        Assert.True(home.Contains(user.Email));
        var signedIn = browser.Cookie("roster_session")!;
        Assert.NotEqual(halfway, signedIn);
        Assert.True((await account.UserAsync(user.Id)).GetProperty("last_login").GetDateTimeOffset() > lastLogin);

        var signIn = Assert.Single(await account.EventsAsync("user.sign_in"), e => e.GetProperty("after").TryGetProperty("two_factor", out _));
        Assert.Equal("password", signIn.GetProperty("after").GetProperty("method").GetString());
        Assert.Equal("totp", signIn.GetProperty("after").GetProperty("two_factor").GetString());
        var (stage, endReason) = await fixture.WithDbAsync(async db =>
        {
            var ended = await db.Sessions.SingleAsync(s => s.Id == signIn.GetProperty("after").GetProperty("replaces_session_id").GetString());
            var current = await db.Sessions.SingleAsync(s => s.Id == signIn.GetProperty("after").GetProperty("session_id").GetString());
            return (current.Stage, ended.EndReason);
        });
        Assert.Equal(Features.SignIn.SessionStage.SignedIn, stage);
        Assert.Equal("step_up", endReason);

        var replay = Browser();
        replay.SetCookie("roster_session", halfway);
        Assert.StartsWith("/console/sign-in", (await replay.GetAsync(CodePage)).Path);
        Assert.DoesNotContain("/console/sign-in/code", (await replay.GetAsync("/console")).Path);

        // A signed-in session on the code page goes on to the console.
        Assert.Equal("/console", (await browser.GetAsync(CodePage)).Path);
    }

    [Fact]
    public async Task SignIn_ReturnAddressIsKeptThroughTheCodeStep_AnOutsideOneIsNot()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);

        var browser = await AtCodePageAsync(user, Page);
        Assert.Contains("return_url=" + Uri.EscapeDataString(Page), browser.Last!.Path);
        var landed = await browser.PostAsync(CodePage, new Dictionary<string, string> { ["code"] = CodeAt(user.Key, Now), ["return_url"] = Page });
        Assert.Equal(Page, landed.Path);

        fixture.Clock.Advance(_step);
        var outside = await AtCodePageAsync(user);
        var home = await outside.CodeAsync(CodeAt(user.Key, Now), "https://evil.example/console");
        Assert.Equal("/console", home.Path);
    }

    [Fact]
    public async Task Code_UsedOnce_RefusedTheSecondTime_TheNextStepsCodeWorks()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);

        // The code that turned it on is spent already.
        var enrolmentCode = CodeAt(user.Key, Now);
        var atOnce = await AtCodePageAsync(user);
        Assert.True((await atOnce.CodeAsync(enrolmentCode)).Contains(Failure));

        fixture.Clock.Advance(_step);
        var code = CodeAt(user.Key, Now);
        Assert.Equal("/console", (await (await AtCodePageAsync(user)).CodeAsync(code)).Path);

        var again = await AtCodePageAsync(user);
        var refused = await again.CodeAsync(code);
        Assert.StartsWith(CodePage, refused.Path);
        Assert.True(refused.Contains(Failure), refused.Html);

        fixture.Clock.Advance(_step);
        Assert.Equal("/console", (await again.CodeAsync(CodeAt(user.Key, Now))).Path);
    }

    [Fact]
    public async Task Code_OneStepOfDriftEitherWayAccepted_TwoStepsRefused()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(3 * _step);

        var browser = await AtCodePageAsync(user);
        Assert.True((await browser.CodeAsync(CodeAt(user.Key, Now - 2 * _step))).Contains(Failure));
        Assert.True((await browser.CodeAsync(CodeAt(user.Key, Now + 2 * _step))).Contains(Failure));
        Assert.Equal("/console", (await browser.CodeAsync(CodeAt(user.Key, Now - _step))).Path);

        var ahead = await AtCodePageAsync(user);
        Assert.Equal("/console", (await ahead.CodeAsync(CodeAt(user.Key, Now + _step))).Path);

        // The step after the one just used is the last accepted: the current step's code is now a step behind it.
        var behind = await AtCodePageAsync(user);
        Assert.True((await behind.CodeAsync(CodeAt(user.Key, Now))).Contains(Failure));
    }

    [Fact]
    public async Task WrongCodeFiveTimes_LocksTheUser_TheRightCodeThenGetsTheSameMessage_ThePasswordDoesNotClearTheCount()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);

        // Three wrong codes, a new sign-in with the right password, two more: the fifth guess locks.
        var browser = await AtCodePageAsync(user);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await browser.CodeAsync(WrongCodeAt(user.Key, Now, i))).Contains(Failure));
        }
        browser = await AtCodePageAsync(user);
        Assert.Equal(JsonValueKind.Null, (await account.UserAsync(user.Id)).GetProperty("locked_until").ValueKind);
        for (var i = 3; i < 5; i++)
        {
            Assert.True((await browser.CodeAsync(WrongCodeAt(user.Key, Now, i))).Contains(Failure));
        }
        var lockedUntil = (await account.UserAsync(user.Id)).GetProperty("locked_until").GetDateTimeOffset();
        Assert.True((Now + TimeSpan.FromMinutes(1) - lockedUntil).Duration() < TimeSpan.FromSeconds(1));

        var during = await browser.CodeAsync(CodeAt(user.Key, Now));
        Assert.StartsWith(CodePage, during.Path);
        Assert.True(during.Contains(Failure));
        Assert.Single(await account.EventsAsync("user.lock"));
        var reasons = (await account.EventsAsync("user.sign_in_failed")).Select(e => e.GetProperty("after").GetProperty("reason").GetString()).ToList();
        Assert.Equal(5, reasons.Count(r => r == "WrongCode"));
        Assert.Contains("Locked", reasons);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + _step);
        Assert.Equal("/console", (await browser.CodeAsync(CodeAt(user.Key, Now))).Path);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedSignIns).SingleAsync()));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_TypedAnyCaseWithoutTheHyphen_ThenRefused()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        var code = user.RecoveryCodes[3];

        var browser = await AtCodePageAsync(user);
        var form = await browser.GetAsync(CodePage + "?recovery=1");
        Assert.Contains("name=\"recovery_code\"", form.Html);
        Assert.True((await browser.RecoveryCodeAsync("abcde-fghjk")).Contains(Failure));
        var home = await browser.RecoveryCodeAsync(" " + code.Replace("-", "").ToUpperInvariant() + " ");
        Assert.Equal("/console", home.Path);
        var used = Assert.Single(await account.EventsAsync("user.recovery_code_use"));
        Assert.Equal(9, used.GetProperty("after").GetProperty("remaining").GetInt32());
        var signIn = Assert.Single(await account.EventsAsync("user.sign_in"), e => e.GetProperty("after").TryGetProperty("two_factor", out _));
        Assert.Equal("recovery_code", signIn.GetProperty("after").GetProperty("two_factor").GetString());
        Assert.True((await browser.GetAsync(Page)).Contains("Recovery codes left: 9 of 10."));

        var again = await AtCodePageAsync(user);
        Assert.True((await again.RecoveryCodeAsync(code)).Contains(Failure));
        Assert.Equal("/console", (await again.RecoveryCodeAsync(user.RecoveryCodes[4])).Path);
    }

    [Fact]
    public async Task AKeyTheKeyRingCannotRead_RefusesCodesWithTheSameMessage_RecoveryCodesStillSignIn_NeverAnError()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        // As after the keys folder was lost: the stored key is ciphertext no key in the ring opens.
        await fixture.WithDbAsync(async db =>
        {
            var row = await db.Users.SingleAsync(u => u.Id == user.Id);
            row.TwoFactorKey = "CfDJ8" + new string('A', 120);
            return await db.SaveChangesAsync();
        });

        var browser = await AtCodePageAsync(user);
        var refused = await browser.CodeAsync(CodeAt(user.Key, fixture.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.True(refused.Contains(Failure));
        Assert.Equal("/console", (await browser.RecoveryCodeAsync(user.RecoveryCodes[0])).Path);
    }

    [Fact]
    public async Task TwoConcurrentUsesOfOneCode_OnlyOneSignsIn()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);
        var browsers = new List<FormClient>();
        for (var i = 0; i < 4; i++)
        {
            browsers.Add(await AtCodePageAsync(user));
        }
        var code = CodeAt(user.Key, Now);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = browsers.Select(b => Task.Run(async () =>
        {
            await start.Task;
            return await b.CodeAsync(code);
        })).ToList();
        start.SetResult();
        var pages = await Task.WhenAll(tries);

        Assert.Equal(1, pages.Count(p => p.Path == "/console"));
        Assert.Equal(3, pages.Count(p => p.Contains(Failure)));
        // The three refusals counted towards a lock; an administrator clears it so the recovery codes' race starts clean.
        (await account.Client.PostJsonAsync($"{account.Api}/users/{user.Id}/unlock")).Ok();

        var recovery = user.RecoveryCodes[0];
        var recoveryBrowsers = new List<FormClient>();
        for (var i = 0; i < 4; i++)
        {
            var b = await AtCodePageAsync(user);
            await b.GetAsync(CodePage + "?recovery=1");
            recoveryBrowsers.Add(b);
        }
        start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recoveryTries = recoveryBrowsers.Select(b => Task.Run(async () =>
        {
            await start.Task;
            return await b.PostAsync(CodePage, new Dictionary<string, string> { ["recovery"] = "1", ["recovery_code"] = recovery });
        })).ToList();
        start.SetResult();
        var recoveryPages = await Task.WhenAll(recoveryTries);
        Assert.Equal(1, recoveryPages.Count(p => p.Path == "/console"));
        Assert.Equal(3, recoveryPages.Count(p => p.Contains(Failure)));
    }

    [Fact]
    public async Task TurningItOff_NeedsThePasswordAndACurrentCode_ThenSignInAsksForNone()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);
        var browser = await AtCodePageAsync(user);
        await browser.CodeAsync(CodeAt(user.Key, Now));
        fixture.Clock.Advance(_step);

        var page = await browser.GetAsync(Page);
        Assert.Contains("autocomplete=\"current-password\"", page.Html);
        var wrongPassword = await browser.DisableAsync("not my password at all", CodeAt(user.Key, Now));
        Assert.Contains("data-testid=\"password-error\"", wrongPassword.Html);
        var wrongCode = await browser.DisableAsync(Scenarios.Password, WrongCodeAt(user.Key, Now));
        Assert.Contains("data-testid=\"code-error\"", wrongCode.Html);
        Assert.DoesNotContain("data-testid=\"password-error\"", wrongCode.Html);
        var noCode = await browser.DisableAsync(Scenarios.Password, "");
        Assert.Contains("data-testid=\"code-error\"", noCode.Html);
        Assert.True((await account.UserAsync(user.Id)).GetProperty("two_factor").GetBoolean());
        Assert.Equal(3, (await account.EventsAsync("user.sign_in_failed"))
            .Count(e => e.GetProperty("after").TryGetProperty("during", out var d) && d.GetString() == "two_factor_disable"));

        var off = await browser.DisableAsync(Scenarios.Password, CodeAt(user.Key, Now));
        Assert.True(off.Contains("Two-factor authentication is off."), off.Html);
        Assert.Contains("data-testid=\"two-factor-key\"", off.Html);
        Assert.False((await account.UserAsync(user.Id)).GetProperty("two_factor").GetBoolean());
        Assert.Single(await account.EventsAsync("user.two_factor_disable"));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RecoveryCodes.CountAsync(r => r.UserId == user.Id)));
        Assert.Equal("/console", (await browser.GetAsync("/console")).Path);

        Assert.Equal("/console", (await Browser().SignInAsync(user.Email, Scenarios.Password)).Path);
    }

    [Fact]
    public async Task AdministratorReset_EndsTheSessions_ClearsKeyAndCodes_NotForTheRootUser_404ForNobody()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        fixture.Clock.Advance(_step);
        var browser = await AtCodePageAsync(user);
        Assert.Equal("/console", (await browser.CodeAsync(CodeAt(user.Key, Now))).Path);
        var halfway = await AtCodePageAsync(user);

        var reset = await account.Client.PostJsonAsync($"{account.Api}/users/{user.Id}/two_factor_reset");
        Assert.Equal(user.Id, reset.Ok().GetProperty("user_id").GetString());

        Assert.StartsWith("/console/sign-in", (await browser.GetAsync("/console")).Path);
        Assert.Equal("/console/sign-in", (await halfway.GetAsync(CodePage)).Path);
        Assert.False((await account.UserAsync(user.Id)).GetProperty("two_factor").GetBoolean());
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RecoveryCodes.CountAsync(r => r.UserId == user.Id)));
        var reasons = await fixture.WithDbAsync(db => db.Sessions.Where(s => s.UserId == user.Id && s.EndReason == "two_factor_reset").CountAsync());
        Assert.True(reasons >= 2);
        var audited = Assert.Single(await account.EventsAsync("user.two_factor_reset"));
        Assert.Equal(account.ApiKey, audited.GetProperty("actor_id").GetString());

        Assert.Equal("/console", (await Browser().SignInAsync(user.Email, Scenarios.Password)).Path);

        var root = await account.Client.PostJsonAsync($"{account.Api}/users/{account.RootUserId}/two_factor_reset");
        Assert.Contains("root user", root.Error(403));
        Assert.Equal("root_user_is_immutable", root.Json.GetProperty("error").GetProperty("code").GetString());
        (await account.Client.PostJsonAsync($"{account.Api}/users/{"0123456789abcdef0123456789abcdef"}/two_factor_reset")).Error(404);
        var other = await fixture.CreateAccountAsync();
        (await other.Client.PostJsonAsync($"{other.Api}/users/{user.Id}/two_factor_reset")).Error(404);
    }

    [Fact]
    public async Task RequiredByTheAccount_SendsAUserWithoutItToSetup_FromEveryPage_UntilDone()
    {
        var account = await fixture.CreateAccountAsync(Features.Accounts.Plan.Plus);
        var (_, email) = await fixture.ActiveUserAsync(account);
        var open = Browser();
        Assert.Equal("/console", (await open.SignInAsync(email, Scenarios.Password)).Path);
        Assert.False((await account.GetAccountAsync()).GetProperty("require_two_factor").GetBoolean());

        var on = await account.Client.PutJsonAsync($"{account.Api}/two_factor_requirement", new { required = true });
        Assert.True(on.Ok().GetProperty("require_two_factor").GetBoolean());
        Assert.True((await account.GetAccountAsync()).GetProperty("require_two_factor").GetBoolean());
        var audited = Assert.Single(await account.EventsAsync("account.two_factor_requirement"));
        Assert.False(audited.GetProperty("before").GetProperty("require_two_factor").GetBoolean());
        Assert.True(audited.GetProperty("after").GetProperty("require_two_factor").GetBoolean());

        // The session open before the requirement is held to it at its next page.
        var sent = await open.GetAsync("/console");
        Assert.Equal(Page, sent.Path);
        Assert.Contains("data-testid=\"two-factor-required\"", sent.Html);

        var browser = Browser();
        var signedIn = await browser.SignInAsync(email, Scenarios.Password);
        Assert.Equal(Page, signedIn.Path);
        Assert.Equal(Page, (await browser.GetAsync("/console")).Path);
        await browser.TurnOnAsync(fixture.Clock);
        Assert.Equal("/console", (await browser.GetAsync("/console")).Path);
        Assert.Equal("/console", (await open.GetAsync("/console")).Path);

        (await account.Client.PutJsonAsync($"{account.Api}/two_factor_requirement", new { required = "maybe" })).Error(400);
        (await account.Client.PutJsonAsync($"{account.Api}/two_factor_requirement", new { })).Error(400);
        Assert.False((await account.Client.PutJsonAsync($"{account.Api}/two_factor_requirement", new { required = false }))
            .Ok().GetProperty("require_two_factor").GetBoolean());
    }

    [Fact]
    public async Task CodePage_WithoutASession_GoesToSignIn_HostileInputIsAFailureNeverAnError()
    {
        Assert.StartsWith("/console/sign-in", (await Browser().GetAsync(CodePage)).Path);
        var anonymous = await Browser().PostAsync(CodePage, new Dictionary<string, string> { ["code"] = "123456" }, withAntiforgery: false);
        Assert.NotEqual(HttpStatusCode.InternalServerError, anonymous.Status);

        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, fixture.Clock);
        var browser = await AtCodePageAsync(user);
        foreach (var hostile in new[] { "", "abcdef", "１２３４５６", new string('9', 100_000), "' OR 1=1 --", "<b>1</b>" })
        {
            var page = await browser.CodeAsync(hostile);
            Assert.True(page.Status == HttpStatusCode.OK, $"{hostile[..Math.Min(20, hostile.Length)]}: {page.Status}");
            Assert.True(page.Contains(Failure), page.Html);
            var recovery = await browser.RecoveryCodeAsync(hostile);
            Assert.Equal(HttpStatusCode.OK, recovery.Status);
        }
        // A NUL in a form field is refused before any page runs, on every console form: a 400, never an error.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.CodeAsync("12345\u0000")).Status);
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.StartsWith("/console/sign-in", (await browser.GetAsync(CodePage)).Path);
    }

    [Fact]
    public async Task SetupPage_HostilePostsAreAnsweredAsPages()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);
        await browser.GetAsync(Page);

        foreach (var path in new[] { Page, Page + "?handler=nothing", Page + "?handler=disable", Page + "?handler=enable" })
        {
            var page = await browser.PostAsync(path, new Dictionary<string, string>
            {
                ["pending"] = new string('x', 3000), ["code"] = new string('1', 50_000), ["password"] = "x",
            });
            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {page.Status}");
        }
        Assert.Contains("data-testid=\"two-factor-key\"", (await browser.GetAsync(Page)).Html);
    }
}
