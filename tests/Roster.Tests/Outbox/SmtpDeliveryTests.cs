using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Roster.Features.Outbox;
using Roster.Features.Users;
using Roster.Security;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Outbox;

/// <summary>Mail sent through a real SMTP server: what the recipient gets, and that its link works.</summary>
public sealed class SmtpDeliveryTests(SmtpFixture fixture) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Invitation_ArrivesWithTextAndHtml_NamingAccountInviterAndExpiry_AndItsLinkAcceptsTheInvitation()
    {
        var account = await fixture.CreateAccountAsync();
        var accountName = (await account.GetAccountAsync()).GetProperty("name").GetString()!;
        var email = Unique.Email();
        var id = (await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "Zoë O'Brien & <Co>", email })).Ok()
            .GetProperty("id").GetString()!;

        var mail = Assert.Single(await fixture.Sink.WaitForAsync(email));

        var parts = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        Assert.Equal("roster@tests.example", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Zoë O'Brien & <Co>", mail.To.Mailboxes.Single().Name);
        Assert.Contains(accountName, mail.Subject);
        var expiresAt = await fixture.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == id).Select(t => t.ExpiresAt).SingleAsync());
        var expiry = MailContent.Expiry(expiresAt);
        foreach (var text in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains(accountName, text);
            Assert.Contains($"an administrator of {accountName}", text);
            Assert.Contains($"expires on {expiry}", text);
        }
        Assert.Contains("Hello Zoë O'Brien & <Co>,", mail.TextBody);
        Assert.Contains("Hello Zoë O&#x27;Brien &amp; &lt;Co&gt;,", mail.HtmlBody);
        Assert.DoesNotContain("<Co>", mail.HtmlBody);
        var (link, token) = Mail.LinkIn(mail);
        Assert.StartsWith(RosterFixture.PublicUrl + MailLinks.InvitationPath + "?token=", link);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody);
        (await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password })).Ok();
        Assert.Equal("active", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());

        await Mail.UntilAsync(async () => (await account.OutboxEntryAsync(email)).GetProperty("status").GetString() == "sent", "the row marked sent");
        var entry = await account.OutboxEntryAsync(email);
        Assert.Equal("invitation", entry.GetProperty("kind").GetString());
        Assert.Equal(1, entry.GetProperty("attempts").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, entry.GetProperty("sent_at").ValueKind);
        Assert.False(entry.TryGetProperty("payload", out _));
        Assert.Contains(fixture.Log.Lines, l => l.Message.Contains($"Outbox message {entry.GetProperty("id").GetInt64()} (invitation) accepted by 127.0.0.1:{fixture.Sink.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordReset_CausedByAUser_NamesThatUser_ExpiresWhenAsked_AndItsLinkSetsThePassword()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        var inviter = (await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "Ada Admin", email = Unique.Email() })).Ok();

        var issued = await fixture.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            var token = await db.IssueAsync(user, TokenPurpose.PasswordReset, new Actor(ActorType.User, inviter.GetProperty("id").GetString(), null, null),
                fixture.Services.GetRequiredService<OutboxPayloads>(), TimeProvider.System, CancellationToken.None, lifetime: TimeSpan.FromHours(1));
            await db.SaveChangesAsync();
            return token;
        });

        var mail = (await fixture.Sink.WaitForAsync(email, count: 2)).Single(m => m.Subject!.StartsWith("Set a new password", StringComparison.Ordinal));
        Assert.Contains("asked for by Ada Admin.", mail.TextBody);
        Assert.Contains("asked for by Ada Admin.", mail.HtmlBody);
        Assert.InRange(issued.ExpiresAt - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Contains($"expires on {MailContent.Expiry(issued.ExpiresAt)}", mail.TextBody);
        var (link, token) = Mail.LinkIn(mail);
        Assert.StartsWith(RosterFixture.PublicUrl + MailLinks.PasswordResetPath + "?token=", link);
        Assert.Equal(issued.Token, token);
        (await fixture.Anonymous().PostJsonAsync("/api/password_resets/complete", new { token, password = Scenarios.OtherPassword })).Ok();
    }

    [Fact]
    public async Task EmailChange_ConfirmLinkGoesToTheNewAddress_AndTheNoticeWithoutLinkToTheOldOne()
    {
        var account = await fixture.CreateAccountAsync();
        var oldEmail = Unique.Email("old");
        var newEmail = Unique.Email("new");
        var id = (await account.CreateUserAsync(oldEmail)).GetProperty("id").GetString()!;

        await fixture.WithDbAsync(async db =>
        {
            var outbox = fixture.Services.GetRequiredService<OutboxPayloads>();
            var user = await db.Users.SingleAsync(u => u.Id == id);
            await db.IssueEmailChangeAsync(user, EmailAddress.Parse(newEmail)!.Value, Actor.System, outbox, TimeProvider.System, CancellationToken.None);
            user.SetEmail(EmailAddress.Parse(newEmail)!.Value);
            await db.EnqueueEmailChangedAsync(user, oldEmail, Actor.System, outbox, TimeProvider.System, CancellationToken.None);
            return await db.SaveChangesAsync();
        });

        var confirm = Assert.Single(await fixture.Sink.WaitForAsync(newEmail));
        Assert.Contains(newEmail, confirm.TextBody);
        Assert.StartsWith(RosterFixture.PublicUrl + MailLinks.EmailChangePath + "?token=", Mail.LinkIn(confirm).Link);
        Assert.Contains("expires on", confirm.TextBody);
        var notice = (await fixture.Sink.WaitForAsync(oldEmail, count: 2)).Single(m => m.Subject!.Contains("was changed", StringComparison.Ordinal));
        Assert.Contains($"was changed to {newEmail}", notice.TextBody);
        Assert.DoesNotContain("http", notice.TextBody);
        Assert.DoesNotContain("href", notice.HtmlBody);
        var kinds = (await account.OutboxAsync()).Select(m => m.GetProperty("kind").GetString()).ToList();
        Assert.Contains("email_change", kinds);
        Assert.Contains("email_changed", kinds);
    }
}

/// <summary>A mail server that requires a login gets it from Roster:Smtp:Username and Password.</summary>
public sealed class SmtpLoginTests(LoginSmtpFixture fixture) : IClassFixture<LoginSmtpFixture>
{
    [Fact]
    public async Task Invitation_ThroughAServerThatRequiresALogin_Arrives()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        await account.CreateUserAsync(email);

        var mail = Assert.Single(await fixture.Sink.WaitForAsync(email));

        Assert.StartsWith(RosterFixture.PublicUrl + MailLinks.InvitationPath, Mail.LinkIn(mail).Link);
    }
}
