using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roster.Features.Outbox;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Outbox;

/// <summary>
/// A mail server that refuses (451): the message is retried after 5 s, then 10 s, is marked failed after the third
/// attempt with the server's answer in GET …/outbox and a warning in the log, and a retry sends it. The host's clock is
/// the test's, so each attempt's time is known.
/// </summary>
public sealed class RetryTests(RetryingSmtpFixture fixture) : IClassFixture<RetryingSmtpFixture>
{
    [Fact]
    public async Task RefusingServer_RetriesWithBackoff_ThenFailed_VisibleAndLogged_AndRetrySendsIt()
    {
        var clock = fixture.Clock;
        var signal = fixture.Services.GetRequiredService<OutboxSignal>();
        // Refusing before the account exists: otherwise its root user's invitation may be delivered in between.
        fixture.Sink.Refuse(true);
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var t0 = clock.GetUtcNow();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;

        var first = await AttemptsAsync(account, email, 1, after: t0);
        Assert.Equal("pending", first.GetProperty("status").GetString());
        Assert.Equal(t0.AddSeconds(5), first.GetProperty("next_attempt_at").GetDateTimeOffset());
        Assert.Contains("451", first.GetProperty("last_error").GetString());

        // Not yet due: a look at the outbox four seconds on sends nothing.
        clock.Advance(TimeSpan.FromSeconds(4));
        signal.Ping();
        await Task.Delay(500);
        Assert.Equal(1, (await account.OutboxEntryAsync(email)).GetProperty("attempts").GetInt32());

        clock.Advance(TimeSpan.FromSeconds(1));
        signal.Ping();
        var second = await AttemptsAsync(account, email, 2, after: t0.AddSeconds(5));
        Assert.Equal(t0.AddSeconds(5 + 10), second.GetProperty("next_attempt_at").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromSeconds(10));
        signal.Ping();
        var failed = await AttemptsAsync(account, email, 3, after: t0.AddSeconds(15));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("sent_at").ValueKind);
        Assert.Equal(t0.AddSeconds(15), failed.GetProperty("failed_at").GetDateTimeOffset());
        Assert.Contains("The mail server answered 451", failed.GetProperty("last_error").GetString());
        var messageId = failed.GetProperty("id").GetInt64();
        Assert.Contains(await account.OutboxAsync("?status=failed"), m => m.GetProperty("id").GetInt64() == messageId);
        Assert.DoesNotContain(await account.OutboxAsync("?status=pending"), m => m.GetProperty("id").GetInt64() == messageId);
        var warning = Assert.Single(fixture.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains($"Outbox message {messageId} ", StringComparison.Ordinal));
        Assert.Contains("(invitation) failed after 3 attempts", warning.Message);
        Assert.Contains("451", warning.Message);
        var token = await fixture.OutboxTokenAsync(id);
        Assert.All(fixture.Log.Lines, l => Assert.DoesNotContain(token, l.Message, StringComparison.Ordinal));
        Assert.Empty(fixture.Sink.Messages());

        fixture.Sink.Refuse(false);
        var retried = (await account.Client.PostJsonAsync($"{account.Api}/outbox/{messageId}/retry")).Ok();
        Assert.Equal("pending", retried.GetProperty("status").GetString());
        Assert.Equal(0, retried.GetProperty("attempts").GetInt32());

        var mail = Assert.Single(await fixture.Sink.WaitForAsync(email));
        await Mail.UntilAsync(async () => (await account.OutboxEntryAsync(email)).GetProperty("status").GetString() == "sent", "the retried message marked sent");
        Assert.Equal(token, Mail.LinkIn(mail).Token);
        (await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password })).Ok();
        var again = await account.Client.PostJsonAsync($"{account.Api}/outbox/{messageId}/retry");
        Assert.Equal("message_not_failed", again.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(409, again.Code);
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=outbox_message.retry")).Ok();
        Assert.Equal(messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(audit.GetProperty("events").EnumerateArray()).GetProperty("target_id").GetString());
    }

    /// <summary>The entry once attempt <paramref name="attempts"/> has failed: counted, and then rescheduled past <paramref name="after"/> or given up.</summary>
    private static async Task<JsonElement> AttemptsAsync(TestAccount account, string email, int attempts, DateTimeOffset after)
    {
        await Mail.UntilAsync(async () =>
        {
            var entry = await account.OutboxEntryAsync(email);
            return entry.GetProperty("attempts").GetInt32() == attempts
                && (entry.GetProperty("status").GetString() == "failed" || entry.GetProperty("next_attempt_at").GetDateTimeOffset() > after);
        }, $"attempt {attempts} to fail");
        return await account.OutboxEntryAsync(email);
    }
}
