using System.CommandLine;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar evaluate</c>: the value of one expression in a request's environment, in Cedar's syntax.</summary>
internal static class EvaluateCommand
{
    private const string ExpressionSource = "expression";

    public static Command Build()
    {
        var entities = CedarCommand.FileOption("--entities", "Entities in Cedar's JSON entity format (none when omitted).", false);
        var request = CedarCommand.FileOption("--request-json", "The request whose principal, action, resource and context the expression sees.", false);
        var schema = CedarCommand.FileOption("--schema", "A schema in Cedar's schema syntax or JSON schema format: entities and the request must fit it.", false, "-s");
        var schemaFormat = SchemaInput.FormatOption();
        var expression = new Argument<string>("EXPRESSION") { Description = "A Cedar expression, e.g. principal in Group::\"staff\"." };
        var command = new Command("evaluate", "Evaluate a Cedar expression; prints its value in Cedar's syntax. Exit 0 for a value, 2 for an evaluation error, 1 for unusable input.")
        {
            entities, request, schema, schemaFormat, expression,
        };
        command.SetAction(result => CedarCommand.Run(stdout =>
            Run(stdout, result.GetValue(expression)!, result.GetValue(entities), result.GetValue(request), result.GetValue(schema), result.GetValue(schemaFormat))));
        return command;
    }

    private static int Run(TextWriter stdout, string text, string? entitiesPath, string? requestPath, string? schemaPath, string? schemaFormat)
    {
        Expr expr;
        try
        {
            expr = PolicyParser.ParseExpression(text);
        }
        catch (CedarParseException e)
        {
            throw new CedarInputException(e.Diagnostics.Select(d => PolicyInput.Describe(ExpressionSource, d)).ToList());
        }
        var schema = schemaPath is null ? null : SchemaInput.ReadFile(schemaPath, schemaFormat);
        var store = entitiesPath is null ? EntityStore.Empty : EntityInput.ReadFile(entitiesPath, schema);
        AuthorizationRequest request;
        if (requestPath is not null)
        {
            request = RequestInput.ReadFile(requestPath, schema);
        }
        else
        {
            if (FirstVariable(expr) is { } variable)
            {
                var name = variable.Variable.ToString().ToLowerInvariant();
                throw new CedarInputException(CedarInputException.At(ExpressionSource, variable.Span.Line, variable.Span.Column,
                    $"the expression uses `{name}`: give the request with --request-json"));
            }
            // Never read: the expression names no request variable.
            var nobody = new EntityUid("__cedar", "");
            request = new AuthorizationRequest(nobody, nobody, nobody, RecordValue.Empty);
        }
        Value value;
        try
        {
            value = Evaluator.Evaluate(expr, request, store);
        }
        catch (CedarEvaluationException e)
        {
            stdout.WriteLine($"error: {e.Message}");
            return CedarCommand.Negative;
        }
        stdout.WriteLine(PolicyPrinter.Print(new Expr.Literal(value, SourceSpan.None)));
        return CedarCommand.Success;
    }

    private static Expr.Var? FirstVariable(Expr expr) => expr.SelfAndDescendants().OfType<Expr.Var>().FirstOrDefault();
}
