using System.Globalization;
using Roster.Common;
using Roster.Features.Audit;

namespace Roster.ConsolePages;

/// <summary>
/// The audit log's filters as a browser sends them (a GET form, so a filtered page is a link one can keep), read into the
/// list's <see cref="AuditEventFilter"/>. Whatever the query string holds, reading it never throws: a value that cannot be
/// used is a message for its field, and the page then lists nothing rather than something the person did not ask for.
/// </summary>
public sealed class AuditLogFilters
{
    public const string ActorField = "actor";
    public const string ActionField = "action";
    public const string TargetField = "target";
    public const string FromField = "from";
    public const string ToField = "to";
    public const string BeforeField = "before";

    /// <summary>Longer than any e-mail address or id Roster stores.</summary>
    public const int MaxLength = 320;

    /// <summary>The first and last days a date filter takes: beyond them no event exists, and the arithmetic stays in range.</summary>
    private static readonly DateOnly _firstDay = new(2000, 1, 1);
    private static readonly DateOnly _lastDay = new(9998, 12, 31);

    public string? Actor { get; private init; }
    public string? Action { get; private init; }
    public string? Target { get; private init; }
    public string? From { get; private init; }
    public string? To { get; private init; }
    public long? Before { get; private init; }

    /// <summary>The reasons, by field, that a value was refused.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The filter to list with; null when a value was refused.</summary>
    public AuditEventFilter? Filter { get; private init; }

    /// <summary>Whether any filter (other than paging) is set.</summary>
    public bool Any => Actor is not null || Action is not null || Target is not null || From is not null || To is not null;

    public static AuditLogFilters Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Text(string name)
        {
            var value = query[name].FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            if (value.Length > MaxLength)
            {
                errors[name] = $"This is too long: at most {MaxLength} characters.";
                return value[..MaxLength];
            }
            if (WireText.Problem(value) is { } problem)
            {
                errors[name] = $"This {problem}.";
                return null;
            }
            return value;
        }

        var actor = Text(ActorField);
        var action = Text(ActionField);
        var target = Text(TargetField);
        var from = Text(FromField);
        var to = Text(ToField);
        var beforeText = Text(BeforeField);

        AuditAction? recorded = null;
        if (action is not null && !errors.ContainsKey(ActionField))
        {
            if (WireEnum<AuditAction>.TryParse(action, out var known))
            {
                recorded = known;
            }
            else
            {
                errors[ActionField] = "There is no action of that name: choose one from the list.";
            }
        }
        var fromDay = Day(FromField, from, errors);
        var toDay = Day(ToField, to, errors);
        if (fromDay is { } start && toDay is { } end && start > end)
        {
            errors[ToField] = "The end date is before the start date.";
        }
        long? before = null;
        if (beforeText is not null && !errors.ContainsKey(BeforeField))
        {
            if (long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                before = id;
            }
            else
            {
                errors[BeforeField] = "This page link is not one Roster made: start again from the newest events.";
            }
        }

        var filters = new AuditLogFilters
        {
            Actor = actor, Action = action, Target = target, From = from, To = to, Before = before,
            Filter = errors.Count > 0 ? null : new AuditEventFilter(
                ActorId: actor is not null && !actor.Contains('@') ? actor : null,
                ActorEmail: actor is not null && actor.Contains('@') ? actor : null,
                Action: recorded,
                TargetId: target,
                From: fromDay is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                // Note: the end date is inclusive: events before the next midnight.
                Until: toDay is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                Before: before),
        };
        foreach (var (field, message) in errors)
        {
            filters.Errors[field] = message;
        }
        return filters;
    }

    /// <summary>The query string of these filters (without paging), for the pager's and the export's links.</summary>
    public string QueryString(long? before = null)
    {
        var pairs = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                pairs.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add(ActorField, Actor);
        Add(ActionField, Action);
        Add(TargetField, Target);
        Add(FromField, From);
        Add(ToField, To);
        Add(BeforeField, before?.ToString(CultureInfo.InvariantCulture));
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    private static DateOnly? Day(string field, string? text, Dictionary<string, string> errors)
    {
        if (text is null || errors.ContainsKey(field))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = "Enter a date as YYYY-MM-DD, for example 2026-12-07.";
            return null;
        }
        if (day < _firstDay || day > _lastDay)
        {
            errors[field] = $"Enter a date between {_firstDay:yyyy-MM-dd} and {_lastDay:yyyy-MM-dd}.";
            return null;
        }
        return day;
    }
}
