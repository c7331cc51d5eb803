using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>Custom policy statements: Cedar text that parses and fits the catalogue's schema.</summary>
public static class PolicyStatements
{
    public const int MaxLength = 10_000;
    public const int MaxPolicies = 20;

    private static readonly CedarSchema _schema = CedarSchema.FromJson(CloudinaryCatalogue.SchemaJson);

    /// <summary>Every problem of the statement, each with its position ("line:column: message"); empty when it is valid.</summary>
    public static IReadOnlyList<CedarErrorItem> Problems(string statement)
    {
        if (statement.Length > MaxLength)
        {
            return [Item($"the statement is longer than {MaxLength} characters")];
        }
        IReadOnlyList<Policy> policies;
        try
        {
            policies = PolicyParser.ParsePolicies(statement);
        }
        catch (CedarParseException e)
        {
            return e.Diagnostics.Select(d => Item(d.ToString())).ToList();
        }
        if (policies.Count is 0 or > MaxPolicies)
        {
            return [Item($"the statement must hold 1 to {MaxPolicies} policies; it holds {policies.Count}")];
        }
        return PolicyValidator.Validate(policies, _schema)
            .Select(e => Item(e.Span == SourceSpan.None ? e.Message : $"{e.Span.Line}:{e.Span.Column}: {e.Message}"))
            .ToList();
    }

    /// <summary>The refusal listing the statement's Cedar errors; null when it is valid.</summary>
    public static InvalidPolicyStatement? Refusal(string statement) =>
        Problems(statement) is { Count: > 0 } problems
            ? new InvalidPolicyStatement(statement.Length > 200 ? statement[..200] + "…" : statement, problems)
            : null;

    private static CedarErrorItem Item(string message) => new(message, PermissionsErrorBody.InvalidCedarCode);
}
