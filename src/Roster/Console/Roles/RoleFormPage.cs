using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Permissions;

namespace Roster.ConsolePages;

/// <summary>
/// What creating and editing a custom role share: its name, description and the system policies it is built from, shown as
/// a checklist of the policies of its scope (content policies name the parameters, such as folder_id, a holder is given
/// with). Name and description are read as the Permissions API reads them, so both refuse the same text.
/// </summary>
public abstract class RoleFormPage : RoleManagementPage
{
    public const string FormSection = "form";
    public const string PoliciesField = "system_policy_ids";

    /// <summary>The kinds of custom role, as the scope filter names them.</summary>
    public static IReadOnlyList<(string Value, string Text)> Kinds { get; } =
        [("account", "Account"), ("prodenv", "Product environment"), ("folder", "Folder"), ("collection", "Collection")];

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "description")]
    public string? Description { get; set; }

    [BindProperty(Name = PoliciesField)]
    public List<string>? PolicyIds { get; set; }

    /// <summary>account, prodenv, folder or collection.</summary>
    public string Kind { get; protected set; } = "account";

    public abstract bool Creating { get; }

    public IEnumerable<SystemPolicy> AvailablePolicies => CloudinaryCatalogue.SystemPolicies.Where(p => Fits(p, Kind));

    public bool Chosen(string policyId) => PolicyIds?.Contains(policyId) ?? false;

    public static (ScopeType Scope, PermissionType Permission) TypesOf(string kind) => kind switch
    {
        "account" => (ScopeType.Account, PermissionType.Global),
        "prodenv" => (ScopeType.Prodenv, PermissionType.Global),
        _ => (ScopeType.Prodenv, PermissionType.Content),
    };

    public static string KindOf(RoleInfo role) =>
        RoleManagementPage.ScopeText(role.ScopeType, role.PermissionType, role.PolicyParameters) switch
        {
            "Account" => "account",
            "Product environment" => "prodenv",
            "Collection" => "collection",
            _ => "folder",
        };

    public static string KindText(string kind) => Kinds.FirstOrDefault(k => k.Value == kind).Text ?? kind;

    /// <summary>
    /// The name and description as the Permissions API reads them; refusals are put at their fields. Null when one is refused.
    /// </summary>
    protected (string Name, string? Description)? ReadNameAndDescription()
    {
        var body = new JsonObject { ["name"] = Name ?? "", ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description };
        var input = new PermissionsInput(RequestValues.FromJson(body));
        var name = input.Name("name");
        var description = input.Text("description", RoleRules.MaxDescription);
        if (input.Error is { } refused)
        {
            Errors[FieldOf(refused)] = refused is MissingFields ? "Give the role a name." : refused.Message;
            return null;
        }
        return (name, description);
    }

    /// <summary>The policy ids as posted, once each; unknown ones are for the use case to refuse.</summary>
    protected List<string> ChosenPolicies() => (PolicyIds ?? []).Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Take(RoleRules.MaxPolicies + 1).ToList();

    /// <summary>The page again with a use case's refusal at its field.</summary>
    protected IActionResult RefusedAt(RosterError error)
    {
        Errors[FieldOf(error)] = error.Message;
        return Page();
    }

    private static string FieldOf(RosterError error) => error switch
    {
        InvalidField { Name: "name" or "description" or PoliciesField } f => f.Name,
        AlreadyExists { Name: "name" } => "name",
        MissingFields => "name",
        _ => FormSection,
    };

    private static bool Fits(SystemPolicy policy, string kind) => kind switch
    {
        "account" => policy.ScopeType == ScopeType.Account,
        "prodenv" => policy.ScopeType == ScopeType.Prodenv && policy.PermissionType == PermissionType.Global,
        "folder" => policy.PermissionType == PermissionType.Content && policy.PolicyParameters.Contains(CloudinaryCatalogue.FolderIdParameter),
        "collection" => policy.PermissionType == PermissionType.Content && policy.PolicyParameters.Contains(CloudinaryCatalogue.CollectionIdParameter),
        _ => false,
    };
}
