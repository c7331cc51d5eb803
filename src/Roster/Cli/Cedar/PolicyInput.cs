using Roster.Authorization.Cedar;

namespace Roster.Cli.Cedar;

/// <summary>Policy text turned into policies, with every problem reported as <c>file:line:column: message</c>.</summary>
internal static class PolicyInput
{
    public static IReadOnlyList<Policy> ReadFile(string path) => Parse(InputFiles.ReadText(path, "policies"), path);

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names where it came from in messages.</summary>
    public static IReadOnlyList<Policy> Parse(string text, string file)
    {
        // The parser also reports duplicate policy ids, so that what parses compiles.
        try
        {
            return PolicyParser.ParsePolicies(text);
        }
        catch (CedarParseException e)
        {
            throw new CedarInputException(e.Diagnostics.Select(d => Describe(file, d)).ToList());
        }
    }

    /// <summary>Compiles parsed policies (their ids are unique once parsed).</summary>
    public static PolicySet Compile(IReadOnlyList<Policy> policies) => new(policies);

    public static string Describe(string file, CedarDiagnostic diagnostic) =>
        diagnostic.Span == SourceSpan.None
            ? $"{file}: {diagnostic.Message}"
            : CedarInputException.At(file, diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Message);
}
