using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Roster.Cli.Cedar;

/// <summary>
/// <c>roster cedar</c>: tools for policy authors, on Roster's Cedar engine and the Cedar command line's
/// file formats. Every subcommand reads files and prints to stdout; none builds the web host or opens a
/// database, so that they start fast in loops and CI.
/// </summary>
/// <remarks>
/// Exit status: 0 for a positive answer (allow, valid, parses, a value, formatted, all tests pass),
/// 1 for input that cannot be used (its message names the file, line and column), 2 for a negative answer
/// (deny, an evaluation error, text not formatted, a failed test), 3 for policies the schema rejects.
/// </remarks>
public static class CedarCommand
{
    public const int Success = 0;
    public const int Unusable = 1;
    public const int Negative = 2;
    public const int Invalid = 3;

    public static Command Build() => new("cedar", "Tools for Cedar policy authors: authorize, validate, check-parse, evaluate, format, policy test suites and schema translation.")
    {
        AuthorizeCommand.Build(),
        ValidateCommand.Build(),
        CheckParseCommand.Build(),
        EvaluateCommand.Build(),
        FormatCommand.Build(),
        TestCommand.Build(),
        TranslateSchemaCommand.Build(),
    };

    /// <summary>Runs a subcommand with a buffered stdout; unusable input is reported on stderr, never as a stack trace.</summary>
    internal static int Run(Func<TextWriter, int> command)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        try
        {
            return command(stdout);
        }
        catch (CedarInputException e)
        {
            stdout.Flush();
            foreach (var problem in e.Problems) Console.Error.WriteLine(problem);
            return Unusable;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of Roster's, not the user's: still one line, so that scripts and CI logs stay readable.
            stdout.Flush();
            Console.Error.WriteLine($"roster cedar: unexpected {e.GetType().Name}: {e.Message}");
            return Unusable;
        }
    }

    /// <summary>JSON output as people read it: quotes and backquotes in messages stay themselves, not \u escapes.</summary>
    internal static readonly JsonWriterOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static Option<string> FileOption(string name, string description, bool required, params string[] aliases) =>
        new(name, aliases) { Description = description, Required = required };
}
