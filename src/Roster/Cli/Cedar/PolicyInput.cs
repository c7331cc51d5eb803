using Roster.Authorization.Cedar;

namespace Roster.Cli.Cedar;

/// <summary>Policy text turned into policies, with every problem reported as <c>file:line:column: message</c>.</summary>
internal static class PolicyInput
{
    public static IReadOnlyList<Policy> ReadFile(string path) => Parse(InputFiles.ReadText(path, "policies"), path);

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names where it came from in messages.</summary>
    public static IReadOnlyList<Policy> Parse(string text, string file)
    {
        IReadOnlyList<Policy> policies;
        try
        {
            policies = PolicyParser.ParsePolicies(text);
        }
        catch (CedarParseException e)
        {
            throw new CedarInputException(e.Diagnostics.Select(d => Describe(file, d)).ToList());
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var policy in policies)
        {
            if (seen.Add(policy.Id)) continue;
            var span = policy.Annotations.FirstOrDefault(a => a.Key == "id")?.Span ?? policy.Span;
            duplicates.Add(CedarInputException.At(file, span.Line, span.Column, $"duplicate policy id `{policy.Id}`"));
        }
        if (duplicates.Count > 0) throw new CedarInputException(duplicates);
        return policies;
    }

    /// <summary>Compiles parsed policies (ids are unique by then).</summary>
    public static PolicySet Compile(IReadOnlyList<Policy> policies) => new(policies);

    public static string Describe(string file, CedarDiagnostic diagnostic) =>
        diagnostic.Span == SourceSpan.None
            ? $"{file}: {diagnostic.Message}"
            : CedarInputException.At(file, diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Message);
}
