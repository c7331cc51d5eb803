using System.Text;

namespace Roster.Authorization.Cedar;

/// <summary>Cedar string literals: quoting for output.</summary>
public static class CedarString
{
    /// <summary>The value as a Cedar string literal, with quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case < 0x20 or 0x7f: sb.Append("\\u{").Append(rune.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('}'); break;
                default: sb.Append(rune.ToString()); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
