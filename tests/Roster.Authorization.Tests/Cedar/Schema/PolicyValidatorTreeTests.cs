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

    private static Expr Attr(Variable variable, string attribute) =>
        new Expr.GetAttr(new Expr.Var(variable, SourceSpan.None), attribute, _at);

    private static readonly ActionConstraint _viewPhoto = new ActionConstraint.Eq(new EntityUid("Action", "viewPhoto"), SourceSpan.None);

    [Fact]
    public void Validate_WellTypedPolicy_HasNoErrors()
    {
        var policy = Permit(new ScopeConstraint.Any(SourceSpan.None), _viewPhoto, new ScopeConstraint.Any(SourceSpan.None),
            new Expr.Binary(BinaryOp.Eq, Attr(Variable.Resource, "owner"), new Expr.Var(Variable.Principal, SourceSpan.None), SourceSpan.None));

        Assert.Empty(PolicyValidator.Validate([policy], _photos));
    }

    [Fact]
    public void Validate_ScopeOnUndeclaredEntityType_NamesTheTypeOnce()
    {
        var policy = Permit(new ScopeConstraint.Eq(new EntityUid("Usr", "alice"), _at), _viewPhoto, new ScopeConstraint.Any(SourceSpan.None));

        var error = Assert.Single(PolicyValidator.Validate([policy], _photos));

        Assert.Equal(new ValidationError("p", "unrecognized entity type `Usr` (did you mean `User`?)", _at), error);
    }

    [Fact]
    public void Validate_UndeclaredAttribute_NamesAttributeAndType()
    {
        var policy = Permit(new ScopeConstraint.Any(SourceSpan.None), _viewPhoto, new ScopeConstraint.Any(SourceSpan.None),
            new Expr.Binary(BinaryOp.Eq, Attr(Variable.Principal, "email"), new Expr.Literal(new StringValue("a@b.c"), SourceSpan.None), SourceSpan.None));

        var error = Assert.Single(PolicyValidator.Validate([policy], _photos));

        Assert.Equal("attribute `email` on entity type `User` not found", error.Message);
        Assert.Equal(_at, error.Span);
    }

    [Fact]
    public void Validate_SeveralPolicies_ReportsEachUnderItsId()
    {
        var good = Permit(new ScopeConstraint.Any(SourceSpan.None), _viewPhoto, new ScopeConstraint.Any(SourceSpan.None)) with { Id = "good" };
        var bad = Permit(new ScopeConstraint.Any(SourceSpan.None), new ActionConstraint.Eq(new EntityUid("Action", "view"), _at), new ScopeConstraint.Any(SourceSpan.None)) with { Id = "bad" };

        var errors = PolicyValidator.Validate([good, bad], _photos);

        Assert.Equal(["bad"], errors.Select(e => e.PolicyId));
        Assert.StartsWith("unrecognized action `Action::\"view\"`", errors[0].Message, StringComparison.Ordinal);
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
