using System.Text;
using System.Text.RegularExpressions;
using Roster.Common;

namespace Roster.Features.ProductEnvironments;

public static partial class CloudNames
{
    public const int MaxLength = 64;

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex Allowed();

    public const string Rule = "must be 1 to 64 letters, digits or underscores";

    /// <summary>The cloud name, trimmed; null when it is not 1 to 64 letters, digits or underscores.</summary>
    public static string? Parse(string cloudName)
    {
        cloudName = cloudName.Trim();
        return cloudName.Length is 0 or > MaxLength || !Allowed().IsMatch(cloudName) ? null : cloudName;
    }

    /// <summary>The key cloud names are unique by, across all accounts.</summary>
    public static string Normalize(string cloudName) => cloudName.ToLowerInvariant();

    /// <summary>A cloud name; null when not given, or (with the refusal recorded) when it breaks the rule.</summary>
    public static string? CloudName(this RequestValues values, string parameter) =>
        values.String(parameter) is not { } given ? null
        : Parse(given) ?? values.Refuse<string>(values.Invalid(parameter, RequestValues.Shorten(given), $"'{values.Full(parameter)}' {Rule}."));

    /// <summary>A readable, unique-enough name from the display name: "Web Shop" → "web_shop_3f9a1c0b".</summary>
    public static string Generate(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
            if (slug.Length >= 40) break;
        }
        var stem = slug.ToString().Trim('_');
        return $"{(stem.Length > 0 ? stem : "cloud")}_{Secrets.NewId()[..8]}";
    }
}
