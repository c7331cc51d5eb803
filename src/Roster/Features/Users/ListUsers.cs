using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.ProductEnvironments;

namespace Roster.Features.Users;

public static class ListUsers
{
    public const int MaxIds = 100;
    public const int MaxPageSize = 1000;

    private static readonly Dictionary<string, UserSort> _sortFields = new()
    {
        ["name"] = UserSort.Name, ["role"] = UserSort.Role, ["status"] = UserSort.Status, ["activity"] = UserSort.Activity, ["created_at"] = UserSort.CreatedAt,
    };

    private static readonly Dictionary<string, bool> _sortOrders = new() { ["desc"] = true, ["asc"] = false };
    private static readonly Dictionary<string, bool> _unionTypes = new() { ["include"] = true, ["exclude"] = false };

    public static async Task<Results<Ok<UserList>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var ids = query.List("ids");
        var emails = query.List("emails");
        var pageSize = query.Int("page_size", 1, MaxPageSize);
        var page = query.Int("page", 1, int.MaxValue);
        var sortBy = query.Enum("sort_by", _sortFields) ?? UserSort.CreatedAt;
        var descending = query.Enum("sort_order", _sortOrders) ?? false;
        var filter = ids is null && emails is null ? ReadFilter(query) : null;
        if (query.Error is { } invalid)
        {
            return invalid;
        }
        if (ids?.Count > MaxIds || emails?.Count > MaxIds)
        {
            return new InvalidInput($"'ids' and 'emails' take at most {MaxIds} values.");
        }

        var users = db.Users.AsNoTracking().Where(u => u.AccountId == accountId);
        if (ids is not null)
        {
            users = users.Where(u => ids.Contains(u.Id));
        }
        else if (emails is not null)
        {
            var normalized = emails.Select(EmailAddress.Normalize).ToList();
            users = users.Where(u => normalized.Contains(u.EmailNormalized));
        }
        else
        {
            var filtered = await FilterAsync(accountId, filter!, db, ct);
            if (!filtered.Succeeded)
            {
                return filtered.Error;
            }
            users = filtered.Value.Query;
        }

        var paged = Sorted(users, sortBy, descending);
        if (page is not null || pageSize is not null)
        {
            var size = pageSize ?? 100;
            paged = paged.Skip((int)Math.Min(int.MaxValue, ((long)(page ?? 1) - 1) * size)).Take(size);
        }

