using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>
/// One account's compiled policies (see <see cref="AccountPolicyBuilder"/>): immutable, thread-safe, and
/// able to say which grant, role and policy allowed a request.
/// </summary>
public sealed class AccountPolicies
{
    internal AccountPolicies(
        string accountId,
        PolicySet policySet,
        IReadOnlyDictionary<string, PolicyOrigin> origins,
        IReadOnlyList<Grant> ignoredGrants,
        IReadOnlyList<string> problems)
    {
        AccountId = accountId;
        PolicySet = policySet;
        Origins = origins;
        IgnoredGrants = ignoredGrants;
        Problems = problems;
    }

    public string AccountId { get; }

    public PolicySet PolicySet { get; }

    /// <summary>Compiled policy id → where it came from.</summary>
    public IReadOnlyDictionary<string, PolicyOrigin> Origins { get; }

    /// <summary>Grants that have no effect: unknown role, or a role that does not fit the grant's scope or principal.</summary>
    public IReadOnlyList<Grant> IgnoredGrants { get; }

    /// <summary>What was left out while building (custom policies that do not parse, unknown policies in custom roles).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Decides whether the principal may do the action on the resource.</summary>
    /// <param name="action">A <see cref="Catalogue.CloudinaryActions"/> name, e.g. <c>read</c>.</param>
    public ExplainedDecision Authorize(RequestPrincipal principal, string action, RequestResource resource, RecordValue? context = null)
    {
        var (request, entities) = RequestEntities.Build(AccountId, principal, action, resource, context);
        return Authorize(request, entities);
    }

    /// <summary>Decides a request whose entities the caller built.</summary>
    public ExplainedDecision Authorize(AuthorizationRequest request, EntityStore entities)
    {
        var response = PolicySet.IsAuthorized(request, entities);
        var reasons = response.Reasons.Select(id => new DecisionReason(id, Origins[id])).ToList();
        return new ExplainedDecision(response.Decision, reasons, response.Errors);
    }
}
