using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Audit;

public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, ActorType ActorType, string? ActorId, AuditAction Action, string TargetType, string? TargetId,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, string? ClientAddress, string? RequestId);

public sealed record AuditEventList(IReadOnlyList<AuditEventResponse> Events, long? NextBefore);

/// <summary>
/// Which of an account's events a list reads. Each filter narrows one of the AuditEvents indexes (account with id, action,
/// actor, target or time), so a filtered page of a large log reads about as many rows as it shows.
/// </summary>
/// <param name="ActorId">The actor's id: a user's, or a key's.</param>
/// <param name="ActorEmail">Events by the account's users who have had this address (deleted ones included).</param>
/// <param name="From">Events at or after this time.</param>
/// <param name="Until">Events before this time (exclusive).</param>
/// <param name="Before">Keyset paging: events with a smaller id than this one, i.e. older than the last one shown.</param>
public sealed record AuditEventFilter(
    string? ActorId = null, string? ActorEmail = null, AuditAction? Action = null, string? TargetId = null, DateTimeOffset? From = null,
    DateTimeOffset? Until = null, long? Before = null)
{
    /// <summary>The ids the time range spans, once <see cref="ListAuditEvents.NarrowAsync"/> has found them.</summary>
    public (long First, long Last)? Ids { get; init; }

    /// <summary>Whether the time range has been turned into <see cref="Ids"/> (or has none to turn).</summary>
    public bool Narrowed => Ids is not null || (From is null && Until is null);
}

/// <summary>A user an event names (as its actor or target), as the log labels it; deleted users are kept for the trail.</summary>
public sealed record AuditUser(string Id, string Name, string Email, bool IsRoot, UserStatus Status);

/// <summary>One page of events, newest first, with the users they name, and the id to page on from (null on the last page).</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Events, IReadOnlyDictionary<string, AuditUser> Users, long? NextBefore);

public static class ListAuditEvents
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// A page of the account's events matching <paramref name="filter"/>, newest (highest id) first. Paging goes by id, which
    /// only grows, so events added between two pages appear on the newest page and never shift the older ones. The users
    /// the page names are read in one query beside it.
    /// </summary>
    public static async Task<AuditEventPage> RunAsync(string accountId, AuditEventFilter filter, int limit, RosterDb db, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var narrowed = filter.Narrowed ? filter : await NarrowAsync(accountId, filter, db, ct);
        var matching = narrowed is null ? null : await MatchingAsync(accountId, narrowed, db, ct);
        var rows = matching is null ? [] : await matching.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var events = rows.Take(limit).ToList();
        var userIds = events
            .SelectMany(e => new[] { e.ActorType == ActorType.User ? e.ActorId : null, e.TargetType == UserTarget ? e.TargetId : null })
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var users = userIds.Count == 0
            ? new Dictionary<string, AuditUser>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking()
                .Where(u => u.AccountId == accountId && userIds.Contains(u.Id))
                .Select(u => new AuditUser(u.Id, u.Name, u.Email, u.IsRoot, u.Status))
                .ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct);
        return new AuditEventPage(events, users, rows.Count > limit ? events[^1].Id : null);
    }

    /// <summary>The target type of events about a user.</summary>
    public const string UserTarget = "user";

    /// <summary>
    /// The filter with its time range turned into the range of ids it spans: the smallest id of an event at or after From and
    /// the largest before Until, each read from the time index alone. A time range read newest first over the time index
    /// would sort every event in it; the id range lets the id-ordered indexes read newest first instead, and the times are
    /// still compared, so the result is exact even where ids and times disagree (a slow transaction, a clock set back).
    /// Null when no event is in the range. Done once for a whole export.
    /// </summary>
    public static async Task<AuditEventFilter?> NarrowAsync(string accountId, AuditEventFilter filter, RosterDb db, CancellationToken ct)
    {
        if (filter.Narrowed)
        {
            return filter;
        }
        var events = db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId);
        if (filter.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (filter.Until is { } until) events = events.Where(e => e.OccurredAt < until);
        // Note: "+ 0" keeps PostgreSQL from walking the primary key in order until a time matches, which its estimate
        // (ids independent of time) thinks short and which for a range far back reads most of the log; so the range's
        // own entries of the time index are read, as many as the range holds.
        var first = await events.MinAsync(e => (long?)(e.Id + 0), ct);
        var last = await events.MaxAsync(e => (long?)(e.Id + 0), ct);
        return first is { } f && last is { } l ? filter with { Ids = (f, l) } : null;
    }

    /// <summary>The query of the events that match a narrowed filter; null when none can.</summary>
    private static async Task<IQueryable<AuditEvent>?> MatchingAsync(string accountId, AuditEventFilter filter, RosterDb db, CancellationToken ct)
    {
        var events = db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId);
        if (filter.Before is { } before) events = events.Where(e => e.Id < before);
        if (filter.Action is { } action) events = events.Where(e => e.Action == action);
        if (filter.Ids is var (firstId, lastId)) events = events.Where(e => e.Id >= firstId && e.Id <= lastId);
        if (filter.From is { } from) events = events.Where(e => e.OccurredAt >= from);
        if (filter.Until is { } until) events = events.Where(e => e.OccurredAt < until);
        if (filter.ActorId is { } actor) events = events.Where(e => e.ActorId == actor);
        if (filter.ActorEmail is { } email)
        {
            // Note: the address is resolved first (the account's e-mail index), so that one user's events are read over
            // the actor index; deleted users keep their address, so there may be several.
            var normalized = EmailAddress.Normalize(email);
            var users = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && u.EmailNormalized == normalized)
                .Select(u => u.Id).Take(100).ToListAsync(ct);
            if (users.Count == 0)
            {
                return null;
            }
            events = users.Count == 1
                ? events.Where(e => e.ActorType == ActorType.User && e.ActorId == users[0])
                : events.Where(e => e.ActorType == ActorType.User && users.Contains(e.ActorId!));
        }
        if (filter.TargetId is { } target) events = events.Where(e => e.TargetId == target);
        return events;
    }

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
        AuditAction? recorded = null;
        if (action is not null)
        {
            if (!WireEnum<AuditAction>.TryParse(action, out var known))
            {
                // An action Roster never records matches no event.
                return TypedResults.Ok(new AuditEventList([], null));
            }
            recorded = known;
        }
        var page = await RunAsync(accountId, new AuditEventFilter(Action: recorded, TargetId: target, Before: before), limit, db, ct);
        var items = page.Events.Select(e => new AuditEventResponse(
            e.Id, e.OccurredAt, e.ActorType, e.ActorId, e.Action, e.TargetType, e.TargetId,
            Parse(e.Before), Parse(e.After), e.ClientAddress, e.RequestId)).ToList();
        return TypedResults.Ok(new AuditEventList(items, page.NextBefore));
    }

    private static System.Text.Json.JsonElement? Parse(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
