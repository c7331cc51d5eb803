using System.CommandLine;
using System.Text.Json;
using Roster.Common;
using Roster.Authorization.Cedar;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar authorize</c>: one request's decision, with the policies that determined it and those that failed.</summary>
internal static class AuthorizeCommand
{
    public static Command Build()
    {
        var policies = CedarCommand.FileOption("--policies", "Cedar policy text; ids from @id(\"…\"), else policy0, policy1, … in order.", true, "-p");
        var entities = CedarCommand.FileOption("--entities", "Entities in Cedar's JSON entity format.", true);
        var request = CedarCommand.FileOption("--request-json", "The request: principal, action and resource as Type::\"id\" strings, and a context record.", true);
        var schema = CedarCommand.FileOption("--schema", "A schema in Cedar's schema syntax or JSON schema format: entities and the request must fit it.", false, "-s");
        var schemaFormat = SchemaInput.FormatOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: decision, reasons, errors." };
        var command = new Command("authorize", "Decide one request: prints ALLOW or DENY and why. Exit 0 allow, 2 deny, 1 unusable input.")
        {
            policies, entities, request, schema, schemaFormat, json,
        };
        command.SetAction(result => CedarCommand.Run(stdout => Run(stdout,
            result.GetValue(policies)!, result.GetValue(entities)!, result.GetValue(request)!, result.GetValue(schema), result.GetValue(schemaFormat), result.GetValue(json))));
        return command;
    }

    private static int Run(TextWriter stdout, string policiesPath, string entitiesPath, string requestPath, string? schemaPath, string? schemaFormat, bool json)
    {
        var schema = schemaPath is null ? null : SchemaInput.ReadFile(schemaPath, schemaFormat);
        var policySet = PolicyInput.Compile(PolicyInput.ReadFile(policiesPath));
        var store = EntityInput.ReadFile(entitiesPath, schema);
        var request = RequestInput.ReadFile(requestPath, schema);
        var response = policySet.IsAuthorized(request, store);
        if (json) WriteJson(stdout, response);
        else WriteText(stdout, response);
        return response.Decision == Decision.Allow ? CedarCommand.Success : CedarCommand.Negative;
    }

    internal static void WriteText(TextWriter stdout, AuthorizationResponse response)
    {
        stdout.WriteLine(response.Decision == Decision.Allow ? "ALLOW" : "DENY");
        stdout.WriteLine(response.Reasons.Count > 0
            ? $"reasons: {string.Join(", ", response.Reasons)}"
            : "reasons: none (no policy applied)");
        foreach (var error in response.Errors) stdout.WriteLine($"error in {error.PolicyId}: {error.Message}");
    }

    private static void WriteJson(TextWriter stdout, AuthorizationResponse response)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CedarCommand.JsonOutput))
        {
            writer.WriteStartObject();
            writer.WriteString("decision", response.Decision.Wire());
            writer.WriteStartArray("reasons");
            foreach (var reason in response.Reasons) writer.WriteStringValue(reason);
            writer.WriteEndArray();
            writer.WriteStartArray("errors");
            foreach (var error in response.Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("policy", error.PolicyId);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
