using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Groups;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One row of the groups list: the member count is counted in the database, for the page's groups at once.</summary>
public sealed record GroupRow(string Id, string Name, int Members, DateTimeOffset CreatedAt);

/// <summary>
/// User groups (<c>/console/groups</c>): the account's groups by name, 50 a page, with their member counts, a search on
/// the name, a menu of what the signed-in user may do with each, and the form that creates one. The name's rules and its
/// uniqueness are <see cref="CreateGroup"/>'s (the unique index); a refusal comes back at the field with what was typed.
/// </summary>
public sealed class GroupsIndexModel(RosterDb db, TimeProvider time) : ConsolePage
{
    public const int PageSize = 50;
    public const string NameField = "name";

    /// <summary>A search longer than any name matches nothing, so it is not run.</summary>
    public const int MaxSearchLength = Names.MaxLength;

    protected override string? RequiredFeature => CloudinaryFeatures.GroupsView;

    [BindProperty(Name = NameField)]
    public string? NewName { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageText { get; set; }

    public IReadOnlyList<GroupRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public Pager Pager { get; private set; } = new("Groups pages", 1, 1, null, null, "groups-pager");

    /// <summary>The search as it is matched (trimmed, lower-cased); null when there is none.</summary>
    public string? Term => Search?.Trim() is { Length: > 0 } text ? Names.Normalize(text) : null;

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                await DescribeAsync(HttpContext.RequestAborted);
            }
            return executed;
        });

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.GroupsCreate))
        {
            Errors[NameField] = "Your roles do not allow creating groups.";
            return Page();
        }
        var text = NewName?.Trim() ?? "";
        if (DisplayName.Parse(text) is not { } name)
        {
            Errors[NameField] = $"The name {Names.Problem(text)}.";
            return Page();
        }
        var created = await CreateGroup.RunAsync(AccountId, name, db, Actor.From(HttpContext), time, ct);
        if (!created.Succeeded)
        {
            return Refused(created.Error, NameField);
        }
        Flash($"The group {created.Value.Name} is created. Add its members here.");
        return LocalRedirect(GroupPages.Group(created.Value.Id));
    }

    /// <summary>
    /// The page of groups: counted, then read 50 in name order (the account's range of the unique name index), then their
    /// members counted in one grouped query. The search matches anywhere in the lower-cased name, within that range.
    /// </summary>
    private async Task DescribeAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        var groups = db.UserGroups.AsNoTracking().Where(g => g.AccountId == accountId);
        if (Term is { } term)
        {
            if (GroupPages.SearchProblem(term, MaxSearchLength) is { } problem)
            {
                Errors["q"] = $"The search {problem}.";
                return;
            }
            groups = groups.Where(g => g.NameNormalized.Contains(term));
        }
        Total = await groups.CountAsync(ct);
        var page = GroupPages.PageNumber(PageText, Total, PageSize);
        var rows = await groups.OrderBy(g => g.NameNormalized).ThenBy(g => g.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(g => new { g.Id, g.Name, g.CreatedAt })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.GroupMemberships.Where(m => ids.Contains(m.GroupId))
            .GroupBy(m => m.GroupId)
            .Select(g => new { GroupId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.GroupId, c => c.Count, ct);
        Rows = [.. rows.Select(r => new GroupRow(r.Id, r.Name, counts.GetValueOrDefault(r.Id), r.CreatedAt))];
        var count = GroupPages.PageCount(Total, PageSize);
        Pager = new Pager("Groups pages", page, count, page > 1 ? PageLink(page - 1) : null, page < count ? PageLink(page + 1) : null, "groups-pager");
    }

    private string PageLink(int page) =>
        Search?.Trim() is { Length: > 0 } search
            ? $"{ConsoleLinks.Groups}?q={Uri.EscapeDataString(search)}&p={page}"
            : $"{ConsoleLinks.Groups}?p={page}";

    /// <summary>The row's menu: only what the signed-in user may do (each page checks again).</summary>
    public ActionsMenu MenuFor(GroupRow row)
    {
        var items = new List<MenuItem>();
        if (May(CloudinaryFeatures.GroupsUpdate))
        {
            items.Add(new MenuItem("Rename", GroupPages.Rename(row.Id)));
        }
        items.Add(new MenuItem("Members", GroupPages.Group(row.Id)));
        if (May(CloudinaryFeatures.RolesAssign))
        {
            items.Add(new MenuItem("Roles", GroupPages.Roles(row.Id)));
        }
        if (May(CloudinaryFeatures.GroupsDelete))
        {
            items.Add(new MenuItem("Delete", GroupPages.Delete(row.Id), Destructive: true));
        }
        return new ActionsMenu("group-menu-" + row.Id, "Actions for " + row.Name, items);
    }
}
