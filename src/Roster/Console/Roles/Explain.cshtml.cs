using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>One policy behind a decision, named for a person.</summary>
public sealed record ExplainedReason(string Title, string? Detail, string PolicyId);

/// <summary>
/// Explain access (<c>/console/roles/explain</c>): may this principal do this action on this resource? The form is read by
/// <see cref="AuthorizeInput"/> exactly as <c>POST …/permissions/authorize</c> reads its body, and answered by
/// <see cref="Decider.DecideAsync"/>, so the page says what the API says, with the policies that decided it.
/// </summary>
public sealed class ExplainModel(RosterDb db, Decider decider) : RoleManagementPage
{
    public const string FormSection = "form";

    public static IReadOnlyList<(string Value, string Text)> PrincipalTypes { get; } =
        [("user", "User"), ("group", "Group"), ("apiKey", "API key")];

    public static IReadOnlyList<string> ResourceTypes { get; } =
        ["Feature", "Account", "ProductEnvironment", "Folder", "Asset", "Collection", "UploadPreset", "UploadMapping", "Report", "User", "Group"];

    [BindProperty(SupportsGet = true, Name = "principal_type")]
    public string? PrincipalType { get; set; }

    [BindProperty(SupportsGet = true, Name = "principal_id")]
    public string? PrincipalId { get; set; }

