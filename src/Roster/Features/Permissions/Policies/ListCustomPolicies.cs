using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class ListCustomPolicies
{
    public const int PageSize = 100;

    /// <summary>
    /// One scope's policies: scope_type (default account, as the clients document), scope_id (<c>all</c> or a
    /// product environment; required with prodenv); filter enabled; paging: cursor.
    /// </summary>
    public static async Task<Results<Ok<PageResponse<List<CustomPolicyData>>>, RosterError>> HandleAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        if (await CustomPermissions.RefusalAsync(db, accountId, ct) is { } notEnterprise)
        {
            return notEnterprise;
        }
        var input = new PermissionsInput(query);
        var scopeType = input.ScopeType() ?? ScopeType.Account;
        var scopeId = input.Id("scope_id");
        var enabled = input.Bool("enabled");
        var after = input.String("cursor") is { } cursor ? DecodeCursor(input, cursor) : null;
        if (scopeType == ScopeType.Prodenv && scopeId is null)
        {
            input.Missing<string?>("scope_id", null);
        }
        if (input.Error is { } unreadable)
        {
            return unreadable;
        }

        var (storedScopeId, invalid) = await CustomPolicyRules.ScopeIdAsync(db, accountId, scopeType, scopeId, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        var key = CustomPolicy.KeyOf(scopeType, storedScopeId);
        var policies = db.CustomPolicies.AsNoTracking().Where(p => p.AccountId == accountId && p.ScopeKey == key);
        if (enabled is { } on)
        {
            policies = policies.Where(p => p.Enabled == on);
        }
        if (after is not null)
        {
            // Ids are random, so the id order is a stable order that survives inserts between pages.
            policies = policies.Where(p => string.Compare(p.Id, after) > 0);
        }
        var page = await policies.OrderBy(p => p.Id).Take(PageSize + 1).ToListAsync(ct);
        var items = page.Take(PageSize).Select(CustomPolicyData.Of).ToList();
        var next = page.Count > PageSize ? Convert.ToBase64String(Encoding.UTF8.GetBytes("id:" + items[^1].Id)) : null;
        return TypedResults.Ok(new PageResponse<List<CustomPolicyData>>(items, next));
    }

    private static string? DecodeCursor(PermissionsInput input, string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("id:", StringComparison.Ordinal) && text.Length > 3 && text[3..].All(char.IsAsciiHexDigitLower))
            {
                return text[3..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }
        return input.Invalid<string>("cursor", RequestValues.Shorten(cursor), "'cursor' must be a next_cursor value from a previous page.");
    }
}
