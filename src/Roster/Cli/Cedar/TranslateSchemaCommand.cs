using System.CommandLine;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar translate-schema</c>: a schema in Cedar's schema syntax printed in Cedar's JSON schema format, as the Cedar command line does.</summary>
internal static class TranslateSchemaCommand
{
    private const string CedarToJson = "cedar-to-json";
    private const string JsonToCedar = "json-to-cedar";

    public static Command Build()
    {
        var direction = new Option<string>("--direction")
        {
            Description = "cedar-to-json: read the schema syntax, print JSON. (json-to-cedar is not supported.)",
            Required = true,
        };
        direction.AcceptOnlyFromAmong(CedarToJson, JsonToCedar);
        var schema = CedarCommand.FileOption("--schema", "The schema to translate.", true, "-s");
        var command = new Command("translate-schema", "Translate a schema in Cedar's schema syntax to Cedar's JSON schema format. Exit 0, or 1 for unusable input.")
        {
            direction, schema,
        };
        command.SetAction(result => CedarCommand.Run(stdout =>
        {
            if (result.GetValue(direction) == JsonToCedar)
            {
                throw new CedarInputException(
                    "translate-schema: json-to-cedar is not supported: Roster reads both formats, so a JSON schema can be given to --schema as it is");
            }
            stdout.WriteLine(SchemaInput.ReadFile(result.GetValue(schema)!, SchemaInput.Cedar).ToJson());
            return CedarCommand.Success;
        }));
        return command;
    }
}
