using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// The confirmation before an access key is deleted (<c>/console/product-environments/{id}/keys/{key}/delete</c>):
/// <see cref="DeleteAccessKey"/> removes it and the roles it held; whatever uses it stops authenticating.
/// </summary>
public sealed class DeleteProductEnvironmentKeyModel(RosterDb db, TimeProvider time) : ProductEnvironmentPage
{
    protected override string? RequiredKeyFeature => CloudinaryFeatures.ApiKeysDelete;

    [BindProperty(SupportsGet = true, Name = "key")]
    public string? ApiKey { get; set; }

    public KeyRow? Key { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayKeys(CloudinaryFeatures.ApiKeysDelete))
        {
            Flash("Your roles do not allow deleting access keys in this product environment.", refusal: true);
            return LocalRedirect(PathOf("/keys"));
        }
        if (!IsPlain(ApiKey, 32))
        {
            return Page();
        }
        var apiKey = ApiKey;
        var refused = await DeleteAccessKey.RunAsync(AccountId, Environment.Id, new AccessKeyRef(apiKey, null), db, Actor.From(HttpContext), time, ct);
        if (refused is ObjectNotFound)
        {
            return Page();
        }
        if (refused is not null)
        {
            Flash(refused.Message, refusal: true);
            return LocalRedirect(PathOf("/keys"));
        }
        Flash($"The access key {apiKey} is deleted.");
        return LocalRedirect(PathOf("/keys"));
    }

    protected override async Task DescribeAsync(CancellationToken ct)
    {
        if (Missing)
        {
            return;
        }
        var (id, apiKey) = (Environment.Id, ApiKey ?? "");
        Key = IsPlain(apiKey, 32)
            ? await db.AccessKeys.AsNoTracking().Where(k => k.ApiKey == apiKey && k.ProductEnvironmentId == id)
                .Select(k => new KeyRow(k.ApiKey, k.Name, k.Enabled, k.DedicatedFor, k.CreatedAt)).FirstOrDefaultAsync(ct)
            : null;
        if (Key is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
