using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;
using Roster.Features.Permissions;
using Roster.Security;

namespace Roster.ConsolePages;

/// <summary>One problem of a Cedar statement, at its place when the validator names one.</summary>
public sealed record StatementProblem(int? Line, int? Column, string Message);

/// <summary>
/// The custom policy editor (<c>/console/roles/policies/{id}</c>, <c>new</c> to write one): name, description, scope and the
/// Cedar text. The text is checked by <see cref="PolicyStatements.Problems"/>, the validator the Permissions API uses,
/// before anything is saved; each problem is listed with its line and column next to the editor.
/// </summary>
public sealed partial class PolicyModel(RosterDb db, TimeProvider time) : RoleManagementPage
{
    public const string NewId = "new";
    public const string StatementField = "policy_statement";
    public const string ScopeField = "scope";
    public const string FormSection = "form";

    [BindProperty(SupportsGet = true, Name = "id")]
    public string Id { get; set; } = "";

    [BindProperty(Name = "name")]
    public string? Name { get; set; }

    [BindProperty(Name = "description")]
    public string? Description { get; set; }

    /// <summary><c>account</c>, <c>all</c> (every product environment) or a product environment's id.</summary>
    [BindProperty(Name = ScopeField)]
    public string? Scope { get; set; }

    [BindProperty(Name = StatementField)]
    public string? Statement { get; set; }

    [BindProperty(Name = "enabled")]
    public bool Enabled { get; set; }

    public bool Creating => Id == NewId;

    public CustomPolicy? Existing { get; private set; }

    public IReadOnlyList<StatementProblem> Problems { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> ProductEnvironments { get; private set; } = [];

    public bool ConfirmingDelete { get; private set; }

    public bool MayManage => HasCustom && May(CloudinaryFeatures.CustomPoliciesManage);

    public override Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
        base.OnPageHandlerExecutionAsync(context, async () =>
        {
            if (!May(CloudinaryFeatures.CustomPoliciesView))
            {
                context.Result = LocalRedirect(ConsoleLinks.Forbidden);
                return new PageHandlerExecutedContext(PageContext, context.Filters, context.HandlerMethod, context.HandlerInstance) { Result = context.Result };
            }
            var executed = await next();
            if (executed.Result is PageResult && Missing is null)
            {
                var accountId = AccountId;
                ProductEnvironments = (await db.ProductEnvironments.AsNoTracking().Where(p => p.AccountId == accountId)
                        .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(200).Select(p => new { p.Id, p.Name }).ToListAsync(HttpContext.RequestAborted))
                    .Select(p => (p.Id, p.Name)).ToList();
            }
            return executed;
        });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!HasCustom)
        {
            return Page();
        }
        if (Creating)
        {
            (Scope, Enabled) = ("account", true);
            return Page();
        }
        if (await FindAsync(ct) is not { } policy)
        {
            return PolicyMissing();
        }
        (Name, Description, Statement, Enabled) = (policy.Name, policy.Description, policy.Statement, policy.Enabled);
        Scope = policy.ScopeId ?? "account";
        return Page();
    }

    public async Task<IActionResult> OnGetDeleteAsync(CancellationToken ct)
    {
        var shown = await OnGetAsync(ct);
        ConfirmingDelete = Existing is not null && MayManage;
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.CustomPoliciesManage))
        {
            return Lacks("write custom policies", PoliciesPath);
        }
        if (!Creating && await FindAsync(ct) is null)
        {
            return PolicyMissing();
        }
        var body = new JsonObject { ["name"] = Name ?? "", ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description };
        var input = new PermissionsInput(RequestValues.FromJson(body));
        var name = input.Name("name");
        var description = input.Text("description", CustomPolicyRules.MaxDescription);
        if (input.Error is { } unreadable)
        {
            Errors[unreadable is InvalidField { Name: "description" } ? "description" : "name"] =
                unreadable is MissingFields ? "Give the policy a name." : unreadable.Message;
        }
        var statement = Statement ?? "";
        if (string.IsNullOrWhiteSpace(statement))
        {
            Errors[StatementField] = "Write the policy's Cedar statement.";
        }
        else if (PolicyStatements.Problems(statement) is { Count: > 0 } problems)
        {
            Problems = problems.Select(p => ProblemOf(p.CedarMessage)).ToList();
            Errors[StatementField] = problems.Count == 1 ? "The statement is not valid Cedar:" : $"The statement is not valid Cedar ({problems.Count} problems):";
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var (scopeType, scopeId) = Scope switch
        {
            null or "" or "account" => (ScopeType.Account, (string?)null),
            { } other => (ScopeType.Prodenv, other),
        };
        var definition = new PolicyDefinition(name, scopeType, scopeId, statement, description, Enabled);
        var actor = Actor.From(HttpContext);
        var saved = Creating
            ? await CreateCustomPolicy.RunAsync(db, AccountId, definition, actor, time, ct)
            : await UpdateCustomPolicy.RunAsync(db, AccountId, Id, definition, actor, time, ct);
        if (!saved.Succeeded)
        {
            return RefusedAt(saved.Error);
        }
        Flash($"The custom policy {saved.Value.Name} is saved.");
        return LocalRedirect(PolicyPath(saved.Value.Id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!May(CloudinaryFeatures.CustomPoliciesManage))
        {
            return Lacks("delete custom policies", PoliciesPath);
        }
        if (Creating || await FindAsync(ct) is not { } policy)
        {
            return PolicyMissing();
        }
        if (await DeleteCustomPolicy.RunAsync(db, AccountId, policy.Id, Actor.From(HttpContext), time, ct) is { } refused)
        {
            Errors[FormSection] = refused.Message;
            return Page();
        }
        Flash($"The custom policy {policy.Name} is deleted.");
        return LocalRedirect(PoliciesPath);
    }

    /// <summary>"3:14: message" as the validator writes it, read back into its parts.</summary>
    public static StatementProblem ProblemOf(string message) =>
        Position().Match(message) is { Success: true } m
            ? new StatementProblem(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value)
            : new StatementProblem(null, null, message);

    [GeneratedRegex(@"^(\d{1,9}):(\d{1,9}): (.*)$", RegexOptions.Singleline)]
    private static partial Regex Position();

    private async Task<CustomPolicy?> FindAsync(CancellationToken ct)
    {
        if (Id.Length is 0 or > PermissionIds.MaxLength)
        {
            return null;
        }
        var (accountId, id) = (AccountId, Id);
        Existing = await db.CustomPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId && p.Id == id, ct);
        return Existing;
    }

    private PageResult PolicyMissing() => NotHere("There is no such custom policy in this account.");

    private PageResult RefusedAt(RosterError error)
    {
        switch (error)
        {
            case InvalidPolicyStatement invalid:
                Problems = invalid.Errors.Select(e => ProblemOf(e.CedarMessage)).ToList();
                Errors[StatementField] = "The statement is not valid Cedar:";
                break;
            case InvalidField { Name: "scope_id" } or PermissionObjectNotFound { Name: "scope_id" }:
                Errors[ScopeField] = error.Message;
                break;
            case AlreadyExists { Name: "name" }:
                Errors["name"] = error.Message;
                break;
            default:
                Errors[FormSection] = error.Message;
                break;
        }
        return Page();
    }
}
