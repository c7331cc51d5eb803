namespace Roster.Authorization.Cedar;

/// <summary>Parses Cedar policy text. (Stub: being written.)</summary>
public static class PolicyParser
{
    /// <summary>Every policy of the text, ids from <c>@id</c> or <c>policyN</c> by position. Throws <see cref="CedarParseException"/>.</summary>
    public static IReadOnlyList<Policy> ParsePolicies(string text) => throw new NotImplementedException();

    /// <summary>One expression (for evaluate). Throws <see cref="CedarParseException"/>.</summary>
    public static Expr ParseExpression(string text) => throw new NotImplementedException();

    /// <summary>An entity reference <c>Type::"id"</c>. Throws <see cref="CedarParseException"/>.</summary>
    public static EntityUid ParseEntityUid(string text) => throw new NotImplementedException();
}
