using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// One generated test case: a policy set as Cedar text (ids <c>policy0…</c> by position), its entities in
/// Cedar's JSON entity format, and requests over them.
/// </summary>
/// <param name="MayNotParse">True when a policy was made from a deliberately doubtful construct, so the policy
/// set may be rejected; both engines must then agree on whether it parses.</param>
public sealed record CedarCase(int Number, string Policies, string EntitiesJson, IReadOnlyList<CedarCaseRequest> Requests, bool MayNotParse);

/// <summary>A request of a case; the context is a Cedar JSON record (with <c>__entity</c> and <c>__extn</c> escapes).</summary>
public sealed record CedarCaseRequest(EntityUid Principal, EntityUid Action, EntityUid Resource, string ContextJson);
