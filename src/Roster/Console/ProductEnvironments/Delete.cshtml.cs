using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.ProductEnvironments;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The confirmation before a product environment is deleted (<c>/console/product-environments/{id}/delete</c>): it names the
/// environment and what goes with it — its access keys, the users' access to it, the roles granted in it — which
/// <see cref="DeleteProductEnvironment"/> removes in one transaction.
/// </summary>
public sealed class DeleteProductEnvironmentModel(RosterDb db, TimeProvider time) : ProductEnvironmentPage
{
    protected override string? RequiredFeature => CloudinaryFeatures.ProductEnvironmentsDelete;

    public int AccessKeys { get; private set; }

    public int UsersWithAccess { get; private set; }

    public int RoleAssignments { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.ProductEnvironmentsDelete))
        {
            Flash("Your roles do not allow deleting product environments.", refusal: true);
            return LocalRedirect(ConsoleLinks.ProductEnvironments);
        }
        var refused = await DeleteProductEnvironment.RunAsync(AccountId, Environment.Id, db, Actor.From(HttpContext), time, ct);
        if (refused is ObjectNotFound)
        {
            return NotFoundPage();
        }
        if (refused is not null)
        {
            Flash(refused.Message, refusal: true);
            return LocalRedirect(PathOf("/delete"));
        }
        Flash($"{Environment.Name} ({Environment.CloudName}) is deleted, with its access keys.");
        return LocalRedirect(ConsoleLinks.ProductEnvironments);
    }

    protected override async Task DescribeAsync(CancellationToken ct)
    {
        if (Missing)
        {
            return;
        }
        var (id, accountId) = (Environment.Id, AccountId);
        AccessKeys = await db.AccessKeys.CountAsync(k => k.ProductEnvironmentId == id, ct);
        UsersWithAccess = await db.UserProductEnvironments.CountAsync(u => u.ProductEnvironmentId == id, ct);
        RoleAssignments = await db.RoleAssignments.CountAsync(a => a.AccountId == accountId && a.ScopeId == id, ct);
    }
}
