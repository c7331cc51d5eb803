using System.CommandLine;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar check-parse</c>: every parse error of a policy file, each with its line and column.</summary>
internal static class CheckParseCommand
{
    public static Command Build()
    {
        var policies = CedarCommand.FileOption("--policies", "Cedar policy text.", true, "-p");
        var command = new Command("check-parse", "Check that policies parse; lists every parse error with its position. Exit 0 when they parse, 1 otherwise.")
        {
            policies,
        };
        command.SetAction(result => CedarCommand.Run(stdout =>
        {
            var parsed = PolicyInput.ReadFile(result.GetValue(policies)!);
            stdout.WriteLine($"{parsed.Count} {(parsed.Count == 1 ? "policy parses" : "policies parse")}");
            return CedarCommand.Success;
        }));
        return command;
    }
}
