using System.Text.Json;
using Microsoft.Extensions.Logging;
using MimeKit;
using Roster.Features.Outbox;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Outbox;

/// <summary>With no mail server set, mail is an .eml file beside the database and the log names it; the outbox endpoints.</summary>
public sealed class FileMailTests(FileMailFixture fixture) : IClassFixture<FileMailFixture>
{
    [Fact]
    public async Task NoSmtpHost_InvitationIsAnEmlFileInTheMailFolder_AndOneLogLineNamesItsFullPath()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        var messageId = (await fixture.OutboxMessagesAsync(id)).Single().Message.Id;

        await Mail.UntilAsync(async () => (await account.OutboxEntryAsync(email)).GetProperty("status").GetString() == "sent", "the .eml file");

        var line = Assert.Single(fixture.Log.Lines, l => l.Message.StartsWith($"Outbox message {messageId} (invitation) written to ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        var path = line.Message[line.Message.IndexOf(" written to ", StringComparison.Ordinal)..][" written to ".Length..];
        Assert.True(Path.IsPathFullyQualified(path), path);
        Assert.Equal(fixture.MailDirectory, Path.GetDirectoryName(path));
        Assert.EndsWith(".eml", path);
        var mail = await MimeMessage.LoadAsync(path);
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.NotNull(mail.HtmlBody);
        var (_, token) = Mail.LinkIn(mail);
        Assert.Equal(await fixture.OutboxTokenAsync(id), token);
        Assert.DoesNotContain(Directory.GetFiles(fixture.MailDirectory), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_ListsNewestFirst_FiltersByStatus_PagesWithBefore_AndShowsNoPayload()
    {
        var account = await fixture.CreateAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            await account.CreateUserAsync();
        }
        await Mail.UntilAsync(async () => (await account.OutboxAsync("?status=sent")).Count == 4, "four messages sent");

        var all = await account.OutboxAsync();
        Assert.Equal(4, all.Count);
        Assert.Equal(all.Select(m => m.GetProperty("id").GetInt64()).OrderDescending(), all.Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal(account.RootEmail, all[^1].GetProperty("recipient").GetString());
        Assert.All(all, m => Assert.Equal(
            ["id", "kind", "recipient", "status", "attempts", "created_at", "sent_at", "next_attempt_at", "failed_at", "last_error"],
            m.EnumerateObject().Select(p => p.Name)));
        Assert.Empty(await account.OutboxAsync("?status=failed"));
        Assert.Empty(await account.OutboxAsync("?status=pending"));
        var page = (await account.Client.GetJsonAsync($"{account.Api}/outbox?limit=3")).Ok();
        Assert.Equal(3, page.GetProperty("messages").GetArrayLength());
        var before = page.GetProperty("next_before").GetInt64();
        var rest = await account.OutboxAsync($"?before={before}");
        Assert.Equal(all[^1].GetProperty("id").GetInt64(), Assert.Single(rest).GetProperty("id").GetInt64());
        Assert.Equal(400, (await account.Client.GetJsonAsync($"{account.Api}/outbox?status=lost")).Code);
        var other = await fixture.CreateAccountAsync();
        Assert.DoesNotContain(await other.OutboxAsync(), m => all.Any(a => a.GetProperty("id").GetInt64() == m.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Retry_UnknownOrAnotherAccountsMessage404_ASentOne409()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();
        await Mail.UntilAsync(async () => (await account.OutboxAsync("?status=sent")).Count == 1, "the root invitation sent");
        var sent = (await account.OutboxAsync()).Single().GetProperty("id").GetInt64();

        var conflict = await account.Client.PostJsonAsync($"{account.Api}/outbox/{sent}/retry");
        var foreign = await other.Client.PostJsonAsync($"{other.Api}/outbox/{sent}/retry");
        var unknown = await account.Client.PostJsonAsync($"{account.Api}/outbox/999999999/retry");
        var garbage = await account.Client.PostJsonAsync($"{account.Api}/outbox/x1/retry");

        Assert.Contains("this one is sent", conflict.Error(409));
        foreign.Error(404);
        unknown.Error(404);
        garbage.Error(404);
    }

    [Fact]
    public void Backoff_DoublesFromTheBase_UpToTheCap()
    {
        var options = new MailOptions { RetryBase = TimeSpan.FromSeconds(5), RetryCap = TimeSpan.FromMinutes(1) };

        Assert.Equal(
            [5, 10, 20, 40, 60, 60],
            Enumerable.Range(1, 6).Select(n => (int)options.Backoff(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), options.Backoff(500));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/", "http://127.0.0.1:5080")]
    [InlineData("https://roster.example.com/base/", "https://roster.example.com/base")]
    [InlineData("http://*:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080")]
    [InlineData("http://[::]:5080/", "http://localhost:5080")]
    public void PublicUrl_TrailingSlashDropped_ListeningWildcardReadAsLocalhost(string url, string normalized)
    {
        Assert.Equal(normalized, MailLinks.Normalize(url));
        Assert.Equal(normalized + "/console/invitation?token=a%2Bb", MailLinks.Invitation(url, "a+b"));
    }

    [Fact]
    public async Task OutboxJson_SaysNothingOfThePayload()
    {
        var account = await fixture.CreateAccountAsync();
        var body = (await account.Client.GetJsonAsync($"{account.Api}/outbox")).Body;
        using var json = JsonDocument.Parse(body);
        Assert.DoesNotContain("payload", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", body, StringComparison.OrdinalIgnoreCase);
    }
}
