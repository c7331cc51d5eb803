using System.Text;
using System.Text.RegularExpressions;
using Roster.Common;

namespace Roster.Features.ProductEnvironments;

public static partial class CloudNames
{
    public const int MaxLength = 64;

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex Allowed();

    public static string Validate(string cloudName)
    {
        cloudName = cloudName.Trim();
        if (cloudName.Length is 0 or > MaxLength || !Allowed().IsMatch(cloudName))
        {
            throw RequestValues.Bad($"'cloud_name' must be 1 to {MaxLength} letters, digits or underscores.");
        }
        return cloudName;
    }

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
