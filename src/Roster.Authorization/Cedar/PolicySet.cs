namespace Roster.Authorization.Cedar;

/// <summary>Compiled policies, indexed by scope, that decide requests. Immutable and thread-safe. (Stub: being written.)</summary>
public sealed class PolicySet
{
    /// <summary>Compiles the policies once; policy ids must be unique.</summary>
    public PolicySet(IEnumerable<Policy> policies) => throw new NotImplementedException();

    public static PolicySet Parse(string text) => new(PolicyParser.ParsePolicies(text));

    public IReadOnlyList<Policy> Policies => throw new NotImplementedException();

    /// <summary>Cedar's decision: deny unless some permit is satisfied and no forbid is; erroring policies are skipped and reported.</summary>
    public AuthorizationResponse IsAuthorized(AuthorizationRequest request, EntityStore entities) => throw new NotImplementedException();
}
