using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.Permissions;
using Roster.Features.Users;

namespace Roster.ConsolePages;

/// <summary>A principal as Role Management shows it: a user (with its label), a group or an API key, by name.</summary>
public sealed record PrincipalName(PrincipalType Type, string Id, string Text, UserLabel? User = null)
{
    /// <summary>The one form value that names a principal in a picker: <c>user:id</c>, <c>group:id</c>, <c>apiKey:key</c>.</summary>
    public string Value => $"{Type.Wire()}:{Id}";

    public string TypeText => Type switch
    {
        PrincipalType.User => "User",
        PrincipalType.Group => "Group",
        PrincipalType.ApiKey => "API key",
        _ => "Provisioning key",
    };

    /// <summary>Reads a picker's value back; null when it is not one.</summary>
    public static (PrincipalType Type, string Id)? Parse(string? value)
    {
        var colon = value?.IndexOf(':') ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1 || value.Length > 300)
        {
            return null;
        }
        return Wire.PrincipalTypes.TryGetValue(value[..colon], out var type) && type != PrincipalType.ProvisioningKey ? (type, value[(colon + 1)..]) : null;
    }
}

/// <summary>
/// Finding and naming the account's principals for Role Management: one query per principal type for a page of holders
/// (no query per row), and a search by the start of a name or e-mail address on the indexed normalised columns.
/// </summary>
public static class PrincipalNames
{
    public const int SearchLimit = 10;
    public const int MaxSearch = 254;

    /// <summary>The names of the principals, keyed by (type, id); unknown ones are left out.</summary>
    public static async Task<Dictionary<(PrincipalType, string), PrincipalName>> OfAsync(
        RosterDb db, string accountId, IEnumerable<(PrincipalType Type, string Id)> principals, CancellationToken ct)
    {
        var list = principals.Distinct().ToList();
        var found = new Dictionary<(PrincipalType, string), PrincipalName>();
        var userIds = list.Where(p => p.Type == PrincipalType.User).Select(p => p.Id).ToList();
        if (userIds.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && userIds.Contains(u.Id))
                         .Select(u => new { u.Id, u.Name, u.Email, u.IsRoot, u.Status }).ToListAsync(ct))
            {
                found[(PrincipalType.User, u.Id)] = new(PrincipalType.User, u.Id, $"{u.Name} <{u.Email}>",
                    new UserLabel(u.Name, u.Email, u.IsRoot, u.Status == UserStatus.Inactive));
            }
        }
        var groupIds = list.Where(p => p.Type == PrincipalType.Group).Select(p => p.Id).ToList();
        if (groupIds.Count > 0)
        {
            foreach (var g in await db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId && groupIds.Contains(g.Id))
                         .Select(g => new { g.Id, g.Name }).ToListAsync(ct))
            {
                found[(PrincipalType.Group, g.Id)] = new(PrincipalType.Group, g.Id, g.Name);
            }
        }
        var keys = list.Where(p => p.Type == PrincipalType.ApiKey).Select(p => p.Id).ToList();
        if (keys.Count > 0)
        {
            foreach (var k in await KeysOf(db, accountId, k => keys.Contains(k.ApiKey)).ToListAsync(ct))
            {
                found[(PrincipalType.ApiKey, k.Key)] = new(PrincipalType.ApiKey, k.Key, KeyText(k.Key, k.Name, k.Environment));
            }
        }
        return found;
    }

    /// <summary>
    /// Users (live ones) whose e-mail address or name starts with <paramref name="text"/>, groups whose name does, and API keys
    /// whose key or name does; at most <see cref="SearchLimit"/> of each.
    /// </summary>
    public static async Task<IReadOnlyList<PrincipalName>> SearchAsync(RosterDb db, string accountId, string text, CancellationToken ct)
    {
        var prefix = text.Trim().ToLowerInvariant();
        if (prefix.Length == 0 || prefix.Length > MaxSearch)
        {
            return [];
        }
        var users = await db.Users.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Status != UserStatus.Inactive
                && (u.EmailNormalized.StartsWith(prefix) || u.NameNormalized.StartsWith(prefix)))
            .OrderBy(u => u.EmailNormalized).Take(SearchLimit)
            .Select(u => new { u.Id, u.Name, u.Email, u.IsRoot }).ToListAsync(ct);
        var groups = await db.UserGroups.AsNoTracking()
            .Where(g => g.AccountId == accountId && g.NameNormalized.StartsWith(prefix))
            .OrderBy(g => g.NameNormalized).Take(SearchLimit).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var raw = text.Trim();
        var keys = await KeysOf(db, accountId, k => k.ApiKey.StartsWith(raw) || (k.Name != null && k.Name.StartsWith(raw)))
            .Take(SearchLimit).ToListAsync(ct);
        return
        [
            .. users.Select(u => new PrincipalName(PrincipalType.User, u.Id, $"{u.Name} <{u.Email}>", new UserLabel(u.Name, u.Email, u.IsRoot, false))),
            .. groups.Select(g => new PrincipalName(PrincipalType.Group, g.Id, g.Name)),
            .. keys.Select(k => new PrincipalName(PrincipalType.ApiKey, k.Key, KeyText(k.Key, k.Name, k.Environment))),
        ];
    }

    private sealed record KeyRow(string Key, string? Name, string Environment);

    private static IQueryable<KeyRow> KeysOf(RosterDb db, string accountId, System.Linq.Expressions.Expression<Func<AccessKey, bool>> which) =>
        db.AccessKeys.AsNoTracking().Where(which)
            .Join(db.ProductEnvironments.Where(p => p.AccountId == accountId), k => k.ProductEnvironmentId, p => p.Id,
                (k, p) => new { k.ApiKey, k.Name, Environment = p.Name })
            .OrderBy(k => k.ApiKey)
            .Select(k => new KeyRow(k.ApiKey, k.Name, k.Environment));

    private static string KeyText(string key, string? name, string environment) =>
        name is { Length: > 0 } ? $"{name} ({key}, {environment})" : $"{key} ({environment})";
}
