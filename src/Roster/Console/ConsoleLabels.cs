using Roster.Features.Users;

namespace Roster.ConsolePages;

/// <summary>A user as the console names one anywhere (a table row, a group's members, a role's principals, the audit log).</summary>
public sealed record UserLabel(string Name, string Email, bool IsRoot, bool IsInactive);

/// <summary>The status labels people see on users, one spelling for every page.</summary>
public static class ConsoleLabels
{
    public const string Pending = "Pending";
    public const string Active = "Active";
    public const string PasswordReset = "Password reset";
    public const string Inactive = "Inactive";
    public const string Disabled = "Disabled";
    public const string Locked = "Locked";

    /// <summary>
    /// The user's labels: the status (Pending, Active, Password reset or Inactive), then Disabled and Locked where they
    /// apply. An inactive (deleted) user is Inactive and nothing else.
    /// </summary>
    public static IReadOnlyList<string> Status(UserStatus status, DateTimeOffset? passwordResetAt, bool enabled, DateTimeOffset? lockedUntil, DateTimeOffset now)
    {
        if (status == UserStatus.Inactive)
        {
            return [Inactive];
        }
        var labels = new List<string>(3) { status == UserStatus.Pending ? Pending : passwordResetAt is not null ? PasswordReset : Active };
        if (!enabled)
        {
            labels.Add(Disabled);
        }
        if (lockedUntil > now)
        {
            labels.Add(Locked);
        }
        return labels;
    }

    /// <summary>The CSS class of a label.</summary>
    public static string ClassOf(string label) => "label " + label.ToLowerInvariant().Replace(' ', '-');
}
