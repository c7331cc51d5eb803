using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;

namespace Roster.Features.Permissions;

/// <summary>A decision: allow or deny, the policies that decided it, and the policies that failed to evaluate.</summary>
public sealed record AuthorizeAnswer(string Decision, IReadOnlyList<AuthorizeReason> Reasons, IReadOnlyList<AuthorizeError> Errors);

/// <summary>
/// One policy behind a decision: the compiled policy, and the role, scope and system policy of the grant it came
/// from, or the custom policy. The root user and the provisioning key are answered without policies; their one
/// reason says so in <c>description</c>.
/// </summary>
public sealed record AuthorizeReason(
    string PolicyId,
    string? RoleId,
    string ScopeType,
    string? ScopeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SystemPolicyId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CustomPolicyId,
    IReadOnlyDictionary<string, string> PolicyParameters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null);

public sealed record AuthorizeError(string PolicyId, string Message);

public sealed record AuthorizeBatchAnswer(IReadOnlyList<AuthorizeAnswer> Data);

/// <summary>
/// <c>POST …/permissions/authorize</c> and <c>…/authorize/batch</c>: may this principal do this action on this
/// resource? Legacy and Roles and Permissions accounts go through the same engine; the account's policies are
/// compiled once per permissions version (<see cref="AuthorizeCache"/>), and a request costs one query for the
/// version and one for the principal (its groups, or its key's product environment).
/// </summary>
public static class Authorize
{
    public const string RootUserPolicy = "roster::root_user";
    public const string ProvisioningKeyPolicy = "roster::provisioning_key";
    public const string InactivePolicy = "roster::inactive_principal";
    public const string DisabledPolicy = "roster::disabled_principal";

    // A group is asked about as itself: its entity is built as the parent of this placeholder user, and the
    // request then names the group as the principal ("principal in Group" holds for the group itself).
    private const string GroupPlaceholderUser = "roster::group-principal";

    private static readonly IReadOnlyDictionary<string, string> _none = new Dictionary<string, string>();

    /// <summary>Decisions and the migration, on the Permissions API's account group.</summary>
    public static RouteGroupBuilder MapAuthorizeApi(this RouteGroupBuilder permissions)
    {
        permissions.MapPost("/authorize", HandleAsync)
            .WithTags("Permissions (v2): decisions")
            .WithSummary("Decide one request")
            .WithDescription("Body: principal {type: user, group, apiKey or provisioningKey; id}, action (read, or Cloudinary::Action::\"read\"), "
                + "resource {type: Folder, Asset, Collection, Feature, UploadPreset, UploadMapping, ProductEnvironment, Account, Report, User or Group; "
                + "id; product_environment_id; ancestor_ids: folder ids from the top folder down to the parent}, context {…}. "
                + "Answers {decision: allow or deny, reasons, errors}. The root user and the provisioning key hold everything.");
        permissions.MapPost("/authorize/batch", BatchAsync)
            .WithTags("Permissions (v2): decisions")
            .WithSummary("Decide up to 100 requests")
            .WithDescription("Body: requests [up to 100 bodies of /authorize]. Answers {data: [answers in order]}.");
        permissions.MapPost("/migration", MigratePermissions.HandleAsync)
            .WithTags("Permissions (v2): decisions")
            .WithSummary("Migrate a legacy account to Roles and Permissions (one way)")
            .WithDescription("Body: dry_run (default false). Answers {data: plan}: what every user, group and API key holds afterwards. "
                + "Without dry_run the assignments are written and the account switches to roles in one transaction; a migrated account answers 409.");
        return permissions;
    }

