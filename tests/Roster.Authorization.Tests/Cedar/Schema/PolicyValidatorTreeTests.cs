using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Authorization.Tests.Cedar.Schema;

/// <summary>The validator on syntax trees built by hand: what the tests from policy text cannot reach.</summary>
public class PolicyValidatorTreeTests
{
    private static readonly CedarSchema _photos = CedarSchema.FromJson(SampleSchemas.Photos);
    private static readonly SourceSpan _at = new(3, 7, 40, 10);

    private static Policy Permit(ScopeConstraint principal, ActionConstraint action, ScopeConstraint resource, params Expr[] when) =>
        new("p", Effect.Permit, [], principal, action, resource,
            [.. when.Select(e => new Condition(true, e, SourceSpan.None))], new SourceSpan(1, 1, 0, 100));

    private static readonly ActionConstraint _viewPhoto = new ActionConstraint.Eq(new EntityUid("Action", "viewPhoto"), SourceSpan.None);

    [Fact]
    public void Validate_ActionScopeOnANonActionEntity_SaysTheScopeTakesActions()
    {
        // The parser refuses this text; a tree built in code can still hold it.
        var policy = Permit(new ScopeConstraint.Any(SourceSpan.None), new ActionConstraint.Eq(new EntityUid("User", "alice"), _at), new ScopeConstraint.Any(SourceSpan.None));

        var error = Assert.Single(PolicyValidator.Validate([policy], _photos));

        Assert.Equal(new ValidationError("p", "`User::\"alice\"` is not an action: the action scope takes entities of type Action", _at), error);
    }

    [Fact]
    public void Validate_LiteralSetValue_IsTypedLikeASetExpression()
    {
        // The parser may hand over a constant set as one literal value.
        var set = new Expr.Literal(new SetValue([new StringValue("a"), new StringValue("b")]), SourceSpan.None);
        var policy = Permit(new ScopeConstraint.Any(SourceSpan.None), _viewPhoto, new ScopeConstraint.Any(SourceSpan.None),
            new Expr.MethodCall(set, "contains", [new Expr.Literal(new LongValue(1), SourceSpan.None)], _at));

        var error = Assert.Single(PolicyValidator.Validate([policy], _photos));

        Assert.StartsWith("the types String and Long are not compatible", error.Message, StringComparison.Ordinal);
    }
}
