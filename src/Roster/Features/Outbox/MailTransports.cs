using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Roster.Common;

namespace Roster.Features.Outbox;

/// <summary>Where rendered mail goes: a mail server, or files. Returning is success; any exception is a failed attempt.</summary>
public interface IMailTransport
{
    Task DeliverAsync(OutboxMessage message, MimeMessage mail, CancellationToken ct);
}

/// <summary>Sends through the mail server of <c>Roster:Smtp</c>, one connection per message (mail is rare: invitations, resets).</summary>
public sealed class SmtpMailTransport(MailOptions options, ILogger<SmtpMailTransport> log) : IMailTransport
{
    /// <summary>Well inside the sender's lease, so a hung server cannot hold a message past it.</summary>
    public const int TimeoutMilliseconds = 60_000;

    public async Task DeliverAsync(OutboxMessage message, MimeMessage mail, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        await client.ConnectAsync(options.Smtp.Host!, options.Port, options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        }, ct);
        if (!string.IsNullOrEmpty(options.Smtp.Username))
        {
            await client.AuthenticateAsync(options.Smtp.Username, options.Smtp.Password ?? "", ct);
        }
        // Note: SendAsync returns once the server accepted the message (250 after DATA); a refusal throws.
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
        log.LogInformation("Outbox message {MessageId} ({Kind}) accepted by {Host}:{Port}", message.Id, message.Kind.Wire(), options.Smtp.Host, options.Port);
    }
}

/// <summary>
/// With no mail server set, each message is written as an .eml file (which any mail program opens) to
/// <c>Roster:Mail:Directory</c>, and the log names the file, so a newcomer can open the link in it.
/// </summary>
public sealed class FileMailTransport(MailOptions options, ILogger<FileMailTransport> log) : IMailTransport
{
    public async Task DeliverAsync(OutboxMessage message, MimeMessage mail, CancellationToken ct)
    {
        var directory = options.Directory!;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{message.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{message.Id}-{message.Kind.Wire()}.eml");
        // Note: written beside and then moved, so a reader never opens half a message; a second delivery replaces the first.
        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            await mail.WriteToAsync(file, ct);
        }
        File.Move(partial, path, overwrite: true);
        log.LogInformation("Outbox message {MessageId} ({Kind}) written to {Path}", message.Id, message.Kind.Wire(), path);
    }
}
