using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>A decision with the grants and policies behind it, and the policies that failed to evaluate.</summary>
public sealed record ExplainedDecision(Decision Decision, IReadOnlyList<DecisionReason> Reasons, IReadOnlyList<AuthorizationError> Errors)
{
    public bool IsAllowed => Decision == Decision.Allow;
}