    public static async Task<Results<Ok<AuthorizeAnswer>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, HttpRequest request, RosterDb db, AuthorizeCache cache, CancellationToken ct)
    {
        var body = await AuthorizeInput.ReadBodyAsync(request, ct);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        using var document = body.Value;
        var query = AuthorizeInput.One(document.RootElement);
        if (!query.Succeeded)
        {
            return query.Error;
        }
        var (answers, error) = await DecideAsync(db, cache, accountId, [query.Value], ct);
        return answers is null ? error! : TypedResults.Ok(answers[0]);
    }

    public static async Task<Results<Ok<AuthorizeBatchAnswer>, RosterError>> BatchAsync(
        [FromRoute(Name = "account_id")] string accountId, HttpRequest request, RosterDb db, AuthorizeCache cache, CancellationToken ct)
    {
        var body = await AuthorizeInput.ReadBodyAsync(request, ct);
        if (!body.Succeeded)
        {
            return body.Error;
        }
        using var document = body.Value;
        var queries = AuthorizeInput.Batch(document.RootElement);
        if (!queries.Succeeded)
        {
            return queries.Error;
        }
        var (answers, error) = await DecideAsync(db, cache, accountId, queries.Value, ct);
        return answers is null ? error! : TypedResults.Ok(new AuthorizeBatchAnswer(answers));
    }

    /// <summary>The answers in order; an unknown principal refuses the whole request (404).</summary>
    public static async Task<(IReadOnlyList<AuthorizeAnswer>? Answers, RosterError? Error)> DecideAsync(
        RosterDb db, AuthorizeCache cache, string accountId, IReadOnlyList<AuthorizeQuery> queries, CancellationToken ct)
    {
        var head = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.PermissionsVersion, a.ApiKey }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return (null, new PermissionObjectNotFound("account_id", accountId, "account"));
        }
        var principals = new Dictionary<(PrincipalType, string), Principal>();
        foreach (var query in queries)
        {
            if (principals.ContainsKey((query.PrincipalType, query.PrincipalId)))
            {
                continue;
            }
            var principal = await ResolveAsync(db, accountId, head.ApiKey, query, ct);
            if (principal is null)
            {
                return (null, new PermissionObjectNotFound(query.Field + "principal.id", query.PrincipalId, query.PrincipalType.Wire()));
            }
            principals[(query.PrincipalType, query.PrincipalId)] = principal;
        }

        CompiledAccount? compiled = null;
        var answers = new List<AuthorizeAnswer>(queries.Count);
        foreach (var query in queries)
        {
            var principal = principals[(query.PrincipalType, query.PrincipalId)];
            if (principal.HoldsEverything is { } reason)
            {
                answers.Add(new AuthorizeAnswer("allow", [reason], []));
                continue;
            }
            if (principal.HoldsNothing is { } refusal)
            {
                answers.Add(new AuthorizeAnswer("deny", [refusal], []));
                continue;
            }
            compiled ??= await cache.GetAsync(accountId, head.PermissionsVersion, ct)
                ?? throw new InvalidOperationException($"Account {accountId} vanished while being compiled.");
            answers.Add(Decide(compiled, principal, query));
        }
        return (answers, null);
    }

    private static AuthorizeAnswer Decide(CompiledAccount compiled, Principal principal, AuthorizeQuery query)
    {
        ExplainedDecision decision;
        if (principal.Request is { } asked)
        {
            decision = compiled.Policies.Authorize(asked, query.Action, query.Resource, query.Context);
        }
        else
        {
            var (request, entities) = RequestEntities.Build(compiled.AccountId,
                new RequestPrincipal.User(GroupPlaceholderUser, [principal.GroupId!]), query.Action, query.Resource, query.Context);
            decision = compiled.Policies.Authorize(request with { Principal = RequestEntities.GroupUid(principal.GroupId!) }, entities);
        }
        return new AuthorizeAnswer(
            decision.IsAllowed ? "allow" : "deny",
            [.. decision.Reasons.Select(r => ReasonOf(compiled, r))],
            [.. decision.Errors.Select(e => new AuthorizeError(e.PolicyId, e.Message))]);
    }

    private static AuthorizeReason ReasonOf(CompiledAccount compiled, DecisionReason reason)
    {
        var origin = reason.Origin;
        if (origin.CustomPolicyId is { } custom)
        {
            var scope = compiled.CustomPolicyScopes.GetValueOrDefault(custom);
            return new AuthorizeReason(reason.PolicyId, null, scope?.ScopeType ?? ScopeType.Account.Wire(), scope?.ScopeId, null, custom, _none);
        }
        var grant = origin.GrantId is { } id ? compiled.GrantScopes.GetValueOrDefault(id) : null;
        return new AuthorizeReason(reason.PolicyId, origin.RoleId, grant?.ScopeType ?? ScopeType.Account.Wire(), grant?.ScopeId,
            origin.SystemPolicyId, null, grant?.PolicyParameters ?? _none);
    }

    /// <summary>Who asks: a request principal, a group, or one that holds everything; null when the account has no such principal.</summary>
    private sealed record Principal(RequestPrincipal? Request, string? GroupId, AuthorizeReason? HoldsEverything, AuthorizeReason? HoldsNothing = null);

    private static async Task<Principal?> ResolveAsync(RosterDb db, string accountId, string provisioningKey, AuthorizeQuery query, CancellationToken ct)
    {
        var id = query.PrincipalId;
        switch (query.PrincipalType)
        {
            case PrincipalType.User:
                var user = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId && u.Id == id)
                    .Select(u => new { u.IsRoot, u.Email, u.Enabled, u.Status, Groups = u.Memberships.Select(m => m.GroupId).ToList() })
                    .FirstOrDefaultAsync(ct);
                return user switch
                {
                    null => null,
                    { IsRoot: true } => new Principal(null, null, Fixed(RootUserPolicy, "The root user holds every permission of the account.")),
                    { Status: UserStatus.Inactive } => new Principal(null, null, null, Fixed(InactivePolicy, "The user was deleted; an inactive user holds nothing.")),
                    { Enabled: false } => new Principal(null, null, null, Fixed(DisabledPolicy, "The user is disabled; a disabled user holds nothing until enabled again.")),
                    _ => new Principal(new RequestPrincipal.User(id, user.Groups, user.Email), null, null),
                };
            case PrincipalType.Group:
                return await db.UserGroups.AnyAsync(g => g.AccountId == accountId && g.Id == id, ct) ? new Principal(null, id, null) : null;
            case PrincipalType.ApiKey:
                var key = await db.AccessKeys.Where(k => k.ApiKey == id)
                    .Join(db.ProductEnvironments.Where(p => p.AccountId == accountId), k => k.ProductEnvironmentId, p => p.Id,
                        (k, p) => new { ProductEnvironmentId = p.Id, k.Enabled })
                    .FirstOrDefaultAsync(ct);
                return key switch
                {
                    null => null,
                    { Enabled: false } => new Principal(null, null, null, Fixed(DisabledPolicy, "The API key is disabled; a disabled key holds nothing until enabled again.")),
                    _ => new Principal(new RequestPrincipal.ApiKey(id, key.ProductEnvironmentId), null, null),
                };
            case PrincipalType.ProvisioningKey:
                return id == provisioningKey
                    ? new Principal(null, null, Fixed(ProvisioningKeyPolicy, "The account's provisioning key holds every permission of the account."))
                    : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.PrincipalType, null);
        }
    }

    // Note: a disabled principal keeps its assignments (enabling it again restores them), so its refusal is
    // decided here, like the root user's and the provisioning key's allowance, not by the compiled policies.
    private static AuthorizeReason Fixed(string policyId, string description) =>
        new(policyId, null, ScopeType.Account.Wire(), null, null, null, _none, description);
}
