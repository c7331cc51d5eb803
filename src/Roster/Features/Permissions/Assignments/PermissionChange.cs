using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class PermissionChange
{
    /// <summary>
    /// Runs a change to the account's roles, assignments or custom policies in one transaction that first
    /// bumps the account's permissions version (so changes to one account wait for one another and read
    /// settled data), then saves the change and its audit events together. A refusal rolls everything back.
    /// If two identical assignments still meet at the unique index, the change runs once more and finds
    /// the winner's row. <paramref name="conflict"/> turns another unique violation into a refusal.
    /// </summary>
    public static async Task<RosterError?> RunAsync(this RosterDb db, string accountId, Func<Task<RosterError?>> change,
        CancellationToken ct, Func<DbUpdateException, RosterError?>? conflict = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.BumpPermissionsVersionAsync(accountId, ct);
            if (await change() is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return null;
            }
            catch (DbUpdateException e) when (attempt == 1
                && e.IsUniqueViolation(RosterDb.UniqueRoleAssignment, "RoleAssignments.AccountId, RoleAssignments.Fingerprint"))
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e) when (conflict?.Invoke(e) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return refusal;
            }
        }
    }
}
