using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Security;

namespace Roster.Features.Outbox;

public static class RetryOutboxMessage
{
    public static async Task<Results<Ok<OutboxMessageResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "message_id")] string messageId,
        RosterDb db, OutboxSignal signal, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var retried = await RunAsync(accountId, messageId, db, actor, time, ct);
        if (!retried.Succeeded)
        {
            return retried.Error;
        }
        signal.Ping();
        return TypedResults.Ok(retried.Value);
    }

    /// <summary>
    /// Puts a failed message back in the queue, due at once with its attempts counted afresh; only a failed one (a
    /// pending message is still being tried, a sent one was delivered). The conditional update makes two retries one.
    /// </summary>
    public static async Task<Outcome<OutboxMessageResponse>> RunAsync(
        string accountId, string messageId, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.AccountId == accountId, ct) is not { } message)
        {
            return new ObjectNotFound($"Cannot find outbox message with id {messageId}");
        }
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var retried = await db.OutboxMessages.Where(m => m.Id == id && m.SentAt == null && m.FailedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);
        if (retried != 1)
        {
            return new MessageNotFailed(message.Status.Wire());
        }
        db.Audit(actor, time, accountId, AuditAction.OutboxMessageRetry, "outbox_message", message.Id.ToString(CultureInfo.InvariantCulture),
            before: new { status = OutboxStatus.Failed, message.Attempts, message.LastError });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return OutboxMessageResponse.Of(await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct));
    }
}
