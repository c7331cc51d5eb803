using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Data;

namespace Roster.ConsolePages;

/// <summary>
/// The audit log as CSV (<c>/console/audit-log/export</c>), with the page's filters. Reading the log is not itself an
/// audited event: the trail records changes and sign-ins, and no read (the API's list included) is recorded. Refused
/// filters send the person back to the page, where each message stands at its field.
/// </summary>
public sealed class AuditLogExportModel(RosterDb db, TimeProvider time) : ConsolePage
{
    protected override string? RequiredFeature => CloudinaryFeatures.AuditLogView;

    public IActionResult OnGet()
    {
        var filters = AuditLogFilters.Read(Request.Query);
        if (filters.Filter is not { } filter)
        {
            return LocalRedirect(ConsoleLinks.AuditLog + Request.QueryString.Value);
        }
        var fileName = $"audit-log-{AccountId}-{time.GetUtcNow():yyyy-MM-dd}.csv";
        return new AuditCsvResult(AccountId, filter, db, fileName);
    }
}
