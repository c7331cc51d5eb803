using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Features.Audit;

public static class AuditLog
{
    /// <summary>
    /// Adds an audit event to the unit of work, so it is committed, or not, with the change it describes.
    /// <paramref name="before"/> and <paramref name="after"/> are snapshots that must not hold secrets.
    /// </summary>
    public static void Audit(this RosterDb db, Actor actor, TimeProvider time, string accountId, AuditAction action,
        string targetType, string? targetId, object? before = null, object? after = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            AccountId = accountId,
            OccurredAt = time.GetUtcNow(),
            ActorType = actor.Type,
            ActorId = actor.Id,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Before = before is null ? null : Json.Serialize(before),
            After = after is null ? null : Json.Serialize(after),
            ClientAddress = actor.ClientAddress,
            UserAgent = actor.UserAgent,
            RequestId = actor.RequestId,
        });
}
