using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;

namespace Roster.Authorization.Tests.Permissions;

public class PolicyRewriterTests
{
    private static readonly SourceSpan _none = SourceSpan.None;
    private static readonly EntityUid _pe = new("Cloudinary::ProductEnvironment", "pe1");
    private static readonly EntityUid _placeholderFolder = new("Cloudinary::Folder", "{folder_id}");

    private static Policy Permit(ScopeConstraint resource, params Condition[] conditions) =>
        new("p", Effect.Permit, [], new ScopeConstraint.Any(_none), new ActionConstraint.Any(_none), resource, conditions, _none);

    [Fact]
    public void ConfineResource_OpenResource_BecomesResourceInScope()
    {
        var policy = PolicyRewriter.ConfineResource(Permit(new ScopeConstraint.Any(_none)), _pe);
        Assert.Equal(_pe, Assert.IsType<ScopeConstraint.In>(policy.Resource).Entity);
        Assert.Empty(policy.Conditions);
    }

    [Fact]
    public void ConfineResource_ResourceIsType_BecomesIsTypeInScope()
    {
        var policy = PolicyRewriter.ConfineResource(Permit(new ScopeConstraint.Is("Cloudinary::UploadPreset", _none)), _pe);
        var isIn = Assert.IsType<ScopeConstraint.IsIn>(policy.Resource);
        Assert.Equal(("Cloudinary::UploadPreset", _pe), (isIn.EntityType, isIn.Entity));
    }

    [Fact]
    public void ConfineResource_ResourceEqualsEntity_GainsAWhenResourceInScope()
    {
        var feature = new EntityUid("Cloudinary::Feature", "cld::global::api_keys::view");
        var policy = PolicyRewriter.ConfineResource(Permit(new ScopeConstraint.Eq(feature, _none)), _pe);
        Assert.Equal(feature, Assert.IsType<ScopeConstraint.Eq>(policy.Resource).Entity);
        var condition = Assert.Single(policy.Conditions);
        Assert.True(condition.IsWhen);
        var body = Assert.IsType<Expr.Binary>(condition.Body);
        Assert.Equal(BinaryOp.In, body.Op);
        Assert.Equal(Variable.Resource, Assert.IsType<Expr.Var>(body.Left).Variable);
        Assert.Equal(new EntityValue(_pe), Assert.IsType<Expr.Literal>(body.Right).Value);
    }

    [Fact]
    public void FillPrincipal_OpenPrincipal_BecomesTheGrantee()
    {
        var user = new ScopeConstraint.Eq(new EntityUid("Cloudinary::User", "u1"), _none);
        Assert.Equal(user, PolicyRewriter.FillPrincipal(Permit(new ScopeConstraint.Any(_none)), user).Principal);
    }

    [Fact]
    public void SubstituteParameters_PlaceholderInScopeAndConditions_IsReplacedEverywhere()
    {
        var condition = new Condition(false,
            new Expr.Binary(BinaryOp.Or,
                new Expr.Binary(BinaryOp.Eq, new Expr.Var(Variable.Resource, _none), new Expr.Literal(new EntityValue(_placeholderFolder), _none), _none),
                new Expr.MethodCall(new Expr.GetAttr(new Expr.Var(Variable.Resource, _none), "ancestor_ids", _none), "contains",
                    [new Expr.Literal(new StringValue("{folder_id}"), _none)], _none), _none), _none);
        var policy = PolicyRewriter.SubstituteParameters(
            Permit(new ScopeConstraint.IsIn("Cloudinary::Folder", _placeholderFolder, _none), condition),
            new Dictionary<string, string> { ["{folder_id}"] = "f1" });

        Assert.Equal("f1", Assert.IsType<ScopeConstraint.IsIn>(policy.Resource).Entity.Id);
        var or = Assert.IsType<Expr.Binary>(policy.Conditions[0].Body);
        Assert.Equal(new EntityValue(_placeholderFolder with { Id = "f1" }), Assert.IsType<Expr.Literal>(Assert.IsType<Expr.Binary>(or.Left).Right).Value);
        var contains = Assert.IsType<Expr.MethodCall>(or.Right);
        Assert.Equal(new StringValue("f1"), Assert.IsType<Expr.Literal>(contains.Arguments[0]).Value);
    }
}
