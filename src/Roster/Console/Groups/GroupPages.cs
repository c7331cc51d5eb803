using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>The group a page under <c>/console/groups/{id}</c> is about: its name and member count, read once per request.</summary>
public sealed record GroupHeading(string Id, string Name, int Members, DateTimeOffset CreatedAt);

/// <summary>What the group pages share: their paths, and the group of the route looked up in the signed-in user's account only.</summary>
public static class GroupPages
{
    /// <summary>Ids Roster makes are far shorter; a longer one names no group, so it is not looked up at all.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// An id as a form or the route gives it, trimmed; "" when it cannot be one (too long, control characters, a lone
    /// surrogate), so that it names nothing rather than reach the database as text it cannot store.
    /// </summary>
    public static string CleanId(string? text) =>
        text?.Trim() is { Length: > 0 and <= PermissionIds.MaxLength } id && !id.Any(char.IsControl) && WireText.Problem(id) is null ? id : "";

    /// <summary>Why a search cannot be run as typed, as the end of a sentence; null when it can.</summary>
    public static string? SearchProblem(string text, int maxLength) =>
        text.Length > maxLength ? $"must be at most {maxLength} characters"
        : text.Any(char.IsControl) ? "must not contain control characters"
        : WireText.Problem(text);

    public static string Group(string id) => $"{ConsoleLinks.Groups}/{Uri.EscapeDataString(id)}";

    public static string Rename(string id) => Group(id) + "/rename";

    public static string Delete(string id) => Group(id) + "/delete";

    public static string Roles(string id) => Group(id) + "/roles";

    /// <summary>The route's group in <paramref name="accountId"/>, with its member count; null when the account has no such group.</summary>
    public static async Task<GroupHeading?> FindAsync(RosterDb db, string accountId, string? id, CancellationToken ct)
    {
        if (CleanId(id) is not { Length: > 0 and <= MaxIdLength } clean || clean != id)
        {
            return null;
        }
        return await db.UserGroups.AsNoTracking().Where(g => g.Id == clean && g.AccountId == accountId)
            .Select(g => new GroupHeading(g.Id, g.Name, g.Memberships.Count, g.CreatedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A page number from the query: 1 when absent or unreadable, else at most the last page.</summary>
    public static int PageNumber(string? text, int total, int pageSize) =>
        int.TryParse(text, out var page) ? Math.Clamp(page, 1, PageCount(total, pageSize)) : 1;

    public static int PageCount(int total, int pageSize) => Math.Max(1, (int)((total + (long)pageSize - 1) / pageSize));
}

/// <summary>A pager under a paged list (<c>Groups/_Pager.cshtml</c>): where the page is (of how many, when that is known), and the links to the pages beside it.</summary>
public sealed record Pager(string Label, int Page, int? Count, string? Previous, string? Next, string TestId);
