using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Features.Profile;
using Roster.Features.SignIn;
using Roster.Security;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;

namespace Roster.Tests.Profile;

/// <summary>My Profile through plain HTTP, as a browser without JavaScript uses it: one form per section, posted with its antiforgery token.</summary>
public sealed class ProfileTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Page = ProfileScenarios.Page;

    [Fact]
    public async Task Profile_ShowsEverySection_WithTheUsersOwnValues()
    {
        var user = await fixture.SignedInUserAsync();

        var page = await user.Browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(user.Email, page.Text("current-email"));
        Assert.Equal((await user.ApiUserAsync()).GetProperty("name").GetString(), page.Field("name"));
        Assert.True(page.HasField("first_name") && page.HasField("last_name") && page.HasField("new_email"));
        Assert.True(page.HasField("current_password") && page.HasField("new_password"));
        Assert.Contains("autocomplete=\"given-name\"", page.Html);
        Assert.Contains("autocomplete=\"family-name\"", page.Html);
        Assert.Contains("autocomplete=\"new-password\"", page.Html);
        Assert.Equal("Two-factor authentication: off. Set up two-factor authentication", page.Text("two-factor-line"));
        Assert.Contains("href=\"/console/profile/two-factor\"", page.Html);
        Assert.Equal("This session", page.Text("this-session"));
        Assert.Null(page.Text("pending-email"));
        // No inline script: the one script is the console's own file.
        Assert.DoesNotMatch("<script(?![^>]*src=\"/console/assets/console\\.[0-9a-f]+\\.js\")", page.Html);
        Assert.DoesNotContain("style=", page.Html);
    }

    [Fact]
    public async Task ChangeName_ShowsOnThePage_AndInTheApi_Audited()
    {
        var user = await fixture.SignedInUserAsync();

        var saved = await user.Browser.PostProfileAsync("name", ("name", "  Ada L. "), ("first_name", "Ada"), ("last_name", "Lovelace"));

        Assert.Equal($"{Page}?done=name", saved.Path);
        Assert.Equal("Your name is saved.", saved.Text("profile-notice"));
        Assert.Equal("Ada L.", saved.Field("name"));
        Assert.Equal("Ada", saved.Field("first_name"));
        Assert.Contains("Ada L.", saved.Text("signed-in-user"));
        var api = await user.ApiUserAsync();
        Assert.Equal("Ada L.", api.GetProperty("name").GetString());
        Assert.Equal("Ada", api.GetProperty("first_name").GetString());
        Assert.Equal("Lovelace", api.GetProperty("last_name").GetString());
        var update = Assert.Single(await user.Account.AuditAsync("user.update"), e => e.GetProperty("target_id").GetString() == user.Id);
        Assert.Equal(user.Id, update.GetProperty("actor_id").GetString());
        Assert.Equal("Ada L.", update.GetProperty("after").GetProperty("name").GetString());
        Assert.StartsWith("User ", update.GetProperty("before").GetProperty("name").GetString());

        // An empty first name clears it.
        await user.Browser.PostProfileAsync("name", ("name", "Ada L."), ("first_name", ""), ("last_name", "Lovelace"));
        Assert.Equal(JsonValueKind.Null, (await user.ApiUserAsync()).GetProperty("first_name").ValueKind);
    }

    [Fact]
    public async Task ChangeName_BadInput_TheReasonNextToTheField_WhatWasTypedKept_NothingSaved()
    {
        var user = await fixture.SignedInUserAsync();
        var before = (await user.ApiUserAsync()).GetProperty("name").GetString();
        var huge = new string('n', 10_000);

        var empty = await user.Browser.PostProfileAsync("name", ("name", "   "), ("first_name", "Typed"), ("last_name", "Kept"));
        var tooLong = await user.Browser.PostProfileAsync("name", ("name", huge), ("first_name", "x"), ("last_name", ""));
        var badFirst = await user.Browser.PostProfileAsync("name", ("name", "Fine"), ("first_name", "bad\u0007bell"), ("last_name", huge));
        var missing = await user.Browser.PostProfileAsync("name");

        Assert.All(new[] { empty, tooLong, badFirst, missing }, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Equal("Enter a name: it is how others see you in Roster.", empty.Text("name-error"));
        Assert.Equal("Typed", empty.Field("first_name"));
        Assert.Equal("Kept", empty.Field("last_name"));
        Assert.Contains("aria-invalid=\"true\"", empty.Html);
        Assert.Equal("The name must be at most 255 characters.", tooLong.Text("name-error"));
        Assert.Equal(huge, tooLong.Field("name"));
        Assert.Null(badFirst.Text("name-error"));
        Assert.Equal("The first name must not contain control characters.", badFirst.Text("first-name-error"));
        Assert.Equal("The last name must be at most 255 characters.", badFirst.Text("last-name-error"));
        Assert.NotNull(missing.Text("name-error"));
        Assert.Equal(before, (await user.ApiUserAsync()).GetProperty("name").GetString());
        Assert.DoesNotContain(await user.Account.AuditAsync("user.update"), e => e.GetProperty("target_id").GetString() == user.Id);
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_400_AndNothingChanges()
    {
        var user = await fixture.SignedInUserAsync();
        await user.Browser.GetAsync(Page);

        var forged = await user.Browser.PostAsync($"{Page}?handler=name",
            new Dictionary<string, string> { ["name"] = "Forged", ["first_name"] = "", ["last_name"] = "" }, withAntiforgery: false);
        var forgedEnd = await user.Browser.PostAsync($"{Page}?handler=endOthers", new Dictionary<string, string>(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.BadRequest, forgedEnd.Status);
        Assert.NotEqual("Forged", (await user.ApiUserAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task HostilePosts_AnUnknownHandler_OddFields_NeverA500()
    {
        var user = await fixture.SignedInUserAsync();

        var pages = new[]
        {
            await user.Browser.PostProfileAsync("nonesuch", ("name", "x")),
            await user.Browser.PostProfileAsync("endSession", ("session_id", new string('s', 10_000))),
            await user.Browser.PostProfileAsync("endSession"),
            await user.Browser.PostProfileAsync("preferences", ("email_preferences", "nonesuch"), ("email_preferences", "product_updates")),
            await user.Browser.PostProfileAsync("email", ("new_email", new string('a', 10_000) + "@example.com"), ("email_password", new string('p', 100_000))),
            await user.Browser.PostProfileAsync("password", ("current_password", new string('p', 100_000)), ("new_password", "x")),
            await user.Browser.PostProfileAsync("name", ("name", "\ud800"), ("first_name", "a\u009fb"), ("last_name", "")),
        };
        // A NUL is refused at its field, with what can be shown of what was typed; nothing is saved.
        var nul = await user.Browser.PostProfileAsync("name", ("name", "Nul\0Name"), ("first_name", ""), ("last_name", ""));

        Assert.All(pages, p => Assert.True(p.Status == HttpStatusCode.OK, $"{p.Status} at {p.Path}"));
        Assert.Equal(HttpStatusCode.OK, nul.Status);
        Assert.Equal("This field must not contain NUL characters.", nul.Text("name-error"));
        Assert.Equal("NulName", nul.Field("name"));
        Assert.DoesNotContain("Nul", (await user.ApiUserAsync()).GetProperty("name").GetString());
        Assert.Equal("That session has already ended.", pages[1].Text("sessions-error"));
        Assert.Equal("There is no e-mail preference of that name.", pages[3].Text("preferences-error"));
        Assert.NotNull(pages[4].Text("new-email-error"));
        Assert.NotNull(pages[5].Text("current-password-error"));
        // Note: a lone surrogate cannot travel in a UTF-8 form (it arrives as U+FFFD); the C1 control is refused.
        Assert.Equal("The first name must not contain control characters.", pages[6].Text("first-name-error"));
        Assert.True(await user.Browser.IsSignedInAsync());
    }

    [Fact]
    public async Task EmailChange_NotAppliedBeforeConfirmation_TheLinkAppliesItOnce_TheOldAddressIsTold()
    {
        var user = await fixture.SignedInUserAsync();
        var newEmail = Unique.Email("new");

        var requested = await user.Browser.PostProfileAsync("email", ("new_email", newEmail), ("email_password", Scenarios.Password));

        Assert.Equal($"{Page}?done=email", requested.Path);
        Assert.Contains("open the link we sent to your new address", requested.Text("profile-notice"));
        Assert.Contains(newEmail, requested.Text("pending-email"));
        Assert.Equal(user.Email, requested.Text("current-email"));
        Assert.Equal(user.Email, (await user.ApiUserAsync()).GetProperty("email").GetString());
        var mail = Assert.Single(await fixture.OutboxMessagesAsync(user.Id, "email_change"));
        Assert.Equal(newEmail, mail.Message.Recipient);
        Assert.Equal(newEmail, mail.Payload.GetProperty("new_email").GetString());
        var token = mail.Payload.GetProperty("token").GetString()!;
        var request = Assert.Single(await user.Account.AuditAsync("user.email_change_request"));
        Assert.Equal(newEmail, request.GetProperty("after").GetProperty("new_email").GetString());

        // The link is opened elsewhere, without a session: the page names the address and asks; the GET changes nothing.
        var link = new FormClient(fixture.Anonymous());
        var ask = await link.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(token)}");
        Assert.Equal(newEmail, ask.Text("confirm-new-email"));
        Assert.Equal(user.Email, (await user.ApiUserAsync()).GetProperty("email").GetString());
        var confirmed = await link.PostAsync("/console/confirm-email", new Dictionary<string, string> { ["token"] = token });

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains(newEmail, confirmed.Text("email-confirmed"));
        Assert.Equal(newEmail, (await user.ApiUserAsync()).GetProperty("email").GetString());
        var notice = Assert.Single(await fixture.OutboxMessagesAsync(user.Id, "email_changed"));
        Assert.Equal(user.Email, notice.Message.Recipient);
        Assert.Equal(newEmail, notice.Payload.GetProperty("new_email").GetString());
        Assert.False(notice.Payload.TryGetProperty("token", out var none) && none.ValueKind != JsonValueKind.Null);
        var change = Assert.Single(await user.Account.AuditAsync("user.email_change"));
        Assert.Equal(user.Email, change.GetProperty("before").GetProperty("email").GetString());
        Assert.Equal(newEmail, change.GetProperty("after").GetProperty("email").GetString());
        Assert.Equal(user.Id, change.GetProperty("actor_id").GetString());

        // Once only.
        var again = await link.PostAsync("/console/confirm-email", [("token", token)], from: ask);
        Assert.NotNull(again.Text("link-invalid"));
        Assert.NotNull((await link.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(token)}")).Text("link-invalid"));
        Assert.Single(await user.Account.AuditAsync("user.email_change"));

        // The session goes on; the profile shows the new address and nothing pending; sign-in takes the new address only.
        var profile = await user.Browser.GetAsync(Page);
        Assert.Equal(newEmail, profile.Text("current-email"));
        Assert.Null(profile.Text("pending-email"));
        Assert.Equal("/console", (await new FormClient(fixture.Anonymous()).SignInAsync(newEmail, Scenarios.Password)).Path);
        Assert.Equal("/console/sign-in", (await new FormClient(fixture.Anonymous()).SignInAsync(user.Email, Scenarios.Password)).Path);
    }

    [Fact]
    public async Task EmailChange_TheSameLinkPostedAtOnce_AppliesOnce()
    {
        var user = await fixture.SignedInUserAsync();
        var newEmail = Unique.Email("race");
        await user.Browser.PostProfileAsync("email", ("new_email", newEmail), ("email_password", Scenarios.Password));
        var token = await fixture.OutboxTokenAsync(user.Id, "email_change");
        var links = new List<(FormClient Client, FormPage Page)>();
        for (var i = 0; i < 6; i++)
        {
            var client = new FormClient(fixture.Anonymous());
            links.Add((client, await client.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(token)}")));
        }

        var pages = await Task.WhenAll(links.Select(l => Task.Run(() => l.Client.PostAsync("/console/confirm-email", [("token", token)], from: l.Page))));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Single(pages, p => p.Text("email-confirmed") is not null);
        Assert.Equal(5, pages.Count(p => p.Text("link-invalid") is not null));
        Assert.Single(await user.Account.AuditAsync("user.email_change"));
        Assert.Single(await fixture.OutboxMessagesAsync(user.Id, "email_changed"));
    }

    [Fact]
    public async Task EmailChange_AnAddressTakenMeanwhileInAnotherAccount_IsRefusedAtConfirmation_AndChangesNothing()
    {
        var user = await fixture.SignedInUserAsync();
        var wanted = Unique.Email("wanted");
        await user.Browser.PostProfileAsync("email", ("new_email", wanted), ("email_password", Scenarios.Password));
        var token = await fixture.OutboxTokenAsync(user.Id, "email_change");
        var other = await fixture.CreateAccountAsync();
        await other.CreateUserAsync(wanted.ToUpperInvariant());

        var link = new FormClient(fixture.Anonymous());
        await link.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(token)}");
        var refused = await link.PostAsync("/console/confirm-email", new Dictionary<string, string> { ["token"] = token });

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("now belongs to another user of Roster", refused.Text("email-taken"));
        Assert.Contains(wanted, refused.Text("email-taken"));
        Assert.Equal(user.Email, (await user.ApiUserAsync()).GetProperty("email").GetString());
        Assert.Empty(await user.Account.AuditAsync("user.email_change"));
        Assert.Empty(await fixture.OutboxMessagesAsync(user.Id, "email_changed"));
    }

    [Fact]
    public async Task EmailChange_RefusedRequests_SayWhyNextToTheField_AndMailNothing()
    {
        var user = await fixture.SignedInUserAsync();
        var taken = (await user.Account.CreateUserAsync()).GetProperty("email").GetString()!;

        var invalid = await user.Browser.PostProfileAsync("email", ("new_email", "not an address"), ("email_password", Scenarios.Password));
        var empty = await user.Browser.PostProfileAsync("email", ("new_email", ""), ("email_password", ""));
        var same = await user.Browser.PostProfileAsync("email", ("new_email", user.Email.ToUpperInvariant()), ("email_password", Scenarios.Password));
        var wrong = await user.Browser.PostProfileAsync("email", ("new_email", Unique.Email()), ("email_password", "not my password"));
        var takenPage = await user.Browser.PostProfileAsync("email", ("new_email", taken), ("email_password", Scenarios.Password));

        Assert.Equal("Enter a valid e-mail address, such as name@example.com.", invalid.Text("new-email-error"));
        Assert.Equal("not an address", invalid.Field("new_email"));
        Assert.Equal("", invalid.Field("email_password"));
        Assert.Equal("Enter the new e-mail address.", empty.Text("new-email-error"));
        Assert.Equal("Enter your current password.", empty.Text("email-password-error"));
        Assert.Equal("This is your e-mail address already.", same.Text("new-email-error"));
        Assert.Equal(ProfileUser.WrongPassword, wrong.Text("email-password-error"));
        Assert.Equal("Another user of Roster has this address: choose another one.", takenPage.Text("new-email-error"));
        Assert.Empty(await fixture.OutboxMessagesAsync(user.Id, "email_change"));
        var failure = Assert.Single(await user.Account.AuditAsync("user.sign_in_failed"));
        Assert.Equal("email_change_request", failure.GetProperty("after").GetProperty("during").GetString());
    }

    [Fact]
    public async Task EmailChange_ANewerRequestVoidsTheOlderLink()
    {
        var user = await fixture.SignedInUserAsync();
        var first = Unique.Email("first");
        var second = Unique.Email("second");
        await user.Browser.PostProfileAsync("email", ("new_email", first), ("email_password", Scenarios.Password));
        var firstToken = await fixture.OutboxTokenAsync(user.Id, "email_change");

        var page = await user.Browser.PostProfileAsync("email", ("new_email", second), ("email_password", Scenarios.Password));

        Assert.Contains(second, page.Text("pending-email"));
        var link = new FormClient(fixture.Anonymous());
        var ask = await link.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(await fixture.OutboxTokenAsync(user.Id, "email_change"))}");
        Assert.NotNull(ask.AntiforgeryToken);
        Assert.NotNull((await link.GetAsync($"/console/confirm-email?token={Uri.EscapeDataString(firstToken)}")).Text("link-invalid"));
        Assert.NotNull((await link.GetAsync("/console/confirm-email?token=forged")).Text("link-invalid"));
        Assert.NotNull((await link.GetAsync("/console/confirm-email")).Text("link-invalid"));
        Assert.NotNull((await link.PostAsync("/console/confirm-email", [("token", firstToken)], from: ask)).Text("link-invalid"));
        Assert.NotNull((await link.PostAsync("/console/confirm-email", [("token", new string('t', 5000))], from: ask)).Text("link-invalid"));
        Assert.NotNull((await link.PostAsync("/console/confirm-email", [], from: ask)).Text("link-invalid"));
        Assert.Equal(user.Email, (await user.ApiUserAsync()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task ChangePassword_AWrongCurrentPassword_IsRefused_AndTheOldPasswordStillWorks()
    {
        var user = await fixture.SignedInUserAsync();

        var wrong = await user.Browser.PostProfileAsync("password", ("current_password", "not my password"), ("new_password", Scenarios.OtherPassword));
        var weak = await user.Browser.PostProfileAsync("password", ("current_password", Scenarios.Password), ("new_password", "password1234"));
        var same = await user.Browser.PostProfileAsync("password", ("current_password", Scenarios.Password), ("new_password", Scenarios.Password));

        Assert.Equal(ProfileUser.WrongPassword, wrong.Text("current-password-error"));
        Assert.Equal("", wrong.Field("current_password"));
        Assert.Equal("", wrong.Field("new_password"));
        Assert.Contains("too easy to guess", weak.Text("new-password-error"));
        Assert.Equal("The new password must differ from the current one.", same.Text("new-password-error"));
        Assert.Empty(await user.Account.AuditAsync("user.password_change"));
        Assert.True(await user.Browser.IsSignedInAsync());
        await fixture.SignedInBrowserAsync(user.Email, Scenarios.Password);
        Assert.Equal("/console/sign-in", (await new FormClient(fixture.Anonymous()).SignInAsync(user.Email, Scenarios.OtherPassword)).Path);
    }

    [Fact]
    public async Task ChangePassword_EndsTheOtherSession_ThisOneContinues_AndTheOldPasswordIsRefused()
    {
        var user = await fixture.SignedInUserAsync();
        var other = await fixture.SignedInBrowserAsync(user.Email);
        var cookieBefore = user.Browser.Cookie("roster_session");

        var changed = await user.Browser.PostProfileAsync("password", ("current_password", Scenarios.Password), ("new_password", Scenarios.OtherPassword));

        Assert.Equal($"{Page}?done=password", changed.Path);
        Assert.Equal("Your password is changed. Your other sessions have ended; this one continues.", changed.Text("profile-notice"));
        Assert.NotEqual(cookieBefore, user.Browser.Cookie("roster_session"));
        Assert.True(await user.Browser.IsSignedInAsync());
        Assert.False(await other.IsSignedInAsync());
        Assert.Single(changed.All("data-testid=\"session\" data-session-id=\"([^\"]+)\""));
        Assert.Equal("/console/sign-in", (await new FormClient(fixture.Anonymous()).SignInAsync(user.Email, Scenarios.Password)).Path);
        await fixture.SignedInBrowserAsync(user.Email, Scenarios.OtherPassword);
        var audit = Assert.Single(await user.Account.AuditAsync("user.password_change"));
        Assert.Equal(user.Id, audit.GetProperty("actor_id").GetString());
        Assert.Equal(1, audit.GetProperty("after").GetProperty("ended_session_ids").GetArrayLength());
        var reasons = await fixture.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.UserId == user.Id && s.EndedAt != null)
            .Select(s => s.EndReason).ToListAsync());
        Assert.Equal(["password_change", "replaced"], reasons.Order().ToList());
    }

    [Fact]
    public async Task Sessions_TheListMarksThisOne_EndingAnotherEndsItAtItsNextRequest()
    {
        var user = await fixture.SignedInUserAsync();
        var other = await fixture.SignedInBrowserAsync(user.Email);

        var page = await user.Browser.GetAsync(Page);
        var ids = page.All("data-testid=\"session\" data-session-id=\"([^\"]+)\"");
        Assert.Equal(2, ids.Count);
        Assert.Single(page.All("(data-testid=\"this-session\")"));
        var current = await fixture.WithDbAsync(db => db.Sessions.AsNoTracking()
            .Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt).Select(s => s.Id).FirstAsync());
        var otherId = Assert.Single(ids, id => id != current);
        Assert.Contains("value=\"" + otherId + "\"", page.Html);
        Assert.True(await other.IsSignedInAsync());

        var ended = await user.Browser.PostProfileAsync("endSession", ("session_id", otherId));

        Assert.Equal("The session has ended.", ended.Text("profile-notice"));
        Assert.Equal([current], ended.All("data-testid=\"session\" data-session-id=\"([^\"]+)\""));
        Assert.False(await other.IsSignedInAsync());
        Assert.True(await user.Browser.IsSignedInAsync());
        var audit = Assert.Single(await user.Account.AuditAsync("user.session_end"));
        Assert.Equal(otherId, audit.GetProperty("after").GetProperty("session_id").GetString());

        // The current session is not ended from the list, and an ended one cannot be ended twice.
        var self = await user.Browser.PostProfileAsync("endSession", ("session_id", current));
        Assert.Equal("This is the session you are using: sign out to end it.", self.Text("sessions-error"));
        var twice = await user.Browser.PostProfileAsync("endSession", ("session_id", otherId));
        Assert.Equal("That session has already ended.", twice.Text("sessions-error"));
        Assert.True(await user.Browser.IsSignedInAsync());
    }

    [Fact]
    public async Task Sessions_AnotherUsersSessionCannotBeEnded()
    {
        var user = await fixture.SignedInUserAsync();
        var stranger = await fixture.SignedInUserAsync(user.Account);
        var strangerSession = await fixture.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.UserId == stranger.Id).Select(s => s.Id).SingleAsync());

        var refused = await user.Browser.PostProfileAsync("endSession", ("session_id", strangerSession));

        Assert.Equal("That session has already ended.", refused.Text("sessions-error"));
        Assert.True(await stranger.Browser.IsSignedInAsync());
    }

    [Fact]
    public async Task SignOutEverywhereElse_EndsEveryOtherSession_ThisOneContinues()
    {
        var user = await fixture.SignedInUserAsync();
        var second = await fixture.SignedInBrowserAsync(user.Email);
        var third = await fixture.SignedInBrowserAsync(user.Email);

        var page = await user.Browser.PostProfileAsync("endOthers");

        Assert.Equal("You are signed out everywhere else.", page.Text("profile-notice"));
        Assert.Single(page.All("data-testid=\"session\" data-session-id=\"([^\"]+)\""));
        Assert.Contains("You are signed in nowhere else.", page.Html);
        Assert.False(await second.IsSignedInAsync());
        Assert.False(await third.IsSignedInAsync());
        Assert.True(await user.Browser.IsSignedInAsync());
        var audit = Assert.Single(await user.Account.AuditAsync("user.session_end"));
        Assert.Equal(2, audit.GetProperty("after").GetProperty("session_ids").GetArrayLength());
    }

    [Fact]
    public async Task EmailPreferences_SavedAsOnAndOff_ShownInTheApi_Audited()
    {
        var user = await fixture.SignedInUserAsync();

        var saved = await user.Browser.PostProfileAsync("preferences", ("email_preferences", "product_updates"));

        Assert.Equal("Your e-mail preferences are saved.", saved.Text("profile-notice"));
        Assert.Matches("id=\"pref-product_updates\"[^>]*checked", saved.Html);
        Assert.DoesNotMatch("id=\"pref-usage_reports\"[^>]*checked", saved.Html);
        var preferences = (await user.ApiUserAsync()).GetProperty("email_preferences");
        Assert.Equal("on", preferences.GetProperty("product_updates").GetString());
        Assert.Equal("off", preferences.GetProperty("usage_reports").GetString());
        var audit = Assert.Single(await user.Account.AuditAsync("user.update"), e => e.GetProperty("target_id").GetString() == user.Id);
        Assert.Equal("on", audit.GetProperty("after").GetProperty("email_preferences").GetProperty("product_updates").GetString());

        await user.Browser.PostProfileAsync("preferences");
        Assert.Equal("off", (await user.ApiUserAsync()).GetProperty("email_preferences").GetProperty("product_updates").GetString());
    }

    [Fact]
    public async Task AUserWithoutAPassword_SeesNoPasswordSection_AndCannotConfirmAnAddressChange()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, _) = await fixture.ActiveUserAsync(account);
        // As a user who signed up through an external provider is: no password, a session from elsewhere.
        var token = await fixture.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.PasswordHash = null;
            var started = db.Start(user, "github", SessionStage.SignedIn, Actor.System, new SessionLimits(), TimeProvider.System);
            await db.SaveChangesAsync();
            return started.Token;
        });
        var browser = new FormClient(fixture.Anonymous());
        browser.SetCookie("roster_session", token);

        var page = await browser.GetAsync(Page);
        var refused = await browser.PostProfileAsync("email", ("new_email", Unique.Email()), ("email_password", "anything"));
        var password = await browser.PostProfileAsync("password", ("current_password", "anything"), ("new_password", Scenarios.OtherPassword));

        Assert.Equal(Page, page.Path);
        Assert.False(page.HasField("current_password"));
        Assert.True(page.HasField("new_email"));
        Assert.True(refused.Text("email-password-error") == new NoPasswordToConfirm().Message, refused.Html);
        // The password form is not on the page; posted anyway, it is refused and sets no password.
        Assert.Equal(HttpStatusCode.OK, password.Status);
        Assert.Null(await fixture.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync()));
        Assert.Empty(await account.AuditAsync("user.password_change"));
        Assert.Empty(await fixture.OutboxMessagesAsync(id, "email_change"));
    }

    [Fact]
    public async Task TheUseCases_RunWithoutHttp()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, _) = await fixture.ActiveUserAsync(account);
        var actor = new Actor(ActorType.User, id, null, null);

        var renamed = await fixture.WithDbAsync(db => ChangeName.RunAsync(
            id, ChangeName.Read("Grace", "Grace", "Hopper").Value, db, actor, TimeProvider.System, CancellationToken.None));
        var refused = ChangeName.Read("", null, null);
        var preferences = await fixture.WithDbAsync(db => SetEmailPreferences.RunAsync(
            id, new Dictionary<string, bool> { ["nonesuch"] = true }, db, actor, TimeProvider.System, CancellationToken.None));

        Assert.True(renamed.Succeeded);
        Assert.Equal("Hopper", renamed.Value.LastName);
        Assert.Equal("name", Assert.IsType<InvalidField>(refused.Error).Name);
        Assert.IsType<InvalidField>(preferences.Error);
    }
}
