using System.Collections.Frozen;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Permissions;

/// <summary>The system policies' statements, parsed once per process.</summary>
public static class SystemStatements
{
    private static readonly Lazy<FrozenDictionary<string, IReadOnlyList<Policy>>> _parsed = new(() =>
        CloudinaryCatalogue.SystemPolicies.ToFrozenDictionary(p => p.Id, p => PolicyParser.ParsePolicies(p.Statement), StringComparer.Ordinal));

    /// <summary>The parsed statement of a system policy, or null for an unknown id.</summary>
    public static IReadOnlyList<Policy>? Get(string systemPolicyId) => _parsed.Value.GetValueOrDefault(systemPolicyId);

    /// <summary>
    /// A system policy's statement with content parameters (<c>folder_id</c>, <c>collection_id</c>) filled in, for
    /// display: the same rewrite of the syntax tree a grant's policies get, printed back as Cedar. Without
    /// parameters, the catalogue's text as it is.
    /// </summary>
    public static string WithParameters(SystemPolicy policy, IReadOnlyDictionary<string, string>? parameters)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (parameters is null || parameters.Count == 0 || Get(policy.Id) is not { } statements)
        {
            return policy.Statement;
        }
        var values = parameters.ToDictionary(p => CloudinaryCatalogue.Placeholder(p.Key), p => p.Value, StringComparer.Ordinal);
        return PolicyPrinter.Print(statements.Select(s => PolicyRewriter.SubstituteParameters(s, values)));
    }
}
