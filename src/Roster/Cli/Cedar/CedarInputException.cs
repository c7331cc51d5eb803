namespace Roster.Cli.Cedar;

/// <summary>
/// Input that cannot be used: a file that cannot be read, malformed JSON, policies that do not parse,
/// entities that contradict themselves or the schema. Each line names the file, line and column.
/// </summary>
internal sealed class CedarInputException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public CedarInputException(string problem) : this([problem]) { }

    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary><c>file:line:column: message</c>, the form compilers use, so editors can jump to it.</summary>
    public static string At(string file, int line, int column, string message) => $"{file}:{line}:{column}: {message}";
}
