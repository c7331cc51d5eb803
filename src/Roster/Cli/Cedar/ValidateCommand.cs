using System.CommandLine;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar validate</c>: policies against a schema, every finding listed with its position.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var policies = CedarCommand.FileOption("--policies", "Cedar policy text.", true, "-p");
        var schema = CedarCommand.FileOption("--schema", "A schema in Cedar's schema syntax or JSON schema format.", true, "-s");
        var schemaFormat = SchemaInput.FormatOption();
        var command = new Command("validate", "Validate policies against a schema; lists every finding (warnings too: a policy that can never apply). Exit 0 when valid, 3 when not, 1 for unusable input.")
        {
            policies, schema, schemaFormat,
        };
        command.SetAction(result => CedarCommand.Run(stdout =>
        {
            var path = result.GetValue(policies)!;
            var parsedSchema = SchemaInput.ReadFile(result.GetValue(schema)!, result.GetValue(schemaFormat));
            var (errors, warnings) = PolicyValidator.Check(PolicyInput.ReadFile(path), parsedSchema);
            foreach (var error in errors)
                stdout.WriteLine(CedarInputException.At(path, error.Span.Line, error.Span.Column, $"{error.PolicyId}: {error.Message}"));
            foreach (var warning in warnings)
                stdout.WriteLine(CedarInputException.At(path, warning.Span.Line, warning.Span.Column, $"{warning.PolicyId}: warning: {warning.Message}"));
            if (errors.Count == 0)
            {
                stdout.WriteLine(warnings.Count switch
                {
                    0 => "policies are valid",
                    1 => "policies are valid, with 1 warning",
                    var n => $"policies are valid, with {n} warnings",
                });
                return CedarCommand.Success;
            }
            stdout.WriteLine(errors.Count == 1 ? "1 validation error" : $"{errors.Count} validation errors");
            return CedarCommand.Invalid;
        }));
        return command;
    }
}
