using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Accounts;

namespace Roster.Features.Permissions;

/// <summary>
/// Custom roles and custom policies are the Enterprise plan's. Every use case that lists, reads, creates, changes or deletes
/// them asks here first, so the Permissions API and the console refuse alike, with the same message and error.
/// </summary>
public static class CustomPermissions
{
    public const string Message = "Custom roles and custom policies are available only to accounts on the Enterprise plan.";

    /// <summary>Whether an account on <paramref name="plan"/> may have custom roles and custom policies.</summary>
    public static bool Allowed(Plan plan) => plan == Plan.Enterprise;

    /// <summary>The refusal for an account on <paramref name="plan"/>; null on the Enterprise plan.</summary>
    public static NotAllowed? Refusal(Plan plan) => Allowed(plan) ? null : new NotAllowed(Message);

    /// <summary>The refusal for the account as stored now; null on the Enterprise plan.</summary>
    public static async Task<NotAllowed?> RefusalAsync(RosterDb db, string accountId, CancellationToken ct) =>
        Refusal(await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (Plan?)a.Plan).FirstOrDefaultAsync(ct) ?? Plan.Free);
}
