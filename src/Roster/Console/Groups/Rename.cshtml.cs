using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Groups;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>Renaming a group (<c>/console/groups/{id}/rename</c>) through <see cref="UpdateGroup"/>: a taken name comes back at the field.</summary>
public sealed class GroupRenameModel(RosterDb db, TimeProvider time) : ConsolePage
{
    public const string NameField = "name";

    protected override string? RequiredFeature => CloudinaryFeatures.GroupsUpdate;

    [BindProperty(Name = NameField)]
    public string? Name { get; set; }

    public GroupHeading? Group { get; private set; }

    public string RouteId => RouteData.Values["id"] as string ?? "";

    private bool _typed;

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
                else if (!_typed)
                {
                    Name = Group.Name;
                }
            }
            return executed;
        });

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        _typed = true;
        if (!May(CloudinaryFeatures.GroupsUpdate))
        {
            Errors[NameField] = "Your roles do not allow renaming groups.";
            return Page();
        }
        if (await GroupPages.FindAsync(db, AccountId, RouteId, ct) is null)
        {
            return Page();
        }
        var text = Name?.Trim() ?? "";
        if (DisplayName.Parse(text) is not { } name)
        {
            Errors[NameField] = $"The name {Names.Problem(text)}.";
            return Page();
        }
        var renamed = await UpdateGroup.RunAsync(AccountId, RouteId, name, db, Actor.From(HttpContext), time, ct);
        if (!renamed.Succeeded)
        {
            return Refused(renamed.Error, NameField);
        }
        Flash($"The group is renamed {renamed.Value.Name}.");
        return LocalRedirect(GroupPages.Group(renamed.Value.Id));
    }
}
