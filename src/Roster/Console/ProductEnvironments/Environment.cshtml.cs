using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.ProductEnvironments;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>
/// One product environment (<c>/console/product-environments/{id}</c>): its details, and for those who may update it a
/// form to rename it and one to enable or disable it (a disabled environment's keys stop authenticating), each through
/// <see cref="UpdateProductEnvironment"/>.
/// </summary>
public sealed class ProductEnvironmentModel(RosterDb db, TimeProvider time) : ProductEnvironmentPage
{
    public const string NameField = "name";
    public const string EnabledField = "enabled";

    protected override string? RequiredFeature => CloudinaryFeatures.ProductEnvironmentsView;

    [BindProperty(Name = NameField)]
    public string? NewName { get; set; }

    [BindProperty(Name = EnabledField)]
    public string? EnabledText { get; set; }

    public int AccessKeys { get; private set; }

    private bool _nameTyped;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.ProductEnvironmentsUpdate))
        {
            return Refusal();
        }
        _nameTyped = true;
        if (DisplayName.Parse(NewName ?? "") is not { } name)
        {
            Errors[NameField] = $"The name {Names.Problem((NewName ?? "").Trim())}.";
            return Page();
        }
        var saved = await UpdateProductEnvironment.RunAsync(AccountId, Environment.Id, new ProductEnvironmentChanges(Name: name), db,
            Actor.From(HttpContext), time, ct);
        if (!saved.Succeeded)
        {
            return saved.Error is ObjectNotFound ? NotFoundPage() : Refused(saved.Error, NameField);
        }
        Flash($"The product environment is renamed {saved.Value.Name}.");
        return LocalRedirect(PathOf());
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.ProductEnvironmentsUpdate))
        {
            return Refusal();
        }
        bool? enabled = EnabledText switch { "true" => true, "false" => false, _ => null };
        if (enabled is null)
        {
            Errors[EnabledField] = "Choose whether to enable or disable the product environment.";
            return Page();
        }
        var saved = await UpdateProductEnvironment.RunAsync(AccountId, Environment.Id, new ProductEnvironmentChanges(Enabled: enabled), db,
            Actor.From(HttpContext), time, ct);
        if (!saved.Succeeded)
        {
            return saved.Error is ObjectNotFound ? NotFoundPage() : Refused(saved.Error, EnabledField);
        }
        Flash(saved.Value.Enabled
            ? $"{saved.Value.Name} is enabled: its access keys work again."
            : $"{saved.Value.Name} is disabled: its access keys no longer authenticate.");
        return LocalRedirect(PathOf());
    }

    private LocalRedirectResult Refusal()
    {
        Flash("Your roles do not allow changing product environments.", refusal: true);
        return LocalRedirect(PathOf());
    }

    protected override async Task DescribeAsync(CancellationToken ct)
    {
        if (Missing)
        {
            return;
        }
        if (!_nameTyped)
        {
            NewName = Environment.Name;
        }
        var id = Environment.Id;
        AccessKeys = await db.AccessKeys.CountAsync(k => k.ProductEnvironmentId == id, ct);
    }
}
