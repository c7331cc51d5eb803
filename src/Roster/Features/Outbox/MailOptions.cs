using System.Text.Json.Serialization;
using MimeKit;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Outbox;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: for a mail server on this machine or a test server.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Plain, then upgraded with STARTTLS (port 587); the server must offer it.</summary>
    [JsonStringEnumMemberName("starttls")] StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    [JsonStringEnumMemberName("tls")] Tls,
}

/// <summary>The mail server, from <c>Roster:Smtp</c>; without a host, mail is written to files.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Null: the port of <see cref="Security"/> (25, 587 or 465).</summary>
    public int? Port { get; set; }

    /// <summary><c>none</c>, <c>starttls</c> (the default) or <c>tls</c>.</summary>
    public string? Security { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// How the outbox is delivered: <c>Roster:Mail</c> (the sender's timing, the From address, the folder for .eml files)
/// and <c>Roster:Smtp</c> (the mail server), read and checked once at start by <see cref="Read"/>.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Roster:Mail";
    public const string SmtpSection = "Roster:Smtp";

    /// <summary>False: this server sends no mail (another server on the same database does).</summary>
    public bool Enabled { get; set; } = true;

    public string From { get; set; } = "Roster <roster@roster.localhost>";

    /// <summary>Where messages are written as .eml files when no mail server is set; default: <c>mail/</c> beside the database.</summary>
    public string? Directory { get; set; }

    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The parsed <see cref="From"/>.</summary>
    public MailboxAddress FromAddress { get; private set; } = null!;

    public SmtpSecurity Security { get; private set; } = SmtpSecurity.StartTls;

    /// <summary>The port to connect to: the configured one, else the usual one for <see cref="Security"/>.</summary>
    public int Port => Smtp.Port ?? Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.StartTls => 587,
        SmtpSecurity.Tls => 465,
    };

    /// <summary>Whether mail goes to a mail server (else to .eml files in <see cref="Directory"/>).</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The wait before the attempt after <paramref name="attempts"/> failed ones: base, doubled each time, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var ticks = Math.Min(RetryBase.Ticks * (1L << doublings), RetryCap.Ticks);
        return TimeSpan.FromTicks(ticks < 0 ? RetryCap.Ticks : ticks);
    }

    /// <summary>
    /// The settings from <paramref name="configuration"/>, the mail folder resolved beside <paramref name="database"/>;
    /// a value that cannot work is a <see cref="MailSettingsException"/> naming the setting.
    /// </summary>
    public static MailOptions Read(IConfiguration configuration, DatabaseTarget database)
    {
        var options = configuration.GetSection(Section).Get<MailOptions>() ?? new MailOptions();
        options.Smtp = configuration.GetSection(SmtpSection).Get<SmtpOptions>() ?? new SmtpOptions();
        options.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Directory) ? database.DefaultMailDirectory : options.Directory);
        if (!MailboxAddress.TryParse(options.From, out var from) || string.IsNullOrEmpty(from.Address) || !from.Address.Contains('@'))
        {
            throw new MailSettingsException($"Roster__Mail__From must be an e-mail address such as \"Roster <roster@example.com>\", not '{options.From}'.");
        }
        options.FromAddress = from;
        if (options.Smtp.Security is { } security)
        {
            if (!WireEnum<SmtpSecurity>.TryParse(security.Trim().ToLowerInvariant(), out var parsed))
            {
                throw new MailSettingsException($"Roster__Smtp__Security must be none, starttls or tls, not '{security}'.");
            }
            options.Security = parsed;
        }
        if (options.Smtp.Port is < 1 or > 65535)
        {
            throw new MailSettingsException($"Roster__Smtp__Port must be 1 to 65535, not {options.Smtp.Port}.");
        }
        if (options.MaxAttempts < 1)
        {
            throw new MailSettingsException($"Roster__Mail__MaxAttempts must be at least 1, not {options.MaxAttempts}.");
        }
        if (options.PollInterval <= TimeSpan.Zero || options.RetryBase <= TimeSpan.Zero || options.RetryCap < options.RetryBase)
        {
            throw new MailSettingsException("Roster__Mail__PollInterval and Roster__Mail__RetryBase must be positive, and Roster__Mail__RetryCap at least RetryBase.");
        }
        return options;
    }
}

/// <summary>A mail setting that cannot work; <c>serve</c> prints it and does not start.</summary>
public sealed class MailSettingsException(string message) : Exception(message);
