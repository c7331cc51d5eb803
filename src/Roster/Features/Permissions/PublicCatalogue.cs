using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Roster.Authorization.Catalogue;
using Roster.Common;

namespace Roster.Features.Permissions;

/// <summary>The unauthenticated endpoints: the catalogue of system roles and policies, and the Cedar schema.</summary>
public static class PublicCatalogue
{
    private static readonly CatalogueResponse _catalogue = new(new CatalogueData(
        CloudinaryCatalogue.SystemPolicies.Select(SystemPolicyData.Of).ToList(),
        CloudinaryCatalogue.SystemRoles.Select(r => new CatalogueRole(RoleData.Of(RoleInfo.Of(r)), r.PolicyIds)).ToList(),
        CloudinaryCatalogue.AccessBundles.Select(b => new CatalogueBundle(b.Id, b.Name, b.Description, b.AccountRoleId, b.ProductEnvironmentRoleId)).ToList()));

    private static readonly SchemaResponse _schema = new(JsonDocument.Parse(CloudinaryCatalogue.SchemaJson).RootElement.Clone());

    public static CatalogueResponse Catalogue() => _catalogue;

    public static SchemaResponse Schema() => _schema;

    /// <summary><c>{"policy":"…"}</c>: whether the Cedar text parses and fits the schema, with each error.</summary>
    public static Results<Ok<ValidationResponse>, RosterError> Validate(RequestValues body)
    {
        var policy = body.RequiredString("policy");
        if (body.Error is { } invalid)
        {
            return invalid;
        }
        var problems = PolicyStatements.Problems(policy);
        return TypedResults.Ok(new ValidationResponse(problems.Count == 0, problems));
    }
}

public sealed record ValidationResponse(bool Valid, IReadOnlyList<CedarErrorItem> Errors);

public sealed record CatalogueResponse(CatalogueData Catalog);

public sealed record CatalogueData(IReadOnlyList<SystemPolicyData> SystemPolicies, IReadOnlyList<CatalogueRole> SystemRoles, IReadOnlyList<CatalogueBundle> AccessBundles);

/// <summary>A system role with the ids of its policies (the policies themselves are listed beside the roles).</summary>
public sealed record CatalogueRole(
    string Id, string Name, string? Description, string ManagementType, string PermissionType, string ScopeType,
    IReadOnlyList<string> PolicyParameters, IReadOnlyList<string> SystemPolicyIds, long CreatedAt, long UpdatedAt)
{
    public CatalogueRole(RoleData r, IReadOnlyList<string> policyIds)
        : this(r.Id, r.Name, r.Description, r.ManagementType, r.PermissionType, r.ScopeType, r.PolicyParameters, policyIds, r.CreatedAt, r.UpdatedAt)
    {
    }
}

public sealed record CatalogueBundle(string Id, string Name, string Description, string? AccountRoleId, string? ProductEnvironmentRoleId);

public sealed record SchemaResponse(JsonElement Schema);
