using Roster.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Roster.Tests.Infrastructure;
using static Roster.Tests.Permissions.PermissionsScenarios;

namespace Roster.Tests.Permissions;

public sealed class PermissionsConcurrencyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task SameAssignment_AddedConcurrently_StoredOnceAuditedOnce()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;

        var responses = await Scenarios.AllAtOnceAsync(16, i => i % 2 == 0
            ? account.AssignAsync(FolderViewer, "add", new { principal_type = "user", principal_id = user, scope_id = pe, policy_parameters = new { folder_id = "f" } })
            : account.Client.PutJsonAsync($"{account.V2()}/principal_roles", new
            {
                operation = "add",
                principal = new { type = "user", id = user },
                roles = new[] { new { id = FolderViewer, scope_id = pe, policy_parameters = new { folder_id = "f" } } },
            }));

        Assert.All(responses, r => Assert.True(r.Code == 200, r.ToString()));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.AccountId == account.Id)));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.AccountId == account.Id && e.Action == AuditAction.RoleAssignmentCreate)));
    }

    [Fact]
    public async Task SameRoleName_CreatedConcurrently_One201Rest409()
    {
        var account = await fixture.CreateAccountAsync();

        var responses = await Scenarios.AllAtOnceAsync(10, _ =>
            account.Client.PostJsonAsync($"{account.V2()}/roles", new { name = "Racing", permission_type = "global", scope_type = "account" }));

        Assert.Equal(1, responses.Count(r => r.Code == 201));
        Assert.All(responses.Where(r => r.Code != 201), r => r.V2Error(409, "ACCOUNTS_00006"));
        Assert.Equal(1, await fixture.WithDbAsync(db => db.Roles.CountAsync(r => r.AccountId == account.Id)));
    }

    [Fact]
    public async Task GroupDeletedWhileRolesAreGiven_NoAssignmentOutlivesTheGroup()
    {
        var account = await fixture.CreateAccountAsync();
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString()!;

        var responses = await Scenarios.AllAtOnceAsync(8, i => i == 4
            ? account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{group}")
            : account.AssignAsync(i % 2 == 0 ? Reports : Admin, "add", new { principal_type = "group", principal_id = group }));

        Assert.All(responses, r => Assert.True(r.Code is 200 or 404, r.ToString()));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RoleAssignments.CountAsync(a => a.AccountId == account.Id)));
    }
}
