namespace Roster.Features.Permissions;

/// <summary>
/// Cloudinary's Permissions API (v2): roles made of Cedar policies, assigned to users, groups and keys at
/// account or product-environment scope. Success bodies are <c>{"data":…}</c> with epoch-second times;
/// errors are <c>{"error":{"category","code","message","details"}}</c> (see <see cref="PermissionsError"/>).
/// </summary>
public static class PermissionsApi
{
    public static RouteGroupBuilder MapPermissionsApi(this RouteGroupBuilder permissions)
    {
        permissions.WithTags("Permissions (v2)");
        permissions.MapGet("/policies/system", ListSystemPolicies.Handle)
            .WithSummary("List system policies").WithDescription("Filters: permission_type, scope_type (default account).");
        var custom = permissions.MapGroup("/policies/custom").AddEndpointFilter(LegacyMode.RefuseInLegacyAccountsAsync);
        custom.MapGet("/", ListCustomPolicies.HandleAsync)
            .WithSummary("List custom policies (Enterprise)")
            .WithDescription("Filters: scope_type, scope_id (all or a product environment; required with prodenv), enabled; paging: cursor.");
        custom.MapPost("/", CreateCustomPolicy.HandleAsync)
            .WithSummary("Create a custom policy (Enterprise)")
            .WithDescription("Body: name, scope_type, policy_statement (Cedar; required), scope_id (all or a product environment), description, enabled. Answers 201.");
        custom.MapGet("/{policy_id}", GetCustomPolicy.HandleAsync).WithSummary("Get a custom policy");
        custom.MapPut("/{policy_id}", UpdateCustomPolicy.HandleAsync)
            .WithSummary("Replace a custom policy").WithDescription("Every field; enabled required. A PUT that changes nothing is 409.");
        custom.MapDelete("/{policy_id}", DeleteCustomPolicy.HandleAsync).WithSummary("Delete a custom policy").WithDescription("Answers 204.");
        permissions.MapGet("/policies/effective", ListEffectivePolicies.HandleAsync)
            .WithSummary("The Cedar statements in force")
            .WithDescription("Filters: scope_type, scope_id, principal_type with principal_id (a user's groups are included).");

        permissions.MapGet("/roles", ListRoles.HandleAsync)
            .WithSummary("List roles").WithDescription("permission_type (required), scope_type, management_type, policy_parameters (JSON array).");
        permissions.MapPost("/roles", CreateRole.HandleAsync)
            .AddEndpointFilter(LegacyMode.RefuseInLegacyAccountsAsync)
            .WithSummary("Create a custom role (Enterprise)")
            .WithDescription("Body: name, permission_type, scope_type (required), id, description, system_policy_ids. Answers 201.");
        permissions.MapGet("/roles/{role_id}", GetRole.HandleAsync)
            .WithSummary("Get a role with its policies").WithDescription("Content filters fill the policies' parameters in.");
        permissions.MapPut("/roles/{role_id}", UpdateRole.HandleAsync)
            .AddEndpointFilter(LegacyMode.RefuseInLegacyAccountsAsync)
            .WithSummary("Replace a custom role").WithDescription("Body: name (required), description, system_policy_ids. System roles are read-only.");
        permissions.MapDelete("/roles/{role_id}", DeleteRole.HandleAsync)
            .AddEndpointFilter(LegacyMode.RefuseInLegacyAccountsAsync)
            .WithSummary("Delete a custom role").WithDescription("While principals hold it, only with force=true. Answers 204.");
        permissions.MapGet("/roles/{role_id}/principals", ListRolePrincipals.HandleAsync)
            .WithSummary("Who holds a role").WithDescription("Filters: scope_type, scope_id, verbose, content filters.");
        permissions.MapPut("/roles/{role_id}/principals", UpdateRolePrincipals.HandleAsync)
            .WithSummary("Give or take a role")
            .WithDescription("Body: operation (add, remove), principals [{principal_type, principal_id, scope_id, policy_parameters}]. Answers 200 with no body.");

        permissions.MapGet("/principal_roles", ListPrincipalRoles.HandleAsync)
            .WithSummary("The roles a principal holds")
            .WithDescription("principal_type, principal_id, permission_type (required); management_type, scope_type, scope_id, content filters.");
        permissions.MapPut("/principal_roles", UpdatePrincipalRoles.HandleAsync)
            .WithSummary("Give or take a principal's roles")
            .WithDescription("Body: operation, principal {type, id}, roles [{id, scope_id, policy_parameters}]. Answers 200 with no body.");
        permissions.MapGet("/principal_roles/inspect", InspectPrincipalRoles.ListAsync)
            .WithSummary("Principals and their roles in a scope").WithDescription("scope_type (required), scope_id, principal_type, principal_id, content filters, cursor.");
        permissions.MapPost("/principal_roles/inspect", InspectPrincipalRoles.InspectAsync)
            .WithSummary("The roles of listed principals in a scope").WithDescription("Body: scope_type, scope_id, principals [{type, id}], policy_parameters.");

        permissions.MapPost("/migration", MigratePermissions.HandleAsync)
            .WithTags("Permissions (v2): migration")
            .WithSummary("Migrate a legacy account to Roles and Permissions (one way)")
            .WithDescription("Body: dry_run (default false). Answers {data: plan}: what every user, group and API key holds afterwards. "
                + "Without dry_run the assignments are written and the account switches to roles in one transaction; a migrated account answers 409.");
        return permissions;
    }

    /// <summary>The three unauthenticated endpoints; they answer with or without credentials.</summary>
    public static RouteGroupBuilder MapPublicPermissionsApi(this RouteGroupBuilder publicGroup)
    {
        publicGroup.WithTags("Permissions (v2): public");
        publicGroup.MapGet("/catalog", PublicCatalogue.Catalogue).WithSummary("System roles, system policies and access bundles");
        publicGroup.MapGet("/schema", PublicCatalogue.Schema).WithSummary("The Cedar schema of the Cloudinary namespace");
        publicGroup.MapPost("/validate", PublicCatalogue.Validate)
            .WithSummary("Check a Cedar policy").WithDescription("Body: policy. Answers valid and, when not, the Cedar errors with their positions.");
        return publicGroup;
    }
}
