namespace Roster.Common;

/// <summary>Display names: trimmed, non-empty, at most 255 characters, no control characters.</summary>
public static class Names
{
    public const int MaxLength = 255;

    public static string Required(RequestValues values, string parameter) =>
        Optional(values, parameter) ?? throw RequestValues.Bad($"'{parameter}' is required.");

    public static string? Optional(RequestValues values, string parameter)
    {
        var value = values.String(parameter);
        if (value is null)
        {
            return null;
        }
        value = value.Trim();
        if (value.Length == 0)
        {
            throw RequestValues.Bad($"'{parameter}' must not be blank.");
        }
        if (value.Length > MaxLength)
        {
            throw RequestValues.Bad($"'{parameter}' must be at most {MaxLength} characters.");
        }
        if (value.Any(char.IsControl))
        {
            throw RequestValues.Bad($"'{parameter}' must not contain control characters.");
        }
        return value;
    }
}
