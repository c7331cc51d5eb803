namespace Roster.Authorization.Cedar.Schema;

/// <summary>A problem a policy has against a schema: which policy, what (in words a policy author knows), and where.</summary>
public sealed record ValidationError(string PolicyId, string Message, SourceSpan Span)
{
    public override string ToString() => $"{PolicyId} ({Span}): {Message}";
}

/// <summary>What validation found: errors make a policy invalid; warnings (a policy that can never apply) do not.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationError> Errors, IReadOnlyList<ValidationError> Warnings);

/// <summary>
/// Checks policies against a schema in the spirit of Cedar's strict validation: every entity type,
/// action and enumerated entity exists, and the conditions typecheck in every request the scope allows
/// (attributes declared, optional ones guarded by <c>has</c>, operands of the right types, extension calls
/// well-formed, conditions Bool). A scope that allows no request of the schema is a warning, as in Cedar 4:
/// such a policy is valid and never applies.
/// </summary>
public static class PolicyValidator
{
    /// <summary>Every error found, policy by policy in the given order, each policy's in text order; empty when all are valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(IEnumerable<Policy> policies, CedarSchema schema) => Check(policies, schema).Errors;

    /// <summary>Errors and warnings, policy by policy in the given order, each policy's in text order.</summary>
    public static ValidationResult Check(IEnumerable<Policy> policies, CedarSchema schema)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<ValidationError>();
        var warnings = new List<ValidationError>();
        foreach (var policy in policies)
        {
            errors.AddRange(ValidatePolicy(policy, schema, out var warning));
            if (warning is not null) warnings.Add(warning);
        }
        return new ValidationResult(errors, warnings);
    }

    private static IEnumerable<ValidationError> ValidatePolicy(Policy policy, CedarSchema schema, out ValidationError? warning)
    {
        var problems = new List<(string Message, SourceSpan Span)>();

        var scopeProblems = ReferenceChecker.CheckScope(policy, schema);
        problems.AddRange(scopeProblems);
        foreach (var condition in policy.Conditions)
            problems.AddRange(ReferenceChecker.CheckExpression(condition.Body, schema));

        var environments = RequestEnvironment.ForScope(policy, schema);
        // An unknown type or action in the scope already explains why nothing applies.
        warning = environments.Count == 0 && scopeProblems.Count == 0
            ? new ValidationError(policy.Id, "policy is impossible: unable to find an applicable action given the policy scope constraints; "
                + "no action of the schema applies to the principal and resource the scope allows, so the policy never applies", policy.Span)
            : null;

        foreach (var environment in environments)
            problems.AddRange(Typechecker.CheckConditions(policy, environment, schema));

        return problems
            .Distinct()
            .Select((p, order) => (p, order))
            .OrderBy(x => x.p.Span.Offset).ThenBy(x => x.order)
            .Select(x => new ValidationError(policy.Id, x.p.Message, x.p.Span))
            .ToList();
    }
}
