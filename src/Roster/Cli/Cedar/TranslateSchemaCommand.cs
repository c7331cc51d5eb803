using System.CommandLine;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar translate-schema</c>: a schema from Cedar's schema syntax to its JSON schema format or back, as the Cedar command line does.</summary>
internal static class TranslateSchemaCommand
{
    private const string CedarToJson = "cedar-to-json";
    private const string JsonToCedar = "json-to-cedar";

    public static Command Build()
    {
        var direction = new Option<string>("--direction")
        {
            Description = "cedar-to-json: read the schema syntax, print JSON; json-to-cedar: read JSON, print the schema syntax.",
            Required = true,
        };
        direction.AcceptOnlyFromAmong(CedarToJson, JsonToCedar);
        var schema = CedarCommand.FileOption("--schema", "The schema to translate.", true, "-s");
        var command = new Command("translate-schema", "Translate a schema between Cedar's schema syntax and its JSON schema format. Exit 0, or 1 for unusable input.")
        {
            direction, schema,
        };
        command.SetAction(result => CedarCommand.Run(stdout =>
        {
            var path = result.GetValue(schema)!;
            if (result.GetValue(direction) == CedarToJson)
            {
                stdout.WriteLine(SchemaInput.ReadFile(path, SchemaInput.Cedar).ToJson());
                return CedarCommand.Success;
            }
            var source = JsonSource.Read(path, "schema");
            var parsed = SchemaInput.Read(source, source.Root, []);
            try
            {
                stdout.Write(parsed.ToCedar());
            }
            catch (CedarSchemaException e)
            {
                throw SchemaInput.Problems(source, [], e);
            }
            return CedarCommand.Success;
        }));
        return command;
    }
}
