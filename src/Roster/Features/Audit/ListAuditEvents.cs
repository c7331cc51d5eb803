using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Audit;

public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, Security.ActorType ActorType, string? ActorId, AuditAction Action, string TargetType, string? TargetId,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, string? ClientAddress, string? RequestId);

public sealed record AuditEventList(IReadOnlyList<AuditEventResponse> Events, long? NextBefore);

public static class ListAuditEvents
{
    public static async Task<Results<Ok<AuditEventList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var limit = query.Int("limit", 1, 500) ?? 100;
        var before = query.Int("before", 1, int.MaxValue);
        var action = query.String("action");
        var target = query.String("target_id");
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        var events = db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId);
        if (before is not null) events = events.Where(e => e.Id < before);
        if (action is not null)
        {
            // An action Roster never records matches no event.
            events = WireEnum<AuditAction>.TryParse(action, out var recorded) ? events.Where(e => e.Action == recorded) : events.Where(e => false);
        }
        if (target is not null) events = events.Where(e => e.TargetId == target);
        var page = await events.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var items = page.Take(limit).Select(e => new AuditEventResponse(
            e.Id, e.OccurredAt, e.ActorType, e.ActorId, e.Action, e.TargetType, e.TargetId,
            Parse(e.Before), Parse(e.After), e.ClientAddress, e.RequestId)).ToList();
        return TypedResults.Ok(new AuditEventList(items, page.Count > limit ? items[^1].Id : null));
    }

    private static System.Text.Json.JsonElement? Parse(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
