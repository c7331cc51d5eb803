using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Common;
using Roster.Data;
using Roster.Features.Users;
using Roster.Observability;

namespace Roster.Features.Permissions;

/// <summary>A decision: allow or deny, the policies that decided it, and the policies that failed to evaluate.</summary>
public sealed record AuthorizeAnswer(Decision Decision, IReadOnlyList<AuthorizeReason> Reasons, IReadOnlyList<AuthorizeError> Errors);

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
/// How a decision is made: may this principal do this action on this resource? The one place every caller asks —
/// the Permissions API's <c>authorize</c> endpoints, and in process the console. Legacy and Roles and Permissions
/// accounts go through the same engine; the account's policies are compiled once per permissions version
/// (<see cref="AuthorizeCache"/>), and a request costs one query for the version and one per principal.
/// </summary>
public sealed class Decider(RosterDb db, AuthorizeCache cache)
{
    public const string RootUserPolicy = "roster::root_user";
    public const string ProvisioningKeyPolicy = "roster::provisioning_key";
    public const string InactivePolicy = "roster::inactive_principal";
    public const string DisabledPolicy = "roster::disabled_principal";

    // A group is asked about as itself: its entity is built as the parent of this placeholder user, and the
    // request then names the group as the principal ("principal in Group" holds for the group itself).
    private const string GroupPlaceholderUser = "roster::group-principal";

    private static readonly IReadOnlyDictionary<string, string> _none = new Dictionary<string, string>();

    /// <summary>The answers in order; an unknown principal refuses the whole request (404).</summary>
    public async Task<Outcome<IReadOnlyList<AuthorizeAnswer>>> DecideAsync(string accountId, IReadOnlyList<AuthorizeQuery> queries, CancellationToken ct)
    {
        var version = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => (long?)a.PermissionsVersion).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return new PermissionObjectNotFound("account_id", accountId, "account");
        }
        var principals = new Dictionary<(PrincipalType, string), Principal>();
        foreach (var query in queries)
        {
            if (principals.ContainsKey((query.PrincipalType, query.PrincipalId)))
            {
                continue;
            }
            if (await Principals.LookUpAsync(db, accountId, query.PrincipalType, query.PrincipalId, ct) is not { } facts)
            {
                return new PermissionObjectNotFound(query.Field + "principal.id", query.PrincipalId, query.PrincipalType.Wire());
            }
            var principal = Asking(facts);
            principals[(query.PrincipalType, query.PrincipalId)] = principal;
        }

        CompiledAccount? compiled = null;
        var answers = new List<AuthorizeAnswer>(queries.Count);
        foreach (var query in queries)
        {
            var principal = principals[(query.PrincipalType, query.PrincipalId)];
            if (principal.HoldsEverything is { } reason)
            {
                answers.Add(new AuthorizeAnswer(Decision.Allow, [reason], []));
                continue;
            }
            if (principal.HoldsNothing is { } refusal)
            {
                answers.Add(new AuthorizeAnswer(Decision.Deny, [refusal], []));
                continue;
            }
            compiled ??= await cache.GetAsync(accountId, version.Value, ct)
                ?? throw new InvalidOperationException($"Account {accountId} vanished while being compiled.");
            answers.Add(Decide(compiled, principal, query));
        }
        foreach (var (query, answer) in queries.Zip(answers))
        {
            RosterTelemetry.Decided(answer.Decision, query.PrincipalType);
        }
        return answers;
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
            decision.IsAllowed ? Decision.Allow : Decision.Deny,
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

    private static Principal Asking(PrincipalFacts facts) => facts switch
    {
        { Type: PrincipalType.ProvisioningKey } => new Principal(null, null, Fixed(ProvisioningKeyPolicy, "The account's provisioning key holds every permission of the account.")),
        { Type: PrincipalType.Group } => new Principal(null, facts.Id, null),
        { IsRoot: true } => new Principal(null, null, Fixed(RootUserPolicy, "The root user holds every permission of the account.")),
        { Status: UserStatus.Inactive } => new Principal(null, null, null, Fixed(InactivePolicy, "The user was deleted; an inactive user holds nothing.")),
        { Enabled: false, Type: PrincipalType.ApiKey } => new Principal(null, null, null, Fixed(DisabledPolicy,
            "The API key is disabled; a disabled key holds nothing until enabled again.")),
        { Enabled: false } => new Principal(null, null, null, Fixed(DisabledPolicy,
            "The user is disabled; a disabled user holds nothing until enabled again.")),
        { Type: PrincipalType.ApiKey } => new Principal(new RequestPrincipal.ApiKey(facts.Id, facts.ProductEnvironmentId!), null, null),
        _ => new Principal(new RequestPrincipal.User(facts.Id, facts.Groups, facts.Email), null, null),
    };

    // Note: a disabled principal keeps its assignments (enabling it again restores them), so its refusal is
    // decided here, like the root user's and the provisioning key's allowance, not by the compiled policies.
    private static AuthorizeReason Fixed(string policyId, string description) =>
        new(policyId, null, ScopeType.Account.Wire(), null, null, null, _none, description);
}
