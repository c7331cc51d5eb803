using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// One access key of a product environment (<c>/console/product-environments/{id}/keys/{key}</c>): rename it, enable or
/// disable it, or make it the environment's webhook key, each through <see cref="UpdateAccessKey"/>. Its secret is not
/// shown: it was, once, when the key was generated.
/// </summary>
public sealed class ProductEnvironmentKeyModel(RosterDb db, TimeProvider time) : ProductEnvironmentPage
{
    public const string NameField = "name";
    public const string EnabledField = "enabled";
    public const string DedicatedField = "dedicated_for";

    protected override string? RequiredKeyFeature => CloudinaryFeatures.ApiKeysView;

    [BindProperty(SupportsGet = true, Name = "key")]
    public string? ApiKey { get; set; }

    [BindProperty(Name = NameField)]
    public string? NewName { get; set; }

    [BindProperty(Name = EnabledField)]
    public string? EnabledText { get; set; }

    [BindProperty(Name = DedicatedField)]
    public string? DedicatedFor { get; set; }

    public KeyRow? Key { get; private set; }

    private bool _nameTyped;

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        _nameTyped = true;
        if (string.IsNullOrWhiteSpace(NewName))
        {
            // Note: the API's "name" cannot be taken back to none; the console asks for one.
            Errors[NameField] = "Enter a name for the key.";
            return Task.FromResult<IActionResult>(Page());
        }
        if (DisplayName.Parse(NewName) is not { } name)
        {
            Errors[NameField] = $"The name {Names.Problem(NewName.Trim())}.";
            return Task.FromResult<IActionResult>(Page());
        }
        return UpdateAsync(new AccessKeyChanges(Name: name.Value), NameField, k => $"The key {k.ApiKey} is renamed {k.Name}.", ct);
    }

    public Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        bool? enabled = EnabledText switch { "true" => true, "false" => false, _ => null };
        if (enabled is null)
        {
            Errors[EnabledField] = "Choose whether to enable or disable the key.";
            return Task.FromResult<IActionResult>(Page());
        }
        return UpdateAsync(new AccessKeyChanges(Enabled: enabled), EnabledField,
            k => k.Enabled ? $"The key {k.ApiKey} is enabled." : $"The key {k.ApiKey} is disabled: it no longer authenticates.", ct);
    }

    public Task<IActionResult> OnPostDedicatedAsync(CancellationToken ct) =>
        UpdateAsync(new AccessKeyChanges(DedicatedFor: DedicatedFor?.Trim().ToLowerInvariant() ?? ""), DedicatedField,
            k => $"The key {k.ApiKey} is now the product environment's webhook key.", ct);

    private async Task<IActionResult> UpdateAsync(AccessKeyChanges changes, string field, Func<AccessKey, string> done, CancellationToken ct)
    {
        if (!MayKeys(CloudinaryFeatures.ApiKeysUpdate))
        {
            Flash("Your roles do not allow changing access keys in this product environment.", refusal: true);
            return LocalRedirect(PathOf("/keys"));
        }
        if (!IsPlain(ApiKey, 32))
        {
            return Page();
        }
        var saved = await UpdateAccessKey.RunAsync(AccountId, Environment.Id, ApiKey, changes, db, Actor.From(HttpContext), time, ct);
        if (!saved.Succeeded)
        {
            // Note: no such key here: the page says so (DescribeAsync finds none and answers 404).
            return saved.Error is ObjectNotFound ? Page() : Refused(saved.Error, field);
        }
        Flash(done(saved.Value));
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
            return;
        }
        if (!_nameTyped)
        {
            NewName = Key.Name;
        }
    }
}
