using System.Globalization;
using System.Text.Json;
using Roster.Authorization.Cedar.Schema;

namespace Roster.Cli.Cedar;

/// <summary>A schema in Cedar's JSON schema format; each problem is reported at the place its JSON path names.</summary>
internal static class SchemaInput
{
    public static CedarSchema ReadFile(string path)
    {
        var source = JsonSource.Read(path, "schema");
        return Read(source, source.Root, []);
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
            throw new CedarInputException(e.Errors.Select(error =>
            {
                var (line, column) = source.Locate([.. path, .. Steps(error.Path)]);
                return CedarInputException.At(source.File, line, column, $"schema: {error.Message}");
            }).ToList());
        }
    }

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
