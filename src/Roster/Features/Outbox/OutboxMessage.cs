namespace Roster.Features.Outbox;

/// <summary>An e-mail to send, written in the same transaction as the change that causes it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string Kind { get; init; }
    public required string Recipient { get; init; }

    /// <summary>JSON with what the message needs (names, the one-time link's token), protected by <see cref="OutboxPayloads"/>.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}
