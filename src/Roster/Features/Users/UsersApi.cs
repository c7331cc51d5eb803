using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.ProductEnvironments;

namespace Roster.Features.Users;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder account)
    {
        var group = account.MapGroup("/users").WithTags("Users");
        group.MapGet("/", ListUsers.HandleAsync)
            .WithSummary("List users")
            .WithDescription("Filters: ids or emails (up to 100; override the others), prefix (name or e-mail), pending or status, sub_account_id, "
                + "last_login with from/to and union_type, sort_by (name, role, status, activity, created_at), sort_order, page, page_size. "
                + "Inactive (deleted) users are listed only when asked for by id, e-mail or status=inactive.");
        group.MapPost("/", CreateUser.HandleAsync)
            .WithSummary("Create (invite) a user")
            .WithDescription("Body: name and email (required), role, sub_account_ids (empty: all), enabled, first_name, last_name. "
                + "The user is pending until the invitation is accepted.");
        group.MapGet("/{user_id}", GetUser.HandleAsync).WithSummary("Get a user (deleted users read as inactive)");
        group.MapPut("/{user_id}", UpdateUser.HandleAsync).WithSummary("Update a user");
        group.MapDelete("/{user_id}", DeleteUser.HandleAsync)
            .WithSummary("Delete a user")
            .WithDescription("The user becomes inactive, permanently; the e-mail address is free again and the seat is released.");
        group.MapGet("/{user_id}/groups", GetUserGroups.HandleAsync).WithSummary("The user's groups");
        group.MapGet("/{user_id}/sub_accounts", GetUserProductEnvironments.HandleAsync).WithSummary("The product environments the user can access");
        return group;
    }

    public static Task<User?> LoadUserAsync(this RosterDb db, string accountId, string userId, CancellationToken ct) =>
        db.Users.Include(u => u.ProductEnvironments).Include(u => u.Memberships).ThenInclude(m => m.Group).Include(u => u.ExternalLogins)
            .AsSplitQuery()
            .FirstOrDefaultAsync(u => u.Id == userId && u.AccountId == accountId, ct);

    public static Task<int> CountProductEnvironmentsAsync(this RosterDb db, string accountId, CancellationToken ct) =>
        db.ProductEnvironments.CountAsync(p => p.AccountId == accountId, ct);

    public static ObjectNotFound Missing(string userId) => new($"Cannot find user with id {userId}");

    /// <summary>
    /// Applies a product-environment choice: master admins and empty lists mean all; otherwise at most 30
    /// named product environments of this account.
    /// </summary>
    public static async Task<RosterError?> AssignProductEnvironmentsAsync(this RosterDb db, User user, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        var distinct = ids?.Distinct(StringComparer.Ordinal).ToList();
        if (user.Role == LegacyRole.MasterAdmin || user.IsRoot || distinct is null || distinct.Count == 0)
        {
            user.AllProductEnvironments = true;
            user.ProductEnvironments.Clear();
            return null;
        }
        if (distinct.Count > User.MaxNamedProductEnvironments)
        {
            return new TooManyProductEnvironments();
        }
        var known = await db.ProductEnvironments.Where(p => p.AccountId == user.AccountId && distinct.Contains(p.Id))
            .Select(p => p.Id).ToListAsync(ct);
        if (distinct.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            return ProductEnvironmentsApi.Missing(unknown);
        }
        user.AllProductEnvironments = false;
        user.ProductEnvironments.RemoveAll(p => !distinct.Contains(p.ProductEnvironmentId));
        foreach (var id in distinct.Where(id => user.ProductEnvironments.All(p => p.ProductEnvironmentId != id)))
        {
            user.ProductEnvironments.Add(new UserProductEnvironment { UserId = user.Id, ProductEnvironmentId = id });
        }
        return null;
    }
}
