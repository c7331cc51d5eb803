using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Roster.Data;

namespace Roster.Features.Permissions;

/// <summary>The two ways an account's access can be decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PermissionSystem>))]
public enum PermissionSystem
{
    /// <summary>Roles and Permissions: roles of Cedar policies assigned to principals (every new account).</summary>
    [JsonStringEnumMemberName("roles")] Roles,

    /// <summary>One legacy role per user, as the Provisioning API's <c>role</c> field says.</summary>
    [JsonStringEnumMemberName("legacy")] Legacy,
}

/// <summary>Limits on the ids the Permissions API stores.</summary>
public static class PermissionIds
{
    public const int MaxLength = 255;
}

public static class PermissionsVersion
{
    /// <summary>
    /// Bumps the account's permissions version. Call it first inside the transaction of a change to roles,
    /// assignments or custom policies: it commits with the change, and the row lock it takes makes the
    /// account's permission changes wait for one another, so the checks that follow read settled data.
    /// </summary>
    public static Task BumpPermissionsVersionAsync(this RosterDb db, string accountId, CancellationToken ct) =>
        db.Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PermissionsVersion, a => a.PermissionsVersion + 1), ct);
}
