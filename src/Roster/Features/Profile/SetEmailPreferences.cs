using Roster.Common;
using Roster.Data;
using Roster.Features.Audit;
using Roster.Features.Users;
using Roster.Security;

namespace Roster.Features.Profile;

/// <summary>A mail a user may choose to get or not, by the name it has in <c>email_preferences</c>.</summary>
public sealed record EmailPreference(string Name, string Label, string Description);

/// <summary>
/// My Profile → E-mail preferences: the optional mails, each on or off, kept in the user's <c>email_preferences</c> as
/// <c>"on"</c> or <c>"off"</c> (the field the Provisioning API shows). The mails about the user's access — invitations,
/// password and address links, notices of changes — are not optional and are always sent.
/// </summary>
public static class SetEmailPreferences
{
    public const string On = "on";
    public const string Off = "off";

    /// <summary>The preferences a user can set, in the order My Profile shows them; a preference never set reads as off.</summary>
    public static readonly IReadOnlyList<EmailPreference> Known =
    [
        new("product_updates", "Product updates", "News about new features and changes in Roster."),
        new("usage_reports", "Usage reports", "Summaries of your account's users and activity."),
    ];

    /// <summary>Whether <paramref name="user"/> has <paramref name="name"/> on.</summary>
    public static bool IsOn(User user, string name) => user.EmailPreferences.GetValueOrDefault(name) == On;

    /// <summary>
    /// Sets each preference named in <paramref name="choices"/> on or off; preferences not named stay as they are, and so
    /// do values under other names (they may have come from elsewhere). An unknown name is refused.
    /// </summary>
    public static async Task<Outcome<User>> RunAsync(
        string userId, IReadOnlyDictionary<string, bool> choices, RosterDb db, Actor actor, TimeProvider time, CancellationToken ct)
    {
        if (choices.Keys.FirstOrDefault(name => Known.All(k => k.Name != name)) is { } unknown)
        {
            return new InvalidField("email_preferences", RequestValues.Shorten(unknown), "There is no e-mail preference of that name.");
        }
        var loaded = await ProfileUser.LoadAsync(db, userId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }
        var user = loaded.Value;
        var before = new Dictionary<string, string>(user.EmailPreferences, StringComparer.Ordinal);
        var after = new Dictionary<string, string>(user.EmailPreferences, StringComparer.Ordinal);
        foreach (var (name, on) in choices)
        {
            after[name] = on ? On : Off;
        }
        if (after.Count == before.Count && !after.Except(before).Any())
        {
            return user;
        }
        // Note: a new dictionary, not the one EF holds, so the JSON column is seen as changed.
        user.EmailPreferences = after;
        user.UpdatedAt = time.GetUtcNow();
        db.Audit(actor, time, user.AccountId, AuditAction.UserUpdate, "user", user.Id,
            new { email_preferences = before }, new { email_preferences = after });
        await db.SaveChangesAsync(ct);
        return user;
    }
}
