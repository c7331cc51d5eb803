using Roster.Authorization.Catalogue;

namespace Roster.Authorization.Permissions;

/// <summary>
/// An account's own Cedar policy, applied as written while enabled. <paramref name="ScopeId"/> is null
/// for account scope, a product-environment id, or <c>all</c>; a policy scoped to one product environment
/// is confined to it.
/// </summary>
public sealed record CustomPolicy(string Id, string Statement, ScopeType ScopeType, string? ScopeId, bool Enabled);
