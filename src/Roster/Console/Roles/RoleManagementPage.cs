using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Authorization.Catalogue;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// The base of Role Management's pages. Role Management exists only on Roles and Permissions accounts: on a legacy account
/// every one of its paths answers 404 (the navigation has no link to it either), whoever asks. Elsewhere the page needs
/// <see cref="CloudinaryFeatures.RolesView"/>, and each handler checks its own feature again.
/// </summary>
public abstract class RoleManagementPage : ConsolePage
{
    protected override string? RequiredFeature => Shell.HasRoleManagement ? CloudinaryFeatures.RolesView : null;

    /// <summary>Why the page answers 404 (no such role, policy, or no Role Management at all); the page shows only this.</summary>
    public string? Missing { get; private set; }

    /// <summary>
    /// Whether the pages offer custom roles and custom policies (the Enterprise plan's). Only what is offered depends on it:
    /// the use cases refuse the rest themselves, with <see cref="CustomRefusal"/>.
    /// </summary>
    public bool HasCustom => CustomPermissions.Allowed(Shell.Plan);

    public static string CustomRefusal => CustomPermissions.Message;

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, () =>
        {
            if (Shell.HasRoleManagement && context.HandlerMethod is not null)
            {
                return next();
            }
            // Note: a handler name the page does not have finds no handler; it is answered as a page that does not exist.
            context.Result = NotHere(Shell.HasRoleManagement
                ? "There is no such page in Role Management."
                : "This account uses the legacy permission system, which has no Role Management.");
            return Task.FromResult(new PageHandlerExecutedContext(PageContext, context.Filters, context.HandlerMethod, context.HandlerInstance) { Result = context.Result });
        });

    /// <summary>The page as a 404 saying <paramref name="why"/>: an unknown id, another account's id, or no Role Management.</summary>
    protected PageResult NotHere(string why)
    {
        Missing = why;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>A refusal of a handler whose feature the user lacks: the page again with the reason at the top.</summary>
    protected IActionResult Lacks(string what, string back)
    {
        Flash($"Your roles do not allow you to {what}.", refusal: true);
        return LocalRedirect(back);
    }

    /// <summary>
    /// The path of a role's page. Role pages live under <c>role/</c> so that no role id, whoever chose it, can be read as one
    /// of Role Management's own pages (<c>new</c>, <c>policies</c>, <c>explain</c>).
    /// </summary>
    public static string RolePath(string roleId) => $"{RolesPath}/{Uri.EscapeDataString(roleId)}";

    public const string RolesPath = ConsoleLinks.Roles + "/role";

    public const string PoliciesPath = ConsoleLinks.Roles + "/policies";
    public const string ExplainPath = ConsoleLinks.Roles + "/explain";
    public const string NewRolePath = ConsoleLinks.Roles + "/new";

    public static string PolicyPath(string policyId) => $"{PoliciesPath}/{Uri.EscapeDataString(policyId)}";

    /// <summary>The scope as a person reads it.</summary>
    public static string ScopeText(ScopeType scope, PermissionType permission, IReadOnlyList<string> parameters) => (scope, permission) switch
    {
        (ScopeType.Account, _) => "Account",
        (_, PermissionType.Global) => "Product environment",
        _ when parameters.Contains(CloudinaryCatalogue.CollectionIdParameter) => "Collection",
        _ => "Folder",
    };
}
