using Roster.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Permissions;

/// <summary>Assignments go with the user, group, key or product environment they belong to, and the version moves.</summary>
public sealed class RevocationTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task NewAccount_OnRolesAndPermissions_VersionZero()
    {
        var account = await fixture.CreateAccountAsync();

        var (system, version) = await fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == account.Id)
            .Select(a => new ValueTuple<PermissionSystem, long>(a.PermissionSystem, a.PermissionsVersion)).SingleAsync());

        Assert.Equal(PermissionSystem.Roles, system);
        Assert.Equal(0, version);
    }

    [Fact]
    public async Task DeleteUser_HoldingRoles_AssignmentsGoAndVersionMoves()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var other = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await AssignAsync(account.Id, PrincipalType.User, user, "cld::role::account::admin");
        await AssignAsync(account.Id, PrincipalType.User, other, "cld::role::account::admin");

        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{user}")).Ok();

        Assert.Equal([other], await HoldersAsync(account.Id));
        Assert.True(await VersionAsync(account.Id) > 0);
        Assert.Equal(1, await AuditCountAsync(account.Id, "role_assignment.delete"));
    }

    [Fact]
    public async Task DeleteGroup_HoldingRoles_AssignmentsGo()
    {
        var account = await fixture.CreateAccountAsync();
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;
        await AssignAsync(account.Id, PrincipalType.Group, group, "cld::role::account::reports");

        (await account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{group}")).Ok();

        Assert.Empty(await HoldersAsync(account.Id));
        Assert.Equal(1, await AuditCountAsync(account.Id, "role_assignment.delete"));
    }

    [Fact]
    public async Task DeleteAccessKey_HoldingRoles_AssignmentsGo()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = await account.CreateProductEnvironmentAsync();
        var peId = pe.GetProperty("id").GetString()!;
        var key = pe.GetProperty("api_access_keys")[0].GetProperty("key").GetString()!;
        await AssignAsync(account.Id, PrincipalType.ApiKey, key, "cld::role::prodenv::reports", peId);

        (await account.Client.DeleteJsonAsync($"{account.V1}/sub_accounts/{peId}/access_keys/{key}")).Ok();

        Assert.Empty(await HoldersAsync(account.Id));
    }

    [Fact]
    public async Task DeleteProductEnvironment_WithAssignmentsAndPolicies_TheyGoOthersStay()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var kept = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await AssignAsync(account.Id, PrincipalType.User, user, "cld::role::prodenv::reports", pe);
        await AssignAsync(account.Id, PrincipalType.User, user, "cld::role::prodenv::master_admin", kept);
        await fixture.WithDbAsync(async db =>
        {
            db.CustomPolicies.Add(new CustomPolicy
            {
                AccountId = account.Id, Id = Secrets.NewId(), Name = "p", NameNormalized = "p", ScopeType = ScopeType.Prodenv,
                ScopeId = pe, ScopeKey = pe, Statement = "permit(principal, action, resource);",
            });
            return await db.SaveChangesAsync();
        });

        (await account.Client.DeleteJsonAsync($"{account.V1}/sub_accounts/{pe}")).Ok();

        var roles = await fixture.WithDbAsync(db => db.RoleAssignments.Where(a => a.AccountId == account.Id).Select(a => a.RoleId).ToListAsync());
        Assert.Equal(["cld::role::prodenv::master_admin"], roles);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.CustomPolicies.CountAsync(p => p.AccountId == account.Id)));
    }

    private Task AssignAsync(string accountId, PrincipalType type, string principalId, string roleId, string? scopeId = null) =>
        fixture.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.RoleAssignments.Add(new RoleAssignment
            {
                Id = Secrets.NewId(), AccountId = accountId, PrincipalType = type, PrincipalId = principalId, RoleId = roleId,
                ScopeId = scopeId, Fingerprint = Secrets.NewId(), CreatedAt = now, UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });

    private Task<List<string>> HoldersAsync(string accountId) =>
        fixture.WithDbAsync(db => db.RoleAssignments.Where(a => a.AccountId == accountId).Select(a => a.PrincipalId).ToListAsync());

    private Task<long> VersionAsync(string accountId) =>
        fixture.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.PermissionsVersion).SingleAsync());

    private Task<int> AuditCountAsync(string accountId, string action) =>
        fixture.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.AccountId == accountId && e.Action == WireEnum<AuditAction>.Parse(action)));
}
