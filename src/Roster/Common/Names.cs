namespace Roster.Common;

/// <summary>A display name that <see cref="Names.Problem"/> accepts, trimmed; use cases take names only in this form.</summary>
public readonly record struct DisplayName
{
    private DisplayName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The key the name is compared and searched by.</summary>
    public string Normalized => Names.Normalize(Value);

    public static DisplayName? Parse(string text) => Names.Problem(text.Trim()) is null ? new DisplayName(text.Trim()) : null;

    public override string ToString() => Value;
}

/// <summary>Display names (users, groups, product environments, roles, policies): trimmed, 1–255 characters, no control characters.</summary>
public static class Names
{
    public const int MaxLength = 255;

    /// <summary>The key a name is compared and searched by: trimmed and lower-cased (unique indexes and prefix search use it).</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    /// <summary>Why <paramref name="value"/> (already trimmed) cannot be a name, as the end of a sentence; null when it can.</summary>
    public static string? Problem(string value) =>
        value.Length == 0 ? "must not be blank"
        : value.Length > MaxLength ? $"must be at most {MaxLength} characters"
        : value.Any(char.IsControl) ? "must not contain control characters"
        : WireText.Problem(value);

    /// <summary>A name that must be given; null with the refusal recorded when it is missing or unusable.</summary>
    public static DisplayName? RequiredName(this RequestValues values, string parameter)
    {
        if (values.Name(parameter) is { } name)
        {
            return name;
        }
        values.Refuse(new MissingFields(values.Full(parameter)));
        return null;
    }

    /// <summary>A name, trimmed; null when not given, or (with the refusal recorded) when unusable.</summary>
    public static DisplayName? Name(this RequestValues values, string parameter)
    {
        if (values.String(parameter)?.Trim() is not { } value)
        {
            return null;
        }
        return Problem(value) is { } problem
            ? values.Refuse<DisplayName?>(values.Invalid(parameter, RequestValues.Shorten(value), $"'{values.Full(parameter)}' {problem}."))
            : DisplayName.Parse(value);
    }
}
