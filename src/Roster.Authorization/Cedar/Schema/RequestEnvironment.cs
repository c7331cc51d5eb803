namespace Roster.Authorization.Cedar.Schema;

/// <summary>One kind of request the schema allows: a principal type, an action, a resource type and the action's context.</summary>
internal sealed record RequestEnvironment(string PrincipalType, ActionDefinition Action, string ResourceType, RecTy Context)
{
    /// <summary>
    /// The environments a policy's scope can match: the actions its action constraint allows, each
    /// with the principal and resource types of its appliesTo that the principal and resource
    /// constraints allow. In the others the scope is false, so the conditions are never evaluated.
    /// </summary>
    public static List<RequestEnvironment> ForScope(Policy policy, CedarSchema schema)
    {
        var environments = new List<RequestEnvironment>();
        foreach (var action in schema.Actions.OrderBy(a => a.Uid.ToString(), StringComparer.Ordinal))
        {
            if (action.AppliesTo is not { } appliesTo || !ActionMatches(policy.Action, action.Uid, schema)) continue;
            var context = RecTy.FromSchema(appliesTo.Context);
            foreach (var principal in appliesTo.PrincipalTypes.Where(p => TypeMatches(policy.Principal, p, schema)))
            {
                foreach (var resource in appliesTo.ResourceTypes.Where(r => TypeMatches(policy.Resource, r, schema)))
                    environments.Add(new RequestEnvironment(principal, action, resource, context));
            }
        }
        return environments;
    }

    private static bool ActionMatches(ActionConstraint constraint, EntityUid action, CedarSchema schema) => constraint switch
    {
        ActionConstraint.Any => true,
        ActionConstraint.Eq eq => eq.Entity == action,
        ActionConstraint.In @in => schema.ActionsIn(@in.Entity).Contains(action),
        ActionConstraint.InList list => list.Entities.Any(group => schema.ActionsIn(group).Contains(action)),
        _ => throw new InvalidOperationException($"unexpected action constraint {constraint.GetType().Name}"),
    };

    private static bool TypeMatches(ScopeConstraint constraint, string type, CedarSchema schema) => constraint switch
    {
        ScopeConstraint.Any => true,
        ScopeConstraint.Eq eq => eq.Entity.Type == type,
        ScopeConstraint.In @in => schema.CanBeIn(type, @in.Entity.Type),
        ScopeConstraint.Is @is => @is.EntityType == type,
        ScopeConstraint.IsIn isIn => isIn.EntityType == type && schema.CanBeIn(type, isIn.Entity.Type),
        _ => throw new InvalidOperationException($"unexpected scope constraint {constraint.GetType().Name}"),
    };
}
