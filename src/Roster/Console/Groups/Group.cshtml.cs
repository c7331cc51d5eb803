using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Groups;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>A member of the group as its page lists one.</summary>
public sealed record MemberRow(string Id, UserLabel Label, string Email, DateTimeOffset Since);

/// <summary>A user the search found, and whether the user is a member already.</summary>
public sealed record Candidate(string Id, UserLabel Label, string Email, bool IsMember);

/// <summary>
/// A group's page (<c>/console/groups/{id}</c>): its members, 50 a page, each named by <c>_UserLabel</c>, with Remove; and a
/// search of the account's users by the start of their name or e-mail address (the indexed lower-cased columns), 20 at a
/// time, each with Add. Adding and removing are <see cref="GroupMembers"/>'s, which refuse the root user and deleted users.
/// </summary>
public sealed class GroupModel(RosterDb db, TimeProvider time) : ConsolePage
{
    public const int PageSize = 50;
    public const int ResultsPerPage = 20;
    public const string FindField = "find";
    public const int MaxFindLength = 320;

    protected override string? RequiredFeature => CloudinaryFeatures.GroupsView;

    [BindProperty(SupportsGet = true, Name = FindField)]
    public string? Find { get; set; }

    [BindProperty(SupportsGet = true, Name = "fp")]
    public string? FindPageText { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageText { get; set; }

    [BindProperty(Name = "user_id")]
    public string? UserIdField { get; set; }

    public GroupHeading? Group { get; private set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public Pager Pager { get; private set; } = new("Members pages", 1, 1, null, null, "members-pager");

    public IReadOnlyList<Candidate>? Candidates { get; private set; }

    public Pager? FindPager { get; private set; }

    public string RouteId => RouteData.Values["id"] as string ?? "";

    public bool MayChange => May(CloudinaryFeatures.GroupsUpdate);

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

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!MayChange)
        {
            return Back("Your roles do not allow changing a group's members.", refusal: true);
        }
        if (await GroupPages.FindAsync(db, AccountId, RouteId, ct) is null)
        {
            return Page();
        }
        var added = await GroupMembers.RunAddAsync(AccountId, RouteId, GroupPages.CleanId(UserIdField), db, Actor.From(HttpContext), time, ct);
        return added.Succeeded
            ? Back($"{added.Value.Name} is a member of the group.")
            : Back(added.Error is ObjectNotFound ? "The account has no such user." : added.Error.Message, refusal: true);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!MayChange)
        {
            return Back("Your roles do not allow changing a group's members.", refusal: true);
        }
        if (await GroupPages.FindAsync(db, AccountId, RouteId, ct) is null)
        {
            return Page();
        }
        var userId = GroupPages.CleanId(UserIdField);
        var accountId = AccountId;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.AccountId == accountId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var removed = await GroupMembers.RunRemoveAsync(accountId, RouteId, userId, db, Actor.From(HttpContext), time, ct);
        return removed is null
            ? Back($"{name} is no longer a member of the group.")
            : Back(removed is ObjectNotFound ? "That user is not a member of the group." : removed.Message, refusal: true);
    }

    /// <summary>The page again (a redirect, so reloading posts nothing), with the search and the page as they were.</summary>
    private LocalRedirectResult Back(string message, bool refusal = false)
    {
        Flash(message, refusal);
        return LocalRedirect(Link(null, null));
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        Group = await GroupPages.FindAsync(db, AccountId, RouteId, ct);
        if (Group is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var groupId = Group.Id;
        var page = GroupPages.PageNumber(PageText, Group.Members, PageSize);
        Members = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .OrderBy(m => m.User!.NameNormalized).ThenBy(m => m.UserId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new MemberRow(m.UserId, new UserLabel(m.User!.Name, m.User.Email, m.User.IsRoot, m.User.Status == UserStatus.Inactive),
                m.User.Email, m.CreatedAt))
            .ToListAsync(ct);
        var count = GroupPages.PageCount(Group.Members, PageSize);
        Pager = new Pager("Members pages", page, count, page > 1 ? Link(page - 1, null) : null, page < count ? Link(page + 1, null) : null, "members-pager");
        if (MayChange && Find?.Trim() is { Length: > 0 } find)
        {
            await SearchAsync(groupId, find, ct);
        }
    }

    /// <summary>
    /// Live users of the account (not the root user) whose lower-cased name or e-mail address starts with the search: two
    /// ranges of the (account, name) and (account, e-mail) indexes, joined to the users, read a page of 20 at a time.
    /// </summary>
    private async Task SearchAsync(string groupId, string find, CancellationToken ct)
    {
        if (GroupPages.SearchProblem(find, MaxFindLength) is { } problem)
        {
            Errors[FindField] = $"The search {problem}.";
            return;
        }
        var accountId = AccountId;
        var prefix = Names.Normalize(find);
        var upper = prefix + "\U0010FFFF";
        var inAccount = db.Users.Where(u => u.AccountId == accountId);
        var matching = inAccount
            .Where(u => string.Compare(u.NameNormalized, prefix) >= 0 && string.Compare(u.NameNormalized, upper) < 0)
            .Select(u => u.Id)
            .Union(inAccount
                .Where(u => string.Compare(u.EmailNormalized, prefix) >= 0 && string.Compare(u.EmailNormalized, upper) < 0)
                .Select(u => u.Id));
        var page = int.TryParse(FindPageText, out var asked) ? Math.Clamp(asked, 1, int.MaxValue / ResultsPerPage) : 1;
        var found = await db.Users.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Status != UserStatus.Inactive && !u.IsRoot)
            .Join(matching, u => u.Id, id => id, (u, _) => u)
            .OrderBy(u => u.NameNormalized).ThenBy(u => u.Id)
            .Skip((page - 1) * ResultsPerPage).Take(ResultsPerPage + 1)
            .Select(u => new Candidate(u.Id, new UserLabel(u.Name, u.Email, u.IsRoot, false), u.Email,
                db.GroupMemberships.Any(m => m.GroupId == groupId && m.UserId == u.Id)))
            .ToListAsync(ct);
        Candidates = found.Take(ResultsPerPage).ToList();
        var more = found.Count > ResultsPerPage;
        FindPager = new Pager("Search results pages", page, null, page > 1 ? Link(null, page - 1) : null,
            more ? Link(null, page + 1) : null, "find-pager");
    }

    private string Link(int? page, int? findPage)
    {
        var query = new List<string>();
        if (Find?.Trim() is { Length: > 0 } find)
        {
            query.Add($"find={Uri.EscapeDataString(find)}");
            if ((findPage ?? (int.TryParse(FindPageText, out var fp) ? fp : 1)) is > 1 and var f)
            {
                query.Add($"fp={f}");
            }
        }
        if ((page ?? (int.TryParse(PageText, out var p) ? p : 1)) is > 1 and var m)
        {
            query.Add($"p={m}");
        }
        return GroupPages.Group(RouteId) + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
