using Roster.Authorization.Cedar.Evaluation;

namespace Roster.Authorization.Cedar;

/// <summary>Evaluates one expression in a request's environment.</summary>
public static class Evaluator
{
    /// <summary>The expression's value; throws <see cref="CedarEvaluationException"/> with Cedar's error.</summary>
    public static Value Evaluate(Expr expression, AuthorizationRequest request, EntityStore entities) =>
        Compiler.Compile(expression).Eval(new EvalEnv(request, entities));
}

/// <summary>A Cedar evaluation error (type error, missing attribute or entity, overflow, bad extension argument).</summary>
public sealed class CedarEvaluationException(string message) : Exception(message);
