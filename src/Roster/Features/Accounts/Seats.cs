using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Features.Accounts;

/// <summary>
/// The user limit, enforced by the database: a seat is taken by one conditional UPDATE, which two
/// racing transactions cannot both pass for the last seat (PostgreSQL re-checks the condition on the
/// row the first one committed; SQLite serialises writers). Call inside the transaction that adds the user.
/// </summary>
public static class Seats
{
    public static async Task<bool> TryTakeAsync(this RosterDb db, Account account, PlanOptions plans, CancellationToken ct)
    {
        var limit = account.UserLimit(plans);
        var changed = await db.Accounts
            .Where(a => a.Id == account.Id && a.LiveUsers < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LiveUsers, a => a.LiveUsers + 1), ct);
        return changed == 1;
    }

    public static Task ReleaseAsync(this RosterDb db, string accountId, CancellationToken ct) =>
        db.Accounts
            .Where(a => a.Id == accountId && a.LiveUsers > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LiveUsers, a => a.LiveUsers - 1), ct);
}
