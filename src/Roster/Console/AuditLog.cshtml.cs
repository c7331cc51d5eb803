using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Audit;

namespace Roster.ConsolePages;

/// <summary>
/// The audit log (<c>/console/audit-log</c>): the account's events, newest first, 50 a page, filtered by actor, action,
/// target and dates through a GET form, paged by event id (<see cref="ListAuditEvents"/>), so that events recorded while
/// someone reads never shift the older pages. Refused filters come back at their fields, with status 400 and no list.
/// </summary>
public sealed class AuditLogModel(RosterDb db) : ConsolePage
{
    public const int PageSize = 50;

    protected override string? RequiredFeature => CloudinaryFeatures.AuditLogView;

    public AuditLogFilters Filters { get; private set; } = null!;

    public AuditEventPage? Events { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filters = AuditLogFilters.Read(Request.Query);
        foreach (var (field, message) in Filters.Errors)
        {
            Errors[field] = message;
        }
        if (Filters.Filter is not { } filter)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Events = await ListAuditEvents.RunAsync(AccountId, filter, PageSize, db, ct);
    }

}
