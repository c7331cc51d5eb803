using System.Text.Json.Serialization;

namespace Roster.Authorization.Cedar;

// The engine's public surface. Parsing: PolicyParser (text → Policy list, CedarParseException with
// positions). Entities: EntityStore (ancestors precomputed). Deciding: PolicySet.IsAuthorized.

/// <summary>A problem found in Cedar text (or Cedar JSON), with where it is.</summary>
public sealed record CedarDiagnostic(string Message, SourceSpan Span)
{
    public override string ToString() => Span == SourceSpan.None ? Message : $"{Span.Line}:{Span.Column}: {Message}";
}

/// <summary>Thrown when policy text does not parse; lists every problem found, with positions.</summary>
public sealed class CedarParseException(IReadOnlyList<CedarDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<CedarDiagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>An entity: its uid, attributes, direct parents and tags.</summary>
public sealed record Entity(
    EntityUid Uid,
    IReadOnlyDictionary<string, Value> Attributes,
    IReadOnlyCollection<EntityUid> Parents,
    IReadOnlyDictionary<string, Value>? Tags = null);

/// <summary>An authorization request; Context is a record (empty when there is none).</summary>
public sealed record AuthorizationRequest(EntityUid Principal, EntityUid Action, EntityUid Resource, RecordValue Context);

[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("deny")] Deny,
}

/// <summary>A policy whose evaluation failed; such a policy is skipped.</summary>
public sealed record AuthorizationError(string PolicyId, string Message);

/// <summary>
/// The answer: the decision, the determining policies (the satisfied forbids when denied by one,
/// the satisfied permits when allowed, none when nothing applied), and the policies that errored.
/// </summary>
public sealed record AuthorizationResponse(Decision Decision, IReadOnlyList<string> Reasons, IReadOnlyList<AuthorizationError> Errors);
