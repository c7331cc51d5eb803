using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Evaluation;

// Decisions on policies built as syntax trees: the index, forbid over permit, errors skipped.
public class PolicySetTests
{
    private static readonly SourceSpan _at = SourceSpan.None;
    private static readonly EntityUid _alice = new("User", "alice");
    private static readonly EntityUid _view = new("Action", "view");
    private static readonly EntityUid _doc = new("Doc", "d1");

    private static Policy P(string id, Effect effect, ScopeConstraint? principal = null, params Condition[] conditions) =>
        new(id, effect, [], principal ?? new ScopeConstraint.Any(_at), new ActionConstraint.Any(_at), new ScopeConstraint.Any(_at), conditions, _at);

    private static Condition When(Expr body) => new(true, body, _at);
    private static Condition Unless(Expr body) => new(false, body, _at);
    private static Expr Lit(Value v) => new Expr.Literal(v, _at);
    private static Expr Principal => new Expr.Var(Variable.Principal, _at);
    private static Expr Attr(Expr target, string name) => new Expr.GetAttr(target, name, _at);

    private static readonly EntityStore _entities = new([
        new Entity(_alice, new Dictionary<string, Value> { ["level"] = new LongValue(3) }, [new EntityUid("Group", "eng")]),
        new Entity(new EntityUid("Group", "eng"), new Dictionary<string, Value>(), [new EntityUid("Group", "staff")]),
    ]);

    private static AuthorizationResponse Decide(params Policy[] policies) =>
        new PolicySet(policies).IsAuthorized(new AuthorizationRequest(_alice, _view, _doc, RecordValue.Empty), _entities);

    [Fact]
    public void IsAuthorized_NoPolicies_DenyWithoutReasons()
    {
        var response = Decide();
        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Empty(response.Reasons);
        Assert.Empty(response.Errors);
    }

    [Fact]
    public void IsAuthorized_PermitAndForbid_ForbidWinsWithOnlyForbidsAsReasons()
    {
        var response = Decide(P("p1", Effect.Permit), P("f2", Effect.Forbid), P("f1", Effect.Forbid));
        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal(["f1", "f2"], response.Reasons);
    }

    [Fact]
    public void IsAuthorized_PolicyKeyedOnTransitiveGroup_Applies()
    {
        var response = Decide(
            P("viaStaff", Effect.Permit, new ScopeConstraint.In(new EntityUid("Group", "staff"), _at)),
            P("otherUser", Effect.Permit, new ScopeConstraint.Eq(new EntityUid("User", "bob"), _at)),
            P("typeOnly", Effect.Permit, new ScopeConstraint.Is("User", _at)),
            P("wrongType", Effect.Permit, new ScopeConstraint.IsIn("Admin", new EntityUid("Group", "eng"), _at)));
        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["typeOnly", "viaStaff"], response.Reasons);
    }

    [Fact]
    public void IsAuthorized_ErroringForbid_SkippedAndReported()
    {
        var response = Decide(
            P("p0", Effect.Permit, null, When(new Expr.Binary(BinaryOp.Less, Lit(new LongValue(1)), Attr(Principal, "level"), _at))),
            P("f0", Effect.Forbid, null, When(Attr(Principal, "missing"))),
            P("f1", Effect.Forbid, null, Unless(Lit(new LongValue(5)))));
        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["p0"], response.Reasons);
        Assert.Equal(
            [new AuthorizationError("f0", "`User::\"alice\"` does not have the attribute `missing`"), new AuthorizationError("f1", "type error: expected bool, got long")],
            response.Errors);
    }

    [Fact]
    public void Constructor_DuplicateId_Refused() =>
        Assert.Throws<ArgumentException>(() => new PolicySet([P("a", Effect.Permit), P("a", Effect.Forbid)]));
}
