using System.Net.Mail;
using Roster.Common;

namespace Roster.Features.Users;

/// <summary>
/// A user's e-mail address, checked once where it enters Roster (any API, the console, SCIM). It is unique among
/// live users across every account, compared by <see cref="Normalized"/>: the database enforces that with the
/// filtered unique index <c>RosterDb.UniqueLiveEmail</c>, so two concurrent requests cannot both take an address
/// (the loser gets <see cref="EmailAlreadyTaken"/>).
/// </summary>
public readonly record struct EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    /// <summary>The address as given, trimmed.</summary>
    public string Value { get; }

    /// <summary>The lower-cased address that uniqueness and look-ups compare.</summary>
    public string Normalized => Normalize(Value);

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>The address, or null when <paramref name="text"/> is not one plain address (no display name, no spaces, a dotted host).</summary>
    public static EmailAddress? Parse(string text)
    {
        var email = text.Trim();
        return email.Length <= MaxLength && WireText.Problem(email) is null && !email.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.Host.Contains('.')
            ? new EmailAddress(email)
            : null;
    }

    public override string ToString() => Value;
}

public static class EmailAddressValues
{
    /// <summary>An e-mail address; null when not given, or (with the refusal recorded) when it is not a valid address.</summary>
    public static EmailAddress? Email(this RequestValues values, string parameter) =>
        values.String(parameter) is not { } text ? null
        : EmailAddress.Parse(text) is { } email ? email
        : values.Refuse<EmailAddress?>(values.Invalid(parameter, null, $"'{values.Full(parameter)}' must be a valid e-mail address."));

    /// <summary>An e-mail address that must be given.</summary>
    public static EmailAddress? RequiredEmail(this RequestValues values, string parameter)
    {
        if (values.Email(parameter) is { } email)
        {
            return email;
        }
        values.Refuse(new MissingFields(values.Full(parameter)));
        return null;
    }
}
