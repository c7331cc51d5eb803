using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar;

/// <summary>Parses Cedar 4 policy text into the syntax tree of <see cref="Policy"/> and <see cref="Expr"/>.</summary>
/// <remarks>
/// Accepts what Cedar accepts, except policy templates (<c>?principal</c>, <c>?resource</c>), which Roster
/// does not use. Function and method names are kept as written; the evaluator decides which exist.
/// Every problem is reported with its line and column in one <see cref="CedarParseException"/>.
/// </remarks>
public static class PolicyParser
{
    /// <summary>Every policy of the text, ids from <c>@id</c> or <c>policyN</c> by position. Throws <see cref="CedarParseException"/>.</summary>
    public static IReadOnlyList<Policy> ParsePolicies(string text) => Parser.Run(text, p => p.ParsePolicies());

    /// <summary>One expression (for evaluate). Throws <see cref="CedarParseException"/>.</summary>
    public static Expr ParseExpression(string text) => Parser.Run(text, p => p.ParseSingleExpression());

    /// <summary>An entity reference <c>Type::"id"</c>. Throws <see cref="CedarParseException"/>.</summary>
    public static EntityUid ParseEntityUid(string text) => Parser.Run(text, p => p.ParseSingleEntityUid());
}
