using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MimeKit;

namespace Roster.Features.Outbox;

/// <summary>
/// The e-mail of an outbox message, rendered when it is sent from its decrypted payload: a plain-text and an HTML
/// part saying the same, naming the account and who caused the message, and for a link when it expires (in UTC).
/// Every value is HTML-encoded in the HTML part.
/// </summary>
public static class MailContent
{
    // Note: every character that means something in HTML is encoded; the rest of Unicode stays as it is (the part is UTF-8).
    private static readonly HtmlEncoder _html = HtmlEncoder.Create(UnicodeRanges.All);

    private sealed record Letter(string Subject, string[] Before, string? Action, string? Link, string[] After);

    public static MimeMessage Render(OutboxMessage message, MailPayload payload, string publicUrl, MailboxAddress from, DateTimeOffset now)
    {
        var link = payload.Token is { } token ? MailLinks.For(message.Kind, publicUrl, token) : null;
        var letter = Write(message.Kind, payload, link);
        var body = new BodyBuilder { TextBody = Text(payload.Name, letter), HtmlBody = Html(payload.Name, letter) };
        var mail = new MimeMessage
        {
            Subject = letter.Subject,
            Date = now,
            // Note: one Message-Id per outbox row, so a message delivered twice (the sender is at-least-once) reads as one.
            MessageId = $"roster.{message.Id}.{message.CreatedAt.ToUnixTimeMilliseconds()}@{Domain(from)}",
            Body = body.ToMessageBody(),
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(payload.Name, message.Recipient));
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        return mail;
    }

    /// <summary>When a link expires, as a message says it.</summary>
    public static string Expiry(DateTimeOffset expiresAt) =>
        expiresAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static Letter Write(MailKind kind, MailPayload p, string? link)
    {
        var account = p.AccountName;
        string[] expires = p.ExpiresAt is { } at ? [$"The link works once and expires on {Expiry(at)}."] : ["The link works once."];
        return kind switch
        {
            MailKind.Invitation => new Letter(
                $"You are invited to {account} on Roster",
                [$"You were invited to the account {account} on Roster by {p.Inviter}.", "Accept the invitation and choose your password:"],
                "Accept the invitation", link,
                [.. expires, "If you did not expect this invitation, you can ignore this message."]),
            MailKind.PasswordReset => new Letter(
                $"Set a new password for {account} on Roster",
                [$"A new password for your user of the account {account} on Roster was asked for by {p.Inviter}.", "Choose your new password:"],
                "Choose a new password", link,
                [.. expires, $"If you did not expect this, tell an administrator of {account}."]),
            MailKind.EmailChange => new Letter(
                $"Confirm your new e-mail address for {account} on Roster",
                [$"{p.NewEmail} is to become the e-mail address of your user of the account {account} on Roster, as asked by {p.Inviter}.",
                    "Confirm that this address is yours:"],
                "Confirm the address", link,
                [.. expires, "If you did not ask for this, you can ignore this message: the address stays as it was."]),
            MailKind.EmailChanged => new Letter(
                $"Your e-mail address for {account} on Roster was changed",
                [$"The e-mail address of your user of the account {account} on Roster was changed to {p.NewEmail} by {p.Inviter}.",
                    "Messages about your user now go to the new address."],
                null, null,
                [$"If you did not make this change, tell an administrator of {account} at once."]),
        };
    }

    private static string Text(string name, Letter letter)
    {
        var text = new StringBuilder();
        text.Append("Hello ").Append(name).Append(",\n\n");
        foreach (var line in letter.Before) text.Append(line).Append('\n');
        if (letter.Link is { } link) text.Append('\n').Append(link).Append("\n\n");
        else text.Append('\n');
        foreach (var line in letter.After) text.Append(line).Append('\n');
        return text.Append("\n-- \nRoster\n").ToString();
    }

    private static string Html(string name, Letter letter)
    {
        static string E(string value) => _html.Encode(value);
        var html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n");
        html.Append("<p>Hello ").Append(E(name)).Append(",</p>\n");
        foreach (var line in letter.Before) html.Append("<p>").Append(E(line)).Append("</p>\n");
        if (letter.Link is { } link)
        {
            html.Append("<p><a href=\"").Append(E(link)).Append("\">").Append(E(letter.Action ?? link)).Append("</a></p>\n");
            html.Append("<p style=\"font-size: small\">Or open this address: ").Append(E(link)).Append("</p>\n");
        }
        foreach (var line in letter.After) html.Append("<p>").Append(E(line)).Append("</p>\n");
        return html.Append("<p style=\"color: #666\">Roster</p>\n</body></html>\n").ToString();
    }

    private static string Domain(MailboxAddress from) => from.Address[(from.Address.LastIndexOf('@') + 1)..] is { Length: > 0 } domain ? domain : "roster.localhost";
}
