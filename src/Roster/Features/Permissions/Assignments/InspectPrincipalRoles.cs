using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Data;

namespace Roster.Features.Permissions;

public static class InspectPrincipalRoles
{
    public const int PageSize = 100;

    /// <summary>
    /// GET: the principals holding roles in a scope, each with its roles, a page of principals at a time.
    /// Filters: principal_type, principal_id, the content filters; paging: cursor.
    /// </summary>
    public static async Task<Results<Ok<PageResponse<InspectData>>, RosterError>> ListAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues query, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(query);
        var scopeType = input.ScopeType() ?? input.Missing("scope_type", ScopeType.Account);
        var scopeId = input.Id("scope_id");
        var principalType = input.PrincipalType();
        var principalId = input.Id("principal_id");
        var filters = ContentFilters.Read(input);
        var offset = DecodeCursor(input, input.String("cursor"));
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        if (await ScopeMissingAsync(db, accountId, scopeType, scopeId, ct) is { } missing)
        {
            return missing;
        }

        var assignments = InScope(db, accountId, scopeType, scopeId, filters);
        if (principalType is { } type)
        {
            assignments = assignments.Where(a => a.PrincipalType == type);
        }
        if (principalId is not null)
        {
            assignments = assignments.Where(a => a.PrincipalId == principalId);
        }
        var page = await assignments.Select(a => new { a.PrincipalType, a.PrincipalId }).Distinct()
            .OrderBy(p => p.PrincipalType).ThenBy(p => p.PrincipalId)
            .Skip(offset).Take(PageSize + 1).ToListAsync(ct);
        var principals = page.Take(PageSize).Select(p => new PrincipalRef(p.PrincipalType, p.PrincipalId)).ToList();
        var data = await RolesOfAsync(db, accountId, assignments, principals, filters, ct);
        var next = page.Count > PageSize ? EncodeCursor(offset + PageSize) : null;
        return TypedResults.Ok(new PageResponse<InspectData>(new InspectData(data.Where(p => p.Roles.Count > 0).ToList()), next));
    }

    /// <summary>POST: the roles the listed principals hold in a scope (each listed, with no roles if it holds none).</summary>
    public static async Task<Results<Ok<PageResponse<InspectData>>, RosterError>> InspectAsync(
        [FromRoute(Name = "account_id")] string accountId, RequestValues body, RosterDb db, CancellationToken ct)
    {
        var input = new PermissionsInput(body);
        var scopeType = input.ScopeType() ?? input.Missing("scope_type", ScopeType.Account);
        var scopeId = input.Id("scope_id");
        var items = input.RequiredObjects("principals", PageSize);
        var principals = items.Select(item =>
        {
            item.RequireAll("type", "id");
            return new PrincipalRef(item.PrincipalType("type").GetValueOrDefault(), item.RequiredId("id"));
        }).Distinct().ToList();
        var filters = new ContentFilters(input.StringMap("policy_parameters") is { Count: > 0 } p ? p : null);
        if (input.Error is { } invalid)
        {
            return invalid;
        }
        if (await ScopeMissingAsync(db, accountId, scopeType, scopeId, ct) is { } missing)
        {
            return missing;
        }
        for (var i = 0; i < principals.Count; i++)
        {
            var (_, notFound) = await Principals.FindAsync(db, accountId, principals[i].Type, principals[i].Id, $"principals[{i}].id", toHoldRoles: false, ct);
            if (notFound is not null)
            {
                return notFound;
            }
        }
        var data = await RolesOfAsync(db, accountId, InScope(db, accountId, scopeType, scopeId, filters), principals, filters, ct);
        return TypedResults.Ok(new PageResponse<InspectData>(new InspectData(data), null));
    }

    private static IQueryable<RoleAssignment> InScope(RosterDb db, string accountId, ScopeType scopeType, string? scopeId, ContentFilters filters)
    {
        var assignments = db.RoleAssignments.AsNoTracking().Where(a => a.AccountId == accountId).WhereScope(scopeType, scopeId);
        // Folder and collection are columns of their own, so these filters use an index.
        if (filters.Parameters?.GetValueOrDefault(CloudinaryCatalogue.FolderIdParameter) is { } folderId)
        {
            assignments = assignments.Where(a => a.FolderId == folderId);
        }
        if (filters.Parameters?.GetValueOrDefault(CloudinaryCatalogue.CollectionIdParameter) is { } collectionId)
        {
            assignments = assignments.Where(a => a.CollectionId == collectionId);
        }
        return assignments;
    }

    private static async Task<List<InspectedPrincipal>> RolesOfAsync(RosterDb db, string accountId, IQueryable<RoleAssignment> assignments,
        IReadOnlyList<PrincipalRef> principals, ContentFilters filters, CancellationToken ct)
    {
        var ids = principals.Select(p => p.Id).Distinct().ToList();
        var held = (await assignments.Where(a => ids.Contains(a.PrincipalId)).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct))
            .Where(a => filters.Match(a.Parameters()))
            .ToList();
        var roles = await RoleInfo.FindAllAsync(db, accountId, held.Select(a => a.RoleId), ct);
        return principals.Select(p => new InspectedPrincipal(p.Type.Wire(), p.Id,
            held.Where(a => a.PrincipalType == p.Type && a.PrincipalId == p.Id && roles.ContainsKey(a.RoleId))
                .Select(a => PrincipalRoleData.Of(roles[a.RoleId], a)).ToList())).ToList();
    }

    /// <summary>A product-environment scope must name one of the account's product environments.</summary>
    public static async Task<RosterError?> ScopeMissingAsync(RosterDb db, string accountId, ScopeType? scopeType, string? scopeId, CancellationToken ct)
    {
        if (scopeId is null)
        {
            return null;
        }
        if (scopeType == ScopeType.Account)
        {
            return new InvalidField("scope_id", scopeId, "An account scope takes no scope_id.");
        }
        if (scopeId == Roster.Authorization.Permissions.Grant.AllProductEnvironments)
        {
            return null;
        }
        return await db.ProductEnvironments.AnyAsync(p => p.AccountId == accountId && p.Id == scopeId, ct)
            ? null
            : new PermissionObjectNotFound("scope_id", scopeId, "product environment");
    }

    // The cursor is opaque to clients: the offset of the next page, base64-encoded.
    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    private static int DecodeCursor(PermissionsInput input, string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], out var offset) && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }
        return input.Invalid<int>("cursor", RequestValues.Shorten(cursor), "'cursor' must be a next_cursor value from a previous page.");
    }
}
