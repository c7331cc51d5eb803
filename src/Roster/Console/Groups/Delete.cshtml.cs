using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Authorization.Catalogue;
using Roster.Data;
using Roster.Features.Groups;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// Deleting a group (<c>/console/groups/{id}/delete</c>) after a confirmation that names it and its member count;
/// <see cref="DeleteGroup"/> revokes the roles it held in the same transaction.
/// </summary>
public sealed class GroupDeleteModel(RosterDb db, TimeProvider time) : ConsolePage
{
    protected override string? RequiredFeature => CloudinaryFeatures.GroupsDelete;

    public GroupHeading? Group { get; private set; }

    public string RouteId => RouteData.Values["id"] as string ?? "";

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var executed = await next();
            if (executed.Result is null or PageResult)
            {
                Group = await GroupPages.FindAsync(db, AccountId, RouteId, HttpContext.RequestAborted);
                if (Group is null)
                {
                    Response.StatusCode = StatusCodes.Status404NotFound;
                }
            }
            return executed;
        });

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.GroupsDelete))
        {
            Flash("Your roles do not allow deleting groups.", refusal: true);
            return LocalRedirect(ConsoleLinks.Groups);
        }
        if (await GroupPages.FindAsync(db, AccountId, RouteId, ct) is not { } group)
        {
            return Page();
        }
        if (await DeleteGroup.RunAsync(AccountId, group.Id, db, Actor.From(HttpContext), time, ct) is { } refused)
        {
            Flash(refused.Message, refusal: true);
            return LocalRedirect(ConsoleLinks.Groups);
        }
        Flash($"The group {group.Name} is deleted.");
        return LocalRedirect(ConsoleLinks.Groups);
    }
}
