using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.AccessKeys;
using Roster.Features.ProductEnvironments;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>A secret shown once, on the page that answers the form that made it.</summary>
public sealed record NewSecret(string Name, string ApiKey, string ApiSecret);

/// <summary>
/// Create a product environment (<c>/console/product-environments/new</c>): a name and, if wanted, a cloud name (else one is
/// made from the name). <see cref="CreateProductEnvironment"/> makes it with its first access key, whose secret this
/// page's answer shows once, directly: it is never put in a cookie, and no page shows it again.
/// </summary>
public sealed class NewProductEnvironmentModel(RosterDb db, AccessKeySecrets secrets, TimeProvider time) : ConsolePage
{
    public const string NameField = "name";
    public const string CloudNameField = "cloud_name";

    protected override string? RequiredFeature => CloudinaryFeatures.ProductEnvironmentsCreate;

    [BindProperty(Name = NameField)]
    public string? Name { get; set; }

    [BindProperty(Name = CloudNameField)]
    public string? CloudName { get; set; }

    /// <summary>The product environment just created, and its first key with its secret.</summary>
    public EnvironmentSummary? Created { get; private set; }

    public NewSecret? FirstKey { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.ProductEnvironmentsCreate))
        {
            Flash("Your roles do not allow creating product environments.", refusal: true);
            return LocalRedirect(ConsoleLinks.ProductEnvironments);
        }
        var name = DisplayName.Parse(Name ?? "");
        if (name is null)
        {
            Errors[NameField] = $"The name {Names.Problem((Name ?? "").Trim())}.";
        }
        string? cloudName = null;
        if (!string.IsNullOrWhiteSpace(CloudName) && (cloudName = CloudNames.Parse(CloudName)) is null)
        {
            Errors[CloudNameField] = $"The cloud name {CloudNames.Rule}.";
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var created = await CreateProductEnvironment.RunAsync(
            AccountId, new NewProductEnvironment(name!.Value, cloudName), db, secrets, Actor.From(HttpContext), time, ct);
        if (!created.Succeeded)
        {
            return created.Error is NameAlreadyTaken && cloudName is not null
                ? Refused(new InvalidField(CloudNameField, null, "Has already been taken"), CloudNameField)
                : Refused(created.Error, NameField);
        }
        var product = created.Value;
        Created = new EnvironmentSummary(product.Id, product.Name, product.CloudName, product.Enabled, product.CreatedAt);
        FirstKey = product.AccessKeys.Select(k => new NewSecret(k.Name ?? "", k.ApiKey, secrets.Reveal(k))).FirstOrDefault();
        return Page();
    }
}
