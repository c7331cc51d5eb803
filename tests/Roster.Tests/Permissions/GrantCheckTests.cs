using Microsoft.Extensions.DependencyInjection;
using Roster.Authorization.Catalogue;
using Roster.Common;
using Roster.Features.Outbox;
using Roster.Features.Permissions;
using Roster.Features.Users;
using Roster.Security;
using Roster.Tests.Infrastructure;
using R = Roster.Authorization.Catalogue.SystemRoleIds;

namespace Roster.Tests.Permissions;

/// <summary>
/// "Nobody can grant more than they hold": a user (not the root user) gives or takes away only roles whose every policy it
/// holds where they apply, itself or through a group; the root user and the account's key are not held to it.
/// </summary>
public sealed class GrantCheckTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static Actor UserActor(string id) => new(ActorType.User, id, null, null);

    private Task<RosterError?> ApplyAsync(string accountId, Actor actor, AssignmentOperation operation, string userId, string roleId, string? scopeId = null) =>
        fixture.WithDbAsync(db => db.RunAsync(accountId, () => Assignments.ApplyAsync(db, accountId, operation,
            [new AssignmentRequest(PrincipalType.User, userId, roleId, scopeId, null, "", "principal.id", "roles[0].id")], actor, TimeProvider.System,
            CancellationToken.None), CancellationToken.None));

    private async Task<(TestAccount Account, string Actor, string Target)> AccountWithAsync(string actorRole, string? actorScope = null)
    {
        var account = await fixture.CreateAccountAsync();
        var actor = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var target = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await fixture.AssignAsync(account.Id, PrincipalType.User, actor, actorRole, actorScope);
        return (account, actor, target);
    }

    [Fact]
    public async Task AnAccountAdmin_CannotGrantMasterAdmin_NorRemoveIt_ButGrantsWhatItHolds()
    {
        var (account, admin, target) = await AccountWithAsync(R.AccountAdmin);
        await fixture.AssignAsync(account.Id, PrincipalType.User, target, R.AccountBilling);

        var grant = await ApplyAsync(account.Id, UserActor(admin), AssignmentOperation.Add, target, R.AccountMasterAdmin);
        await fixture.AssignAsync(account.Id, PrincipalType.User, target, R.AccountMasterAdmin);
        var remove = await ApplyAsync(account.Id, UserActor(admin), AssignmentOperation.Remove, target, R.AccountMasterAdmin);
        var own = await ApplyAsync(account.Id, UserActor(admin), AssignmentOperation.Add, target, R.AccountAdmin);

        var refusal = Assert.IsType<NotAllowed>(grant);
        Assert.Equal("You cannot grant Master Admin: you can grant or remove only roles whose every permission you hold yourself.", refusal.Message);
        Assert.Equal("roles[0].id", refusal.Name);
        Assert.IsType<NotAllowed>(remove);
        Assert.Null(own);
        Assert.Contains((target, R.AccountMasterAdmin, (string?)null), await fixture.AssignmentsAsync(account.Id));
        Assert.Contains((target, R.AccountAdmin, (string?)null), await fixture.AssignmentsAsync(account.Id));
    }

    [Fact]
    public async Task TheRootUser_AndTheAccountsKey_GrantAnything()
    {
        var (account, _, target) = await AccountWithAsync(R.AccountBilling);

        var byRoot = await ApplyAsync(account.Id, UserActor(account.RootUserId), AssignmentOperation.Add, target, R.AccountMasterAdmin);
        var byKey = await ApplyAsync(account.Id, new Actor(ActorType.AccountKey, account.ApiKey, null, null), AssignmentOperation.Add, target, R.ProdenvMasterAdmin, "all");
        var api = await account.Client.PutJsonAsync($"/v2/accounts/{account.Id}/permissions/principal_roles",
            new { operation = "add", principal = new { type = "user", id = target }, roles = new[] { new { id = R.AccountTechnicalAdmin } } });

        Assert.Null(byRoot);
        Assert.Null(byKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, api.Status);
    }

    [Fact]
    public async Task ARoleOnAllProductEnvironments_CoversEachOne_ButOneProductEnvironmentCoversOnlyItself()
    {
        var account = await fixture.CreateAccountAsync();
        var pe1 = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var pe2 = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var everywhere = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var inOne = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var target = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await fixture.AssignAsync(account.Id, PrincipalType.User, everywhere, R.ProdenvAdmin, "all");
        await fixture.AssignAsync(account.Id, PrincipalType.User, inOne, R.ProdenvAdmin, pe1);

        Assert.Null(await ApplyAsync(account.Id, UserActor(everywhere), AssignmentOperation.Add, target, R.ProdenvAdmin, pe2));
        Assert.Null(await ApplyAsync(account.Id, UserActor(inOne), AssignmentOperation.Add, target, R.ProdenvAdmin, pe1));
        Assert.IsType<NotAllowed>(await ApplyAsync(account.Id, UserActor(inOne), AssignmentOperation.Add, target, R.ProdenvAdmin, pe2));
        Assert.IsType<NotAllowed>(await ApplyAsync(account.Id, UserActor(inOne), AssignmentOperation.Add, target, R.ProdenvAdmin, "all"));
        // A product-environment role gives nothing at account level.
        Assert.IsType<NotAllowed>(await ApplyAsync(account.Id, UserActor(everywhere), AssignmentOperation.Add, target, R.AccountReports));
    }

    [Fact]
    public async Task ARoleHeldThroughAGroup_Counts()
    {
        var account = await fixture.CreateAccountAsync();
        var member = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var target = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var group = await account.CreateGroupIdAsync(member);

        var before = await ApplyAsync(account.Id, UserActor(member), AssignmentOperation.Add, target, R.AccountMasterAdmin);
        await fixture.AssignAsync(account.Id, PrincipalType.Group, group, R.AccountMasterAdmin);
        var after = await ApplyAsync(account.Id, UserActor(member), AssignmentOperation.Add, target, R.AccountMasterAdmin);

        Assert.IsType<NotAllowed>(before);
        Assert.Null(after);
    }

    [Fact]
    public async Task LegacyRole_AUserSetsOnlyARoleItCouldGrant_TheRootAndKeysAnyRole()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var admin = await account.CreateUserIdAsync("admin");
        var target = await account.CreateUserIdAsync("billing");

        async Task<RosterError?> SetRoleAsync(Actor actor, LegacyRole role)
        {
            await using var scope = fixture.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var updated = await UpdateUser.RunAsync(account.Id, target, new UserChanges(Role: role), services.GetRequiredService<Roster.Data.RosterDb>(),
                services.GetRequiredService<IUserRoles>(), services.GetRequiredService<OutboxPayloads>(), actor, TimeProvider.System, CancellationToken.None);
            return updated.Error;
        }

        var master = await SetRoleAsync(UserActor(admin), LegacyRole.MasterAdmin);
        var reports = await SetRoleAsync(UserActor(admin), LegacyRole.Reports);
        var byRoot = await SetRoleAsync(UserActor(account.RootUserId), LegacyRole.MasterAdmin);
        var byKey = await SetRoleAsync(new Actor(ActorType.AccountKey, account.ApiKey, null, null), LegacyRole.Billing);

        Assert.Equal("You cannot grant Master admin: you can grant or remove only roles whose every permission you hold yourself.",
            Assert.IsType<NotAllowed>(master).Message);
        Assert.Null(reports);
        Assert.Null(byRoot);
        Assert.Null(byKey);
    }
}
