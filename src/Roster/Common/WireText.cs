namespace Roster.Common;

/// <summary>What no text field of any request may hold, whatever its other rules.</summary>
public static class WireText
{
    /// <summary>
    /// Why <paramref name="value"/> cannot be stored, as the end of a sentence about the field ("must not …"), or
    /// null when it can. Note: JSON can carry a lone UTF-16 surrogate (<c>"\ud800"</c>) that no database can store
    /// as text and no JSON writer writes back, and PostgreSQL refuses NUL in text.
    /// </summary>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "must not contain NUL characters";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode text (it holds an unpaired surrogate)";
            }
        }
        return null;
    }
}
