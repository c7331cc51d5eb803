using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

/// <summary>
/// What a legacy account may not do through the Permissions API. Its users' access comes from their one
/// <c>role</c> string, groups carry only folder and collection access, and API keys are unrestricted in their
/// product environment; so global roles, custom roles, custom policies and any role for an API key are
/// refused until the account is migrated. The catalogue, the public endpoints, decisions and content
/// (folder and collection) assignments of users and groups keep working.
/// </summary>
public static class LegacyMode
{
    public const string Message =
        "This account uses the legacy permission system; migrate it first (POST /v2/accounts/{account_id}/permissions/migration).";

    public static NotAllowed Refusal(string? field = null, object? value = null) => new(Message, field, value);

    public static Task<bool> IsLegacyAsync(this RosterDb db, string accountId, CancellationToken ct) =>
        db.Accounts.AnyAsync(a => a.Id == accountId && a.PermissionSystem == PermissionSystem.Legacy, ct);

    /// <summary>
    /// Refuses, in a legacy account, a role for a principal unless it is a system folder or collection role
    /// held by a user or a group (a share). <paramref name="field"/> names the refused item.
    /// </summary>
    public static NotAllowed? Check(string roleId, PrincipalType principalType, string field) =>
        principalType is PrincipalType.User or PrincipalType.Group
        && CloudinaryCatalogue.FindRole(roleId) is { PermissionType: PermissionType.Content }
            ? null
            : Refusal(field, roleId);

    /// <summary>An endpoint filter for what a legacy account cannot use at all (custom roles and custom policies).</summary>
    public static async ValueTask<object?> RefuseInLegacyAccountsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("account_id") is string accountId
            && await http.RequestServices.GetRequiredService<RosterDb>().IsLegacyAsync(accountId, http.RequestAborted))
        {
            return Refusal();
        }
        return await next(context);
    }
}