    [BindProperty(SupportsGet = true, Name = "principal_search")]
    public string? PrincipalSearch { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true, Name = "resource_type")]
    public string? ResourceType { get; set; }

    [BindProperty(SupportsGet = true, Name = "resource_id")]
    public string? ResourceId { get; set; }

    [BindProperty(SupportsGet = true, Name = "product_environment_id")]
    public string? ProductEnvironmentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "ancestor_ids")]
    public string? AncestorIds { get; set; }

    [BindProperty(SupportsGet = true, Name = "find")]
    public string? Find { get; set; }

    [BindProperty(SupportsGet = true, Name = "decide")]
    public string? Decide { get; set; }

    public IReadOnlyList<PrincipalName>? Found { get; private set; }

    public PrincipalName? Chosen { get; private set; }

    public AuthorizeAnswer? Answer { get; private set; }

    public IReadOnlyList<ExplainedReason> Reasons { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> ProductEnvironments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var accountId = AccountId;
        ProductEnvironments = (await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
                .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(200).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        if (Find is not null)
        {
            if (string.IsNullOrWhiteSpace(PrincipalSearch))
            {
                Errors["principal_search"] = "Type the start of a name, e-mail address or API key to find a principal.";
            }
            else
            {
                Found = await PrincipalNames.SearchAsync(db, accountId, PrincipalSearch, ct);
            }
            return;
        }
        if (Decide is null)
        {
            return;
        }
        if (ReadQuery() is not { } query)
        {
            return;
        }
        if (ProductEnvironmentId is { Length: > 0 } environment && environment.Length <= PermissionIds.MaxLength
            && !ProductEnvironments.Any(p => p.Id == environment)
            && !await db.ProductEnvironments.AnyAsync(p => p.AccountId == accountId && p.Id == environment, ct))
        {
            Errors["product_environment_id"] = "This account has no product environment with that id.";
            return;
        }
        var answers = await decider.DecideAsync(accountId, [query], ct);
        if (!answers.Succeeded)
        {
            if (answers.Error is PermissionObjectNotFound { Name: "principal.id" })
            {
                Errors["principal_id"] = $"This account has no {Principals.Noun(query.PrincipalType)} with that id.";
            }
            else
            {
                Errors[FormSection] = answers.Error.Message;
            }
            return;
        }
        Answer = answers.Value[0];
        var names = await PrincipalNames.OfAsync(db, accountId, [(query.PrincipalType, query.PrincipalId)], ct);
        Chosen = names.GetValueOrDefault((query.PrincipalType, query.PrincipalId));
        Reasons = await ExplainAsync(accountId, Answer, ct);
    }

    /// <summary>This page's address with the form as it is and <paramref name="principal"/> as the principal.</summary>
    public string WithPrincipal(PrincipalName principal)
    {
        var values = new Dictionary<string, string?>
        {
            ["principal_type"] = principal.Type.Wire(), ["principal_id"] = principal.Id, ["action"] = ActionName,
            ["resource_type"] = ResourceType, ["resource_id"] = ResourceId, ["product_environment_id"] = ProductEnvironmentId,
            ["ancestor_ids"] = AncestorIds,
        };
        return ExplainPath + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToUriComponent();
    }

    /// <summary>The form as the authorize endpoint's body, read by its own reader; null (with errors at the fields) when refused.</summary>
    private AuthorizeQuery? ReadQuery()
    {
        var resource = new JsonObject { ["type"] = Blank(ResourceType) };
        if (Blank(ResourceId) is { } id)
        {
            resource["id"] = id;
        }
        if (Blank(ProductEnvironmentId) is { } environment)
        {
            resource["product_environment_id"] = environment;
        }
        var ancestors = (AncestorIds ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (ancestors.Length > 0)
        {
            resource["ancestor_ids"] = new JsonArray([.. ancestors.Select(a => (JsonNode)a)]);
        }
        var body = new JsonObject
        {
            ["principal"] = new JsonObject { ["type"] = Blank(PrincipalType), ["id"] = Blank(PrincipalId) },
            ["action"] = Blank(ActionName),
            ["resource"] = resource,
        };
        var read = AuthorizeInput.One(JsonSerializer.SerializeToElement(body));
        if (read.Succeeded)
        {
            return read.Value;
        }
        var (field, message) = read.Error switch
        {
            MissingFields missing => (missing.Names.FirstOrDefault() ?? "", "Fill this in: " + FieldText(missing.Names.FirstOrDefault() ?? "") + " is needed here."),
            InvalidField invalid => (invalid.Name, invalid.Message),
            var other => ("", other.Message),
        };
        Errors[FormField(field)] = message;
        return null;
    }

    private static string FormField(string wire) => wire switch
    {
        "principal.type" => "principal_type",
        "principal" or "principal.id" => "principal_id",
        "action" => "action",
        "resource.type" or "resource" => "resource_type",
        "resource.id" => "resource_id",
        "resource.product_environment_id" => "product_environment_id",
        "resource.ancestor_ids" => "ancestor_ids",
        _ => FormSection,
    };

    private static string FieldText(string wire) => FormField(wire) switch
    {
        "principal_type" => "the principal's type",
        "principal_id" => "the principal",
        "action" => "the action",
        "resource_type" => "the resource's type",
        "resource_id" => "the resource's id",
        "product_environment_id" => "the product environment",
        _ => wire,
    };

    private async Task<IReadOnlyList<ExplainedReason>> ExplainAsync(string accountId, AuthorizeAnswer answer, CancellationToken ct)
    {
        var roles = await RoleInfo.FindAllAsync(db, accountId, answer.Reasons.Select(r => r.RoleId).OfType<string>(), ct);
        var customIds = answer.Reasons.Select(r => r.CustomPolicyId).OfType<string>().Distinct().ToList();
        var custom = customIds.Count == 0 ? new Dictionary<string, string>()
            : await db.CustomPolicies.AsNoTracking().Where(p => p.AccountId == accountId && customIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var environments = ProductEnvironments.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        return answer.Reasons.Select(r =>
        {
            if (r.Description is { } fixedReason)
            {
                return new ExplainedReason(fixedReason, null, r.PolicyId);
            }
            if (r.CustomPolicyId is { } customId)
            {
                return new ExplainedReason("Custom policy " + (custom.GetValueOrDefault(customId) ?? customId), ScopeText(r, environments), r.PolicyId);
            }
            var role = r.RoleId is { } roleId ? roles.GetValueOrDefault(roleId)?.Name ?? roleId : "a role";
            var policy = r.SystemPolicyId is { } policyId ? CloudinaryCatalogue.FindPolicy(policyId)?.Name ?? policyId : null;
            var parameters = r.PolicyParameters.Count == 0 ? "" : " (" + string.Join(", ", r.PolicyParameters.Select(p => $"{p.Key} {p.Value}")) + ")";
            return new ExplainedReason(policy is null ? $"Role {role}" : $"{policy}, of the role {role}", ScopeText(r, environments) + parameters, r.PolicyId);
        }).ToList();
    }

    private static string ScopeText(AuthorizeReason reason, Dictionary<string, string> environments) => reason.ScopeId switch
    {
        null => "At account level",
        Grant.AllProductEnvironments => "In every product environment",
        { } id => "In the product environment " + (environments.GetValueOrDefault(id) ?? id),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
