using Roster.Features.Audit;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Accounts;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Permissions;

/// <summary>A product environment with its first access key, as the per-cloud Admin API authenticates it.</summary>
public sealed record TestProductEnvironment(string Id, string CloudName, string ApiKey, string ApiSecret);

/// <summary>The steps the decision, legacy, migration and folder-role tests share, each through the HTTP API where one exists.</summary>
public static class LegacyScenarios
{
    /// <summary>An account on the given permission system, created as the CLI creates it.</summary>
    public static async Task<TestAccount> CreateAccountAsync(this RosterFixture fixture, PermissionSystem permissionSystem, Plan plan = Plan.Enterprise)
    {
        var rootEmail = Unique.Email("root");
        var (created, error) = await fixture.WithDbAsync(db => CreateAccount.RunAsync(
            new NewAccount("Account " + Unique.Name(), rootEmail, "Root User", plan, null, permissionSystem), db,
            fixture.Services.GetRequiredService<IOptions<PlanOptions>>().Value, fixture.Services.GetRequiredService<OutboxPayloads>(),
            RosterFixture.PublicUrl, fixture.Services.GetRequiredService<TimeProvider>(), CancellationToken.None));
        Assert.Null(error);
        return new TestAccount(created!.AccountId, created.RootUserId, rootEmail, created.ProvisioningApiKey, created.ProvisioningApiSecret,
            fixture.ClientFor(created.ProvisioningApiKey, created.ProvisioningApiSecret));
    }

    public static async Task<TestProductEnvironment> CreateProductEnvironmentWithKeyAsync(this TestAccount account)
    {
        var pe = await account.CreateProductEnvironmentAsync();
        var key = pe.GetProperty("api_access_keys")[0];
        return new TestProductEnvironment(pe.GetProperty("id").GetString()!, pe.GetProperty("cloud_name").GetString()!,
            key.GetProperty("key").GetString()!, key.GetProperty("secret").GetString()!);
    }

    /// <summary>A user with a legacy role on the named product environments (none: all of them); returns its id.</summary>
    public static async Task<string> CreateUserIdAsync(this TestAccount account, string role, params string[] productEnvironmentIds) =>
        (await account.CreateUserAsync(role: role, subAccountIds: productEnvironmentIds.Length == 0 ? null : productEnvironmentIds))
            .GetProperty("id").GetString()!;

    public static async Task<string> CreateGroupIdAsync(this TestAccount account, params string[] memberIds)
    {
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;
        foreach (var member in memberIds)
        {
            (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{member}")).Ok();
        }
        return group;
    }

    /// <summary>A client of the per-cloud Admin API, authenticated with the product environment's key.</summary>
    public static HttpClient KeyClient(this RosterFixture fixture, TestProductEnvironment pe, string? secret = null)
    {
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{pe.ApiKey}:{secret ?? pe.ApiSecret}")));
        return client;
    }

    public static string FolderPath(this TestProductEnvironment pe, string folderId) => $"/v1_1/{pe.CloudName}/folder_operations/invite/{folderId}";

    /// <summary>Gives (or takes) folder roles through the per-cloud Admin API, as the product environment's key.</summary>
    public static Task<ApiResponse> ShareFolderAsync(this RosterFixture fixture, TestProductEnvironment pe, string folderId, string principalType,
        string principalId, string[] roles, string operation = "add") =>
        fixture.KeyClient(pe).PostJsonAsync(pe.FolderPath(folderId), new { principal = new { type = principalType, id = principalId }, operation, roles });

    public static object Principal(string type, string id) => new { type, id };

    public static object Folder(string productEnvironmentId, string id, params string[] ancestors) =>
        new { type = "Folder", id, product_environment_id = productEnvironmentId, ancestor_ids = ancestors };

    public static object Feature(string id, string? productEnvironmentId = null) =>
        new { type = "Feature", id, product_environment_id = productEnvironmentId };

    public static async Task<ApiResponse> AuthorizeAsync(this TestAccount account, object principal, string action, object resource) =>
        await account.Client.PostJsonAsync($"{account.V2()}/authorize", new { principal, action, resource });

    /// <summary>"allow" or "deny", asserting a 200.</summary>
    public static async Task<string> DecisionAsync(this TestAccount account, object principal, string action, object resource) =>
        (await account.AuthorizeAsync(principal, action, resource)).Ok().GetProperty("decision").GetString()!;

    public static Task<(PermissionSystem System, long Version)> PermissionStateAsync(this RosterFixture fixture, string accountId) =>
        fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId)
            .Select(a => new ValueTuple<PermissionSystem, long>(a.PermissionSystem, a.PermissionsVersion)).SingleAsync());

    public static Task<List<(string PrincipalId, string RoleId, string? ScopeId)>> AssignmentsAsync(this RosterFixture fixture, string accountId) =>
        fixture.WithDbAsync(async db => (await db.RoleAssignments.Where(a => a.AccountId == accountId)
                .Select(a => new { a.PrincipalId, a.RoleId, a.ScopeId }).ToListAsync())
            .Select(a => (a.PrincipalId, a.RoleId, a.ScopeId)).OrderBy(a => a.PrincipalId).ThenBy(a => a.RoleId).ThenBy(a => a.ScopeId).ToList());

    /// <summary>
    /// Writes an assignment as the Permissions API would (same fingerprint, version bumped), for accounts on Roles
    /// and Permissions; the scenarios here are about decisions, not about the assignment endpoints.
    /// </summary>
    public static Task AssignAsync(this RosterFixture fixture, string accountId, PrincipalType type, string principalId, string roleId,
        string? scopeId = null, string? folderId = null) =>
        fixture.WithDbAsync(async db =>
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (folderId is not null) parameters["folder_id"] = folderId;
            var now = DateTimeOffset.UtcNow;
            db.RoleAssignments.Add(new RoleAssignment
            {
                Id = Secrets.NewId(), AccountId = accountId, PrincipalType = type, PrincipalId = principalId, RoleId = roleId,
                ScopeId = scopeId, PolicyParameters = JsonSerializer.Serialize(parameters), FolderId = folderId,
                Fingerprint = RoleAssignment.FingerprintOf(type, principalId, roleId, scopeId, parameters), CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            await db.BumpPermissionsVersionAsync(accountId, CancellationToken.None);
            return 0;
        });

    public static Task<int> AuditCountAsync(this RosterFixture fixture, string accountId, string action) =>
        fixture.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.AccountId == accountId && e.Action == WireEnum<AuditAction>.Parse(action)));

    public static JsonElement Data(this ApiResponse response) => response.Ok().GetProperty("data");
}
