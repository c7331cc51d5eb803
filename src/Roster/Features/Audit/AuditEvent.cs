namespace Roster.Features.Audit;

/// <summary>One change, written in the same transaction as the change itself; rows are never updated.</summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    public required Security.ActorType ActorType { get; init; }
    public string? ActorId { get; init; }

    public required AuditAction Action { get; init; }
    public required string TargetType { get; init; }
    public string? TargetId { get; init; }

    /// <summary>JSON snapshots of the target before and after; null where it did not exist.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }

    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
    public string? RequestId { get; init; }
}
