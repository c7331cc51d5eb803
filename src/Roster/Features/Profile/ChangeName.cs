using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>A user's own names: the display name, which is required, and a first and last name, which null clears.</summary>
public sealed record NameChange(DisplayName Name, DisplayName? FirstName, DisplayName? LastName);

/// <summary>
/// My Profile → Name. The display name (<c>name</c>) is what lists, mails and the console show; the first and last name
/// (<c>first_name</c>, <c>last_name</c>) are kept beside it, as the Provisioning API keeps them, and may be left empty.
/// </summary>
public static class ChangeName
{
    public const string NameField = "name";
    public const string FirstNameField = "first_name";
    public const string LastNameField = "last_name";

    /// <summary>Why <paramref name="text"/> cannot be the form's <paramref name="field"/>; null when it can (an empty first or last name clears it).</summary>
    public static InvalidField? Refusal(string field, string? text)
    {
        var value = text?.Trim() ?? "";
        var label = field switch
        {
            FirstNameField => "The first name",
            LastNameField => "The last name",
            _ => "The name",
        };
        if (value.Length == 0)
        {
            return field == NameField ? new InvalidField(field, null, "Enter a name: it is how others see you in Roster.") : null;
        }
        return Names.Problem(value) is { } problem ? new InvalidField(field, null, $"{label} {problem}.") : null;
    }

    /// <summary>The change the form's three fields ask for, or the refusal of the first field that cannot be used.</summary>
    public static Outcome<NameChange> Read(string? name, string? firstName, string? lastName)
    {
        if ((Refusal(NameField, name) ?? Refusal(FirstNameField, firstName) ?? Refusal(LastNameField, lastName)) is { } refused)
        {
            return refused;
        }
        return new NameChange(DisplayName.Parse(name!)!.Value, Optional(firstName), Optional(lastName));
    }

    private static DisplayName? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : DisplayName.Parse(text);

    public static async Task<Outcome<User>> RunAsync(
        string userId, NameChange change, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        var user = loaded.Value;
        var (firstName, lastName) = (change.FirstName?.Value, change.LastName?.Value);
        if (user.Name == change.Name.Value && user.FirstName == firstName && user.LastName == lastName)
        {
            // Nothing changes: no write, and no audit event that records nothing.
            return user;
        }
        var before = UserSnapshot.Of(user);
        user.SetName(change.Name);
        user.FirstName = firstName;
        user.LastName = lastName;
        user.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, user.AccountId, AuditAction.UserUpdate, "user", user.Id, before, UserSnapshot.Of(user));
        await db.SaveChangesAsync(ct);
        return user;
    }
}
