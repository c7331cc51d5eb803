using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Users;

public sealed record SessionChange(string Message, string UserId);

/// <summary>What password resets, forced logouts and two-factor resets share.</summary>
public static class UserSessions
{
    /// <summary>Null when the user exists, is live and is not the root user; else the rule that refuses <paramref name="change"/>.</summary>
    public static async Task<RosterError?> RefusalAsync(
        RosterDb db, string accountId, string userId, RootUserChange change, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AccountId == accountId)
            .Select(u => new { u.IsRoot, u.Status }).FirstOrDefaultAsync(ct);
        return user switch
        {
            null => UsersApi.Missing(userId),
            { IsRoot: true } => RootUser.Refusal(change),
            { Status: UserStatus.Inactive } => new UserIsInactive(),
            _ => null,
        };
    }
}
