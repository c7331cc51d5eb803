using System.CommandLine;
using Roster.Authorization.Cedar;
using Roster.Authorization.Cedar.Parsing;

namespace Roster.Cli.Cedar;

/// <summary><c>cedar format</c>: policy text in Roster's one canonical layout (see <see cref="PolicyFormatter"/>).</summary>
internal static class FormatCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "Cedar policy text; - reads stdin." };
        var check = new Option<bool>("--check") { Description = "Print nothing; exit 2 when the file is not formatted." };
        var write = new Option<bool>("--write", "-w") { Description = "Rewrite the file in place instead of printing." };
        var command = new Command("format", "Print Cedar policies in one canonical layout (comments kept). Exit 0, or 1 when they do not parse.")
        {
            file, check, write,
        };
        command.SetAction(result => CedarCommand.Run(stdout => Run(stdout, result.GetValue(file)!, result.GetValue(check), result.GetValue(write))));
        return command;
    }

    private static int Run(TextWriter stdout, string path, bool check, bool write)
    {
        var fromStdin = path == "-";
        var text = fromStdin ? Console.In.ReadToEnd() : InputFiles.ReadText(path, "policies");
        string formatted;
        try
        {
            formatted = PolicyFormatter.Format(text);
        }
        catch (CedarParseException e)
        {
            throw new CedarInputException(e.Diagnostics.Select(d => PolicyInput.Describe(fromStdin ? "stdin" : path, d)).ToList());
        }
        if (check)
        {
            if (formatted == text) return CedarCommand.Success;
            Console.Error.WriteLine($"{path}: not formatted");
            return CedarCommand.Negative;
        }
        if (write && !fromStdin)
        {
            if (formatted != text) File.WriteAllText(path, formatted);
            return CedarCommand.Success;
        }
        stdout.Write(formatted);
        return CedarCommand.Success;
    }
}
