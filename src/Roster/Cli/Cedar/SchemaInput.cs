using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>
/// A schema in Cedar's JSON schema format or in its schema syntax (a <c>.cedarschema</c> file); each problem is
/// reported at its line and column (for JSON, at the place its JSON path names).
/// </summary>
/// <remarks>
/// Without <c>--schema-format</c> the content decides, whatever the file is called: a JSON schema is an object,
/// so a file whose first character after white space is <c>{</c> is JSON and any other is the schema syntax,
/// which never starts with <c>{</c> (it starts with a declaration, an annotation or a comment).
/// </remarks>
internal static class SchemaInput
{
    public const string Cedar = "cedar";
    public const string Json = "json";

    /// <summary><c>--schema-format cedar|json</c>, as in the Cedar command line; omitted, the file's content decides.</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--schema-format")
        {
            Description = "The schema's format: cedar (the schema syntax) or json. Omitted, a file starting with `{` is JSON, any other the schema syntax.",
        };
        option.AcceptOnlyFromAmong(Cedar, Json);
        return option;
    }

    /// <summary>Reads the schema file in <paramref name="format"/> (<c>cedar</c>, <c>json</c>, or null to decide by content).</summary>
    public static CedarSchema ReadFile(string path, string? format = null)
    {
        var bytes = InputFiles.ReadBytes(path, "schema");
        if (format == Json || (format is null && LooksLikeJson(bytes)))
        {
            var source = JsonSource.Parse(path, bytes);
            return Read(source, source.Root, []);
        }
        return ReadText(path, new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), LooksLikeJson(bytes));
    }

    /// <summary>True when the first character after white space (and a byte order mark) is <c>{</c>.</summary>
    internal static bool LooksLikeJson(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        foreach (var b in utf8)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{';
        }
        return false;
    }

    private static CedarSchema ReadText(string file, string text, bool looksLikeJson)
    {
        try
        {
            return CedarSchema.FromCedar(text);
        }
        catch (CedarSchemaException e)
        {
            // Only reachable with --schema-format cedar: say why a JSON file fails to read as the schema syntax.
            var hint = looksLikeJson ? " (the file starts with `{` as a JSON schema does: give --schema-format json, or leave the format out)" : "";
            throw new CedarInputException(e.Errors.Select((error, i) => error.Span is { } span
                ? CedarInputException.At(file, span.Line, span.Column, error.Message + (i == 0 ? hint : ""))
                : $"{file}: {error.Message}").ToList());
        }
    }

    /// <summary>The schema of <paramref name="element"/>, which sits at <paramref name="path"/> in <paramref name="source"/>.</summary>
    public static CedarSchema Read(JsonSource source, JsonElement element, IReadOnlyList<object> path)
    {
        try
        {
            return CedarSchema.FromJson(element.GetRawText());
        }
        catch (CedarSchemaException e)
        {
            throw Problems(source, path, e);
        }
    }

    /// <summary>The errors of a JSON schema at <paramref name="path"/> in <paramref name="source"/>, each at the line and column its JSON path names.</summary>
    public static CedarInputException Problems(JsonSource source, IReadOnlyList<object> path, CedarSchemaException e) =>
        new(e.Errors.Select(error =>
        {
            var (line, column) = source.Locate([.. path, .. Steps(error.Path)]);
            return CedarInputException.At(source.File, line, column, $"schema: {error.Message}");
        }).ToList());

    /// <summary>The steps of a path such as <c>$.Ns.entityTypes["my type"].shape[0]</c>.</summary>
    internal static List<object> Steps(string path)
    {
        var steps = new List<object>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '[')) end++;
                steps.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '"')
            {
                var close = i + 2;
                while (close < path.Length && path[close] != '"') close += path[close] == '\\' ? 2 : 1;
                if (close >= path.Length) break;
                using (var key = JsonDocument.Parse(path[(i + 1)..(close + 1)])) steps.Add(key.RootElement.GetString()!);
                i = close + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) break;
                steps.Add(index);
                i = end + 1;
            }
            else
            {
                break;
            }
        }
        return steps;
    }
}
