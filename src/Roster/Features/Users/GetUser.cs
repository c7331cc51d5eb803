using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Users;

public static class GetUser
{
    public static async Task<Results<Ok<UserResponse>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, [FromRoute(Name = "user_id")] string userId, RosterDb db, CancellationToken ct)
    {
        if (await db.LoadUserAsync(accountId, userId, ct) is not { } user)
        {
            return UsersApi.Missing(userId);
        }
        return TypedResults.Ok(await UserResponse.ReadAsync(db, user, ct));
    }
}
