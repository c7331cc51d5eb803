using System.Text.Json.Serialization;

namespace Roster.Features.Outbox;

/// <summary>What an e-mail is about; stored as its wire name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MailKind>))]
public enum MailKind
{
    /// <summary>An invitation to set a password and join the account.</summary>
    [JsonStringEnumMemberName("invitation")] Invitation,

    /// <summary>A link to set a new password.</summary>
    [JsonStringEnumMemberName("password_reset")] PasswordReset,

    /// <summary>To the new address: a link that confirms it.</summary>
    [JsonStringEnumMemberName("email_change")] EmailChange,

    /// <summary>To the old address: a notice that the address changed, with no link.</summary>
    [JsonStringEnumMemberName("email_changed")] EmailChanged,
}

/// <summary>Where a message is in its delivery: waiting (or being retried), delivered, or given up on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboxStatus>))]
public enum OutboxStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// An e-mail to send, written in the same transaction as the change that causes it. The sender claims a row by
/// taking its lease (<see cref="LeaseUntil"/>) with a conditional update, so two servers never send it at once; it is
/// marked sent only once the mail server accepted it, and retried with a growing delay until it is, or until the
/// attempts run out and it is marked failed.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 1000;

    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required MailKind Kind { get; init; }
    public required string Recipient { get; init; }

    /// <summary>JSON with what the message needs (names, the one-time link's token), protected by <see cref="OutboxPayloads"/>.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Deliveries begun, counted when a sender claims the row (so a server that dies mid-send counts too).</summary>
    public int Attempts { get; set; }

    /// <summary>When the message is due: its creation, then after each failed attempt the backoff's next time.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when a sender holds the row; no other sender claims it before then.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Why the last attempt failed (the mail server's answer or the connection's error); never the body.</summary>
    public string? LastError { get; set; }

    /// <summary>When the sender gave up: the attempts ran out, or the failure cannot pass (a refused address).</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>When the mail server accepted the message (or its file was written).</summary>
    public DateTimeOffset? SentAt { get; set; }

    public OutboxStatus Status => SentAt is not null ? OutboxStatus.Sent : FailedAt is not null ? OutboxStatus.Failed : OutboxStatus.Pending;
}