        // The page first, then its product environments, groups and external logins by id: the filters run once.
        var list = await paged.AsTracking().ToListAsync(ct);
        var pageIds = list.Select(u => u.Id).ToList();
        await db.UserProductEnvironments.Where(x => pageIds.Contains(x.UserId)).LoadAsync(ct);
        await db.GroupMemberships.Include(m => m.Group).Where(m => pageIds.Contains(m.UserId)).LoadAsync(ct);
        await db.ExternalLogins.Where(l => pageIds.Contains(l.UserId)).LoadAsync(ct);
        var count = list.Any(u => u.AllProductEnvironments) ? await db.CountProductEnvironmentsAsync(accountId, ct) : 0;
        return TypedResults.Ok(new UserList([.. list.Select(u => UserResponse.From(u, count))]));
    }

    private static UserSearch ReadFilter(RequestValues query)
    {
        var status = query.Enum("status", WireEnum<UserStatus>.ByName);
        // pending=true is status=pending.
        if (query.Bool("pending") == true)
        {
            status = UserStatus.Pending;
        }
        return new UserSearch(status, query.String("prefix"), query.String("sub_account_id"), query.Bool("last_login"),
            query.Enum("union_type", _unionTypes), query.Date("from"), query.Date("to"));
    }

    /// <summary>
    /// The users in the order asked for, ties broken by id so that pages neither repeat nor skip a user; the id runs the same
    /// way as the key, so that the (account, key, id) index gives the whole order.
    /// </summary>
    public static IQueryable<User> Sorted(IQueryable<User> users, UserSort sort, bool descending) => (sort switch
    {
        UserSort.Name => users.SortBy(u => u.NameNormalized, descending),
        UserSort.Email => users.SortBy(u => u.EmailNormalized, descending),
        UserSort.Role => users.SortBy(u => u.Role, descending),
        UserSort.Status => users.SortBy(u => u.Status, descending),
        UserSort.Activity => users.SortBy(u => u.LastLoginAt, descending),
        UserSort.CreatedAt => users.SortBy(u => u.CreatedAt, descending),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    }).ThenBy(u => u.Id, descending);

    /// <summary>
    /// The account's users that match <paramref name="filter"/>, unordered and not yet read: the one query behind the
    /// Provisioning API's listing and the console's Users page. A product environment or group of another account is refused.
    /// </summary>
    public static async Task<Outcome<MatchingUsers>> FilterAsync(string accountId, UserSearch filter, RosterDb db, CancellationToken ct)
    {
        // A group, a search or a role held each gives a set of the account's user ids, far smaller than the account: the
        // users are read from the first of those sets, joined to it by id alone, and the others only narrow it. Note: on
        // SQLite the account is then left out of the users' condition (the ids are the account's), because with it SQLite
        // walks the account's sort index over every user, probing the set for each, rather than starting from the set.
        IQueryable<string>? ids = null;
        IQueryable<string>? countable = null;
        if (filter.GroupId is { } groupId)
        {
            if (!await db.UserGroups.AnyAsync(g => g.Id == groupId && g.AccountId == accountId, ct))
            {
                return Groups.GroupsApi.Missing(groupId);
            }
            // The group's members, on the membership's key (group, user).
            ids = db.GroupMemberships.Where(m => m.GroupId == groupId).Select(m => m.UserId);
        }

        if (filter.Prefix is { } rawPrefix)
        {
            // Name or e-mail starts with the prefix, case-insensitively: two index ranges on the lower-cased columns, their
            // ids in one set. Note: the union of two ranges, not one OR in the WHERE, which SQLite without table statistics
            // answers by walking the whole account. The status is judged in the same ranges (the indexes carry it), so a
            // search alone is counted on them without reading the users.
            var prefix = Names.Normalize(rawPrefix);
            var upper = prefix + "\U0010FFFF";
            var inAccount = OfStatus(db.Users.Where(u => u.AccountId == accountId), filter);
            var matching = inAccount
                .Where(u => string.Compare(u.NameNormalized, prefix) >= 0 && string.Compare(u.NameNormalized, upper) < 0)
                .Select(u => u.Id)
                .Union(inAccount
                    .Where(u => string.Compare(u.EmailNormalized, prefix) >= 0 && string.Compare(u.EmailNormalized, upper) < 0)
                    .Select(u => u.Id));
            countable = ids is null ? matching : null;
            ids = ids is null ? matching : ids.Where(id => matching.Contains(id));
        }

        if (filter.HeldRoleId is { } roleId)
        {
            // Held by the user itself, at any scope: the holders from the index on account, role and principal, each once.
            var holders = db.RoleAssignments.Where(a => a.AccountId == accountId && a.RoleId == roleId && a.PrincipalType == PrincipalType.User)
                .Select(a => a.PrincipalId);
            ids = ids is null ? holders.Distinct() : ids.Where(id => holders.Contains(id));
            countable = null;
        }

        // On PostgreSQL the users stay matched against the set (with the account): it walks the sort's covering index and
        // probes a hash of the set, stopping at the page, where the join would sort every match.
        var ofAccount = db.Users.AsNoTracking().Where(u => u.AccountId == accountId);
        var users = ids is null ? ofAccount
            : db is PostgresRosterDb ? ofAccount.Where(u => ids.Contains(u.Id))
            : ids.Join(db.Users.AsNoTracking(), id => id, u => u.Id, (_, u) => u);
        users = OfStatus(users, filter);

        if (filter.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        var (lastLogin, union, from, to) = (filter.LastLogin, filter.Union, filter.From, filter.To);
        if (lastLogin is not null || union is not null)
        {
            var include = (lastLogin ?? true) && (union ?? true);
            // A bare date as the end means the whole of that day.
            var end = to is { } t ? (t.TimeOfDay == TimeSpan.Zero ? t.AddDays(1) : t.AddTicks(1)) : (DateTimeOffset?)null;
            var inRange = users.Where(u => u.LastLoginAt != null);
            if (from is not null) inRange = inRange.Where(u => u.LastLoginAt >= from);
            if (end is not null) inRange = inRange.Where(u => u.LastLoginAt < end);
            users = include ? inRange : users.Where(u => !inRange.Any(r => r.Id == u.Id));
        }
        if (filter.ProductEnvironmentId is { } productEnvironmentId)
        {
            if (!await db.ProductEnvironments.AnyAsync(p => p.Id == productEnvironmentId && p.AccountId == accountId, ct))
            {
                return ProductEnvironmentsApi.Missing(productEnvironmentId);
            }
            // Users with all product environments are on each one. Counted in two parts, each on an index: those with all,
            // and those with this one named.
            var named = db.UserProductEnvironments.Where(x => x.ProductEnvironmentId == productEnvironmentId).Select(x => x.UserId);
            return new MatchingUsers(users.Where(u => u.AllProductEnvironments || named.Contains(u.Id)),
                [users.Where(u => u.AllProductEnvironments), users.Where(u => !u.AllProductEnvironments && named.Contains(u.Id))]);
        }
        return new MatchingUsers(users, [users], filter.Role is null && lastLogin is null && union is null ? countable : null);
    }

    /// <summary>The users of the status asked for; with none, the live ones (deleted users stay out of default listings).</summary>
    private static IQueryable<User> OfStatus(IQueryable<User> users, UserSearch filter) =>
        filter.Status is { } status ? users.Where(u => u.Status == status)
        : filter.IncludeInactive ? users
        : users.Where(u => u.Status != UserStatus.Inactive);
}

/// <summary>
/// The query of the users a search matches, not yet ordered or read, and the same users as disjoint parts, each of which an
/// index counts (the product-environment filter's "all, or this one" is two).
/// </summary>
public sealed record MatchingUsers(IQueryable<User> Query, IReadOnlyList<IQueryable<User>> Parts, IQueryable<string>? Ids = null)
{
    /// <summary>How many users match: on <see cref="Ids"/> when given (the same users' ids, each once), else part by part.</summary>
    public async Task<int> CountAsync(CancellationToken ct)
    {
        if (Ids is not null)
        {
            return await Ids.CountAsync(ct);
        }
        var total = 0;
        foreach (var part in Parts)
        {
            total += await part.CountAsync(ct);
        }
        return total;
    }
}

/// <summary>What a listing of users is ordered by.</summary>
public enum UserSort { Name, Email, Role, Status, Activity, CreatedAt }

/// <summary>
/// The filters of a listing of users: status (or every live one, or with <see cref="IncludeInactive"/> the deleted ones too),
/// a name or e-mail prefix, a product environment, last sign-in, the legacy role, a role held, a group.
/// </summary>
public sealed record UserSearch(
    UserStatus? Status = null, string? Prefix = null, string? ProductEnvironmentId = null, bool? LastLogin = null, bool? Union = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, LegacyRole? Role = null, string? HeldRoleId = null, string? GroupId = null,
    bool IncludeInactive = false);
