using System.Collections.Immutable;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>
/// What is known to exist when an expression is true: attributes proven by <c>has</c> and tags proven
/// by <c>hasTag</c>, each on an expression of a given shape (its text). Cedar's capability tracking.
/// </summary>
internal sealed class Capabilities
{
    public static readonly Capabilities None = new(ImmutableHashSet<string>.Empty);

    private readonly ImmutableHashSet<string> _facts;

    private Capabilities(ImmutableHashSet<string> facts) => _facts = facts;

    public static Capabilities Attribute(Expr target, string attribute) => new([AttributeKey(target, attribute)]);

    public static Capabilities Tag(Expr target, Expr key) => new([TagKey(target, key)]);

    public bool HasAttribute(Expr target, string attribute) => _facts.Contains(AttributeKey(target, attribute));

    public bool HasTag(Expr target, Expr key) => _facts.Contains(TagKey(target, key));

    public Capabilities Union(Capabilities other) =>
        other._facts.IsEmpty ? this : _facts.IsEmpty ? other : new(_facts.Union(other._facts));

    public Capabilities Intersect(Capabilities other) =>
        _facts.IsEmpty || other._facts.IsEmpty ? None : new(_facts.Intersect(other._facts));

    private static string AttributeKey(Expr target, string attribute) => $"attr {PolicyPrinter.Print(target)} {CedarString.Quote(attribute)}";

    private static string TagKey(Expr target, Expr key) => $"tag {PolicyPrinter.Print(target)} {PolicyPrinter.Print(key)}";
}

/// <summary>An expression's type (null when it could not be typed: the reason is already reported) and what it proves when true.</summary>
internal readonly record struct Typed(Ty? Type, Capabilities Proves)
{
    public static readonly Typed Unknown = new(null, Capabilities.None);

    public static Typed Of(Ty? type) => new(type, Capabilities.None);
}
