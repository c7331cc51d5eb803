using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Outbox;

/// <summary>A host that writes mail as .eml files (no mail server set, as a newcomer runs it), with its log kept.</summary>
public sealed class FileMailFixture : RosterFixture
{
    public CapturedLog Log { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => [new("Roster:Mail:PollInterval", "00:00:00.100")];

    protected override void ConfigureLogging(ILoggingBuilder logging) => logging.AddProvider(Log);
}

/// <summary>A host that sends through a real SMTP server on a loopback port (<see cref="SmtpSink"/>), with its log kept.</summary>
public class SmtpFixture : RosterFixture
{
    private readonly string _sinkDirectory = Path.Combine(Path.GetTempPath(), "roster-sink-" + Guid.NewGuid().ToString("N"));

    public SmtpSink Sink { get; private set; } = null!;

    public CapturedLog Log { get; } = new();

    /// <summary>A login the sink requires and the host is given; null: none.</summary>
    protected virtual (string User, string Password)? Login => null;

    /// <summary>Settings of the fixture's kind, over the SMTP ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MailSettings => [];

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration =>
    [
        new("Roster:Smtp:Host", "127.0.0.1"),
        new("Roster:Smtp:Port", Sink.Port.ToString(CultureInfo.InvariantCulture)),
        new("Roster:Smtp:Security", "none"),
        new("Roster:Smtp:Username", Login?.User),
        new("Roster:Smtp:Password", Login?.Password),
        new("Roster:Mail:From", "Roster Tests <roster@tests.example>"),
        new("Roster:Mail:PollInterval", "00:00:00.100"),
        .. MailSettings,
    ];

    public override async Task InitializeAsync()
    {
        Sink = await SmtpSink.StartAsync(_sinkDirectory, Login?.User, Login?.Password);
        await base.InitializeAsync();
    }

    protected override void ConfigureLogging(ILoggingBuilder logging) => logging.AddProvider(Log);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
        try
        {
            Directory.Delete(_sinkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Note: leftovers in the temporary folder are harmless.
        }
    }
}

/// <summary>An SMTP server that requires a login, and a host given it.</summary>
public sealed class LoginSmtpFixture : SmtpFixture
{
    protected override (string User, string Password)? Login => ("roster", "s3cret pass");
}

/// <summary>A host whose clock the test moves (FakeTimeProvider), with three attempts 5 s apart and doubling.</summary>
public sealed class RetryingSmtpFixture : SmtpFixture
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override TimeProvider Time => Clock;

    protected override IEnumerable<KeyValuePair<string, string?>> MailSettings =>
        [new("Roster:Mail:MaxAttempts", "3"), new("Roster:Mail:RetryBase", "00:00:05"), new("Roster:Mail:RetryCap", "01:00:00")];
}

/// <summary>A host whose own sender is off: the test runs senders of its own on its database.</summary>
public sealed class QuietSmtpFixture : SmtpFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> MailSettings => [new("Roster:Mail:Enabled", "false")];
}

public static partial class Mail
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), $"Waited {seconds} s for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The account's outbox as GET …/outbox lists it.</summary>
    public static async Task<List<JsonElement>> OutboxAsync(this TestAccount account, string query = "")
    {
        var listed = (await account.Client.GetJsonAsync($"{account.Api}/outbox{query}")).Ok();
        return [.. listed.GetProperty("messages").EnumerateArray()];
    }

    /// <summary>The outbox entry of the message to <paramref name="recipient"/> (the newest).</summary>
    public static async Task<JsonElement> OutboxEntryAsync(this TestAccount account, string recipient) =>
        (await account.OutboxAsync()).First(m => m.GetProperty("recipient").GetString() == recipient);

    /// <summary>The one link in a message's text, and its token.</summary>
    public static (string Link, string Token) LinkIn(MimeMessage mail)
    {
        var match = Link().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The message has no link: " + mail.TextBody);
        return (match.Value, Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    [GeneratedRegex(@"http://roster\.test/console/[a-z-]+\?token=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex Link();
}
