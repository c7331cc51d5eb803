using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One access key as the console lists it: never its secret.</summary>
public sealed record KeyRow(string ApiKey, string? Name, bool Enabled, string? DedicatedFor, DateTimeOffset CreatedAt);

/// <summary>
/// A product environment's access keys (<c>/console/product-environments/{id}/keys</c>), for users whose roles hold the API
/// keys features in that environment (decided there, not for the account). Generating a key
/// (<see cref="GenerateAccessKey"/>) answers with its secret on the page itself, once; the list never shows secrets.
/// </summary>
public sealed class ProductEnvironmentKeysModel(RosterDb db, AccessKeySecrets secrets, TimeProvider time) : ProductEnvironmentPage
{
    public const int PageSize = 50;
    public const string NameField = "name";

    protected override string? RequiredKeyFeature => CloudinaryFeatures.ApiKeysView;

    [BindProperty(Name = NameField)]
    public string? KeyName { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageText { get; set; }

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<KeyRow> Rows { get; private set; } = [];

    /// <summary>The key just generated, with its secret: only in the answer to the form that generated it.</summary>
    public NewSecret? Generated { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        if (!MayKeys(CloudinaryFeatures.ApiKeysCreate))
        {
            Flash("Your roles do not allow generating access keys in this product environment.", refusal: true);
            return LocalRedirect(PathOf("/keys"));
        }
        string? name = null;
        if (!string.IsNullOrWhiteSpace(KeyName))
        {
            if (DisplayName.Parse(KeyName) is not { } parsed)
            {
                Errors[NameField] = $"The name {Names.Problem(KeyName.Trim())}.";
                return Page();
            }
            name = parsed.Value;
        }
        var created = await GenerateAccessKey.RunAsync(AccountId, Environment.Id, name, enabled: true, db, secrets, Actor.From(HttpContext), time, ct);
        if (!created.Succeeded)
        {
            return created.Error is ObjectNotFound ? NotFoundPage() : Refused(created.Error, NameField);
        }
        Generated = new NewSecret(created.Value.Name ?? "", created.Value.ApiKey, secrets.Reveal(created.Value));
        KeyName = null;
        return Page();
    }

    protected override async Task DescribeAsync(CancellationToken ct)
    {
        if (Missing)
        {
            return;
        }
        PageNumber = int.TryParse(PageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 ? n : 1;
        var id = Environment.Id;
        var keys = db.AccessKeys.AsNoTracking().Where(k => k.ProductEnvironmentId == id);
        Total = await keys.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        Rows = await keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.ApiKey)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(k => new KeyRow(k.ApiKey, k.Name, k.Enabled, k.DedicatedFor, k.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The key's kebab menu: what the user may do with keys in this environment.</summary>
    public ActionsMenu MenuOf(KeyRow row)
    {
        var path = PathOf("/keys/" + Uri.EscapeDataString(row.ApiKey));
        var items = new List<MenuItem>();
        if (MayKeys(CloudinaryFeatures.ApiKeysUpdate))
        {
            items.Add(new("Rename", path + "#rename"));
            items.Add(new(row.Enabled ? "Disable" : "Enable", path + "#status"));
            if (row.DedicatedFor is null)
            {
                items.Add(new("Dedicate to webhooks", path + "#dedicated"));
            }
        }
        if (MayKeys(CloudinaryFeatures.ApiKeysDelete))
        {
            items.Add(new("Delete", path + "/delete", Destructive: true));
        }
        return new ActionsMenu("key-actions-" + row.ApiKey, "Actions for key " + (row.Name is { Length: > 0 } named ? $"{named} ({row.ApiKey})" : row.ApiKey), items);
    }

    public string PageLink(int page) => PathOf("/keys") + (page > 1 ? $"?p={page}" : "");
}
