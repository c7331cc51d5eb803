using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar.Evaluation;

public class EvaluatorTests
{
    private static readonly SourceSpan _at = SourceSpan.None;

    private static Value Evaluate(string expression) =>
        Evaluator.Evaluate(PolicyParser.ParseExpression(expression), CedarFixture.Request(), CedarFixture.Entities);

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("principal", "User::\"alice\"")]
    [InlineData("principal.name", "\"Alice\"")]
    [InlineData("context.rec.b", "{\"c\": \"deep\"}")]
    [InlineData("if context.flag then principal.manager else resource", "User::\"bob\"")]
    [InlineData("principal.address has city", "true")]
    [InlineData("ip(\"10.0.0.1\")", "ip(\"10.0.0.1\")")]
    [InlineData("decimal(\"1.50\")", "decimal(\"1.50\")")]
    [InlineData("[2, 2, 2]", "[2]")]
    public void Evaluate_Expression_GivesValue(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression).ToString());

    [Theory]
    [InlineData("principal.nope", "`User::\"alice\"` does not have the attribute `nope`")]
    [InlineData("9223372036854775807 + 1", "integer overflow while attempting to add the values `9223372036854775807` and `1`")]
    [InlineData("decimal(\"1.23456\")", "error while evaluating `decimal` extension function: too many digits after the decimal in `1.23456`")]
    public void Evaluate_Failing_ThrowsCedarsError(string expression, string message) =>
        Assert.Equal(message, Assert.Throws<CedarEvaluationException>(() => Evaluate(expression)).Message);

    [Fact]
    public void Evaluate_UnknownFunction_FailsAfterItsArguments()
    {
        Expr Call(Expr argument) => new Expr.FunctionCall("nosuch", [argument], _at);
        var request = CedarFixture.Request();
        var unknown = Assert.Throws<CedarEvaluationException>(() => Evaluator.Evaluate(Call(new Expr.Literal(new LongValue(1), _at)), request, CedarFixture.Entities));
        Assert.Equal("extension function `nosuch` does not exist", unknown.Message);
        var argumentFirst = Assert.Throws<CedarEvaluationException>(() => Evaluator.Evaluate(
            Call(new Expr.GetAttr(new Expr.Var(Variable.Principal, _at), "nope", _at)), request, CedarFixture.Entities));
        Assert.Equal("`User::\"alice\"` does not have the attribute `nope`", argumentFirst.Message);
    }

    [Fact]
    public void Evaluate_WrongArgumentCount_IsCedarsArityError()
    {
        var call = new Expr.FunctionCall("ip", [new Expr.Literal(new StringValue("1.2.3.4"), _at), new Expr.Literal(new StringValue("x"), _at)], _at);
        var e = Assert.Throws<CedarEvaluationException>(() => Evaluator.Evaluate(call, CedarFixture.Request(), CedarFixture.Entities));
        Assert.Equal("wrong number of arguments provided to extension function `ip`: expected 1, got 2", e.Message);
    }
}
