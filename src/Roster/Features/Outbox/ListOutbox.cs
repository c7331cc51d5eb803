using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Outbox;

/// <summary>An outbox message as operators see it: where its delivery stands, never its payload.</summary>
/// <param name="NextAttemptAt">When the next attempt is due; null once sent or failed.</param>
public sealed record OutboxMessageResponse(
    long Id, MailKind Kind, string Recipient, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? FailedAt, string? LastError)
{
    public static OutboxMessageResponse Of(OutboxMessage m) => new(
        m.Id, m.Kind, m.Recipient, m.Status, m.Attempts, m.CreatedAt, m.SentAt,
        m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.FailedAt, m.LastError);
}

public sealed record OutboxMessageList(IReadOnlyList<OutboxMessageResponse> Messages, long? NextBefore);

public static class ListOutbox
{
    public static async Task<Results<Ok<OutboxMessageList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var status = query.Enum("status", WireEnum<OutboxStatus>.ByName);
        var limit = query.Int("limit", 1, 500) ?? 100;
        var before = query.Int("before", 1, int.MaxValue);
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        var page = await RunAsync(accountId, status, limit, before, db, ct);
        return TypedResults.Ok(page);
    }

    /// <summary>The account's messages, newest first: <paramref name="limit"/> of them with ids below <paramref name="before"/>.</summary>
    public static async Task<OutboxMessageList> RunAsync(string accountId, OutboxStatus? status, int limit, long? before, RosterDb db, CancellationToken ct)
    {
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.AccountId == accountId);
        if (before is not null) messages = messages.Where(m => m.Id < before);
        messages = status switch
        {
            OutboxStatus.Pending => messages.Where(m => m.SentAt == null && m.FailedAt == null),
            OutboxStatus.Sent => messages.Where(m => m.SentAt != null),
            OutboxStatus.Failed => messages.Where(m => m.SentAt == null && m.FailedAt != null),
            null => messages,
        };
        var page = await messages.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var items = page.Take(limit).Select(OutboxMessageResponse.Of).ToList();
        return new OutboxMessageList(items, page.Count > limit ? items[^1].Id : null);
    }
}
