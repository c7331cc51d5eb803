using System.Collections.Frozen;
using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;

namespace Roster.Authorization.Permissions;

/// <summary>The system policies' statements, parsed once per process.</summary>
internal static class SystemStatements
{
    private static readonly Lazy<FrozenDictionary<string, IReadOnlyList<Policy>>> _parsed = new(() =>
        CloudinaryCatalogue.SystemPolicies.ToFrozenDictionary(p => p.Id, p => PolicyParser.ParsePolicies(p.Statement), StringComparer.Ordinal));

    /// <summary>The parsed statement of a system policy, or null for an unknown id.</summary>
    public static IReadOnlyList<Policy>? Get(string systemPolicyId) => _parsed.Value.GetValueOrDefault(systemPolicyId);
}
