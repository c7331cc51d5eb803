using Microsoft.EntityFrameworkCore;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Users;

public sealed class UserLifecycleTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task CreateUser_New_IsPendingWithAnInvitationInTheOutbox()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();

        var user = (await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Newcomer", email })).Ok();

        Assert.Equal("pending", user.GetProperty("status").GetString());
        Assert.True(user.GetProperty("pending").GetBoolean());
        Assert.True(user.GetProperty("enabled").GetBoolean());
        Assert.Equal("media_library_user", user.GetProperty("role").GetString());
        var id = user.GetProperty("id").GetString()!;
        var invitation = Assert.Single(await fixture.OutboxMessagesAsync(id));
        Assert.Equal(email, invitation.Message.Recipient);
        Assert.False(string.IsNullOrEmpty(await fixture.OutboxTokenAsync(id)));
    }

    [Fact]
    public async Task AcceptInvitation_ValidToken_UserBecomesActiveAndTokenIsSpent()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var token = await fixture.OutboxTokenAsync(id);

        var accepted = (await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password })).Ok();

        Assert.Equal(id, accepted.GetProperty("user_id").GetString());
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.False(user.GetProperty("pending").GetBoolean());
        var again = await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password = Scenarios.Password });
        again.Error(400);
    }

    [Theory]
    [InlineData("not-a-token", Scenarios.Password)]
    [InlineData(null, "short")]
    public async Task AcceptInvitation_BadTokenOrPassword_400AndStillPending(string? token, string password)
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        token ??= await fixture.OutboxTokenAsync(id);

        var response = await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token, password });

        response.Error(400);
        Assert.Equal("pending", (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeleteUser_Live_BecomesInactiveFreesSeatAndEmail()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 2);
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        Assert.Equal(2, (await account.GetAccountAsync()).GetProperty("users").GetInt32());

        var deleted = (await account.Client.DeleteJsonAsync($"{account.V1}/users/{id}")).Ok();

        Assert.Equal("ok", deleted.GetProperty("message").GetString());
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal("inactive", user.GetProperty("status").GetString());
        Assert.False(user.GetProperty("enabled").GetBoolean());
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users")).Ok().GetProperty("users").Strings("id");
        Assert.DoesNotContain(id, listed);
        var byId = (await account.Client.GetJsonAsync($"{account.V1}/users?ids={id}")).Ok().GetProperty("users").Strings("id");
        Assert.Contains(id, byId);
        Assert.Equal(1, (await account.GetAccountAsync()).GetProperty("users").GetInt32());
        // The seat is free again, and the e-mail can be used by another account.
        await account.CreateUserAsync();
        var other = await fixture.CreateAccountAsync();
        var reused = await other.CreateUserAsync(email.ToUpperInvariant());
        Assert.Equal("pending", reused.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeleteUser_AlreadyDeleted_4xxAndSeatNotReleasedTwice()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        await account.CreateUserAsync();
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{id}")).Ok();

        var again = await account.Client.DeleteJsonAsync($"{account.V1}/users/{id}");

        again.Error(400);
        Assert.Equal(2, (await account.GetAccountAsync()).GetProperty("users").GetInt32());
    }

    [Fact]
    public async Task UpdateUser_Deleted_4xx()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{id}")).Ok();

        var response = await account.Client.PutJsonAsync($"{account.V1}/users/{id}", new { name = "Back" });

        response.Error(400);
    }

    [Fact]
    public async Task DeleteUser_MemberOfAGroup_LeavesTheGroup()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString();
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{id}")).Ok();

        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{id}")).Ok();

        var members = (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{group}/users")).Ok().GetProperty("users");
        Assert.Equal(0, members.GetArrayLength());
    }

    [Theory]
    [InlineData(Plan.Free)]
    [InlineData(Plan.Plus)]
    [InlineData(Plan.Advanced)]
    [InlineData(Plan.Custom)]
    public async Task ProvisioningApi_NonEnterpriseAccount_403WhileOwnUsersEndpointWorks(Plan plan)
    {
        var account = await fixture.CreateAccountAsync(plan);

        var provisioning = await account.Client.GetJsonAsync($"{account.V1}/users");
        var create = await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Nope", email = Unique.Email() });

        Assert.Contains("Enterprise", provisioning.Error(403));
        Assert.Contains("Enterprise", create.Error(403));
        var created = await account.CreateUserAsync();
        Assert.Equal("pending", created.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ProvisioningApi_EnterpriseAccount_200()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise);

        var users = (await account.Client.GetJsonAsync($"{account.V1}/users")).Ok().GetProperty("users");

        Assert.Equal(account.RootUserId, Assert.Single(users.EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("master_admin")]
    [InlineData("admin")]
    public async Task CreateUser_MasterAdminWithNamedProductEnvironments_AlwaysGetsAll(string role)
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        await account.CreateProductEnvironmentAsync();

        var user = (await account.Client.PostJsonAsync($"{account.V1}/users",
            new { name = "Admin", email = Unique.Email(), role, sub_account_ids = new[] { pe } })).Ok();

        var all = role == "master_admin";
        Assert.Equal(all, user.GetProperty("all_sub_accounts").GetBoolean());
        Assert.Equal(all ? 0 : 1, user.GetProperty("sub_account_ids").GetArrayLength());
        Assert.Equal(all ? 2 : 1, user.GetProperty("sub_account_count").GetInt32());
    }

    [Fact]
    public async Task UpdateUser_RoleBecomesMasterAdmin_GetsAllProductEnvironments()
    {
        var account = await fixture.CreateAccountAsync();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var id = (await account.CreateUserAsync(role: "admin", subAccountIds: [pe])).GetProperty("id").GetString();

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{id}", new { role = "master_admin" })).Ok();
        var again = (await account.Client.PutJsonAsync($"{account.V1}/users/{id}", new { sub_account_ids = new[] { pe } })).Ok();

        Assert.True(updated.GetProperty("all_sub_accounts").GetBoolean());
        Assert.True(again.GetProperty("all_sub_accounts").GetBoolean());
    }

    [Fact]
    public async Task CreateUser_NamedProductEnvironments_AtMost30()
    {
        var account = await fixture.CreateAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 31; i++)
        {
            ids.Add((await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!);
        }

        var thirty = (await account.Client.PostJsonAsync($"{account.V1}/users",
            new { name = "Thirty", email = Unique.Email(), role = "admin", sub_account_ids = ids.Take(30) })).Ok();
        var thirtyOne = await account.Client.PostJsonAsync($"{account.V1}/users",
            new { name = "ThirtyOne", email = Unique.Email(), role = "admin", sub_account_ids = ids });
        var update = await account.Client.PutJsonAsync($"{account.V1}/users/{thirty.GetProperty("id").GetString()}", new { sub_account_ids = ids });

        Assert.Equal(30, thirty.GetProperty("sub_account_ids").GetArrayLength());
        Assert.Contains("at most 30", thirtyOne.Error(400));
        Assert.Contains("at most 30", update.Error(400));
    }

    [Fact]
    public async Task GetUserProductEnvironments_ProductEnvironmentCreatedLater_VisibleToAllProductEnvironmentUsersOnly()
    {
        var account = await fixture.CreateAccountAsync();
        var first = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;
        var everything = (await account.CreateUserAsync(role: "admin")).GetProperty("id").GetString();
        var restricted = (await account.CreateUserAsync(role: "admin", subAccountIds: [first])).GetProperty("id").GetString();

        var later = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString()!;

        var all = (await account.Client.GetJsonAsync($"{account.V1}/users/{everything}/sub_accounts")).Ok().GetProperty("sub_accounts");
        Assert.Equal([first, later], all.Strings("id"));
        var some = (await account.Client.GetJsonAsync($"{account.V1}/users/{restricted}/sub_accounts")).Ok().GetProperty("sub_accounts");
        Assert.Equal([first], some.Strings("id"));
        var root = (await account.Client.GetJsonAsync($"{account.V1}/users/{account.RootUserId}/sub_accounts")).Ok().GetProperty("sub_accounts");
        Assert.Contains(later, root.Strings("id"));
        var filtered = (await account.Client.GetJsonAsync($"{account.V1}/users?sub_account_id={later}")).Ok().GetProperty("users").Strings("id").ToList();
        Assert.Contains(everything, filtered);
        Assert.DoesNotContain(restricted, filtered);
    }

    [Fact]
    public async Task GetUserGroups_Member_ListsTheGroup()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var group = await account.CreateGroupAsync();
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{group.GetProperty("id").GetString()}/users/{id}")).Ok();

        var groups = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}/groups")).Ok().GetProperty("groups");

        var only = Assert.Single(groups.EnumerateArray());
        Assert.Equal(group.GetProperty("name").GetString(), only.GetProperty("name").GetString());
        Assert.Equal(1, (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok().GetProperty("group_count").GetInt32());
    }

    [Fact]
    public async Task PasswordResetAndForceLogout_ActiveUser_200AndResetLinkSent()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/force_logout")).Ok();
        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Ok();

        var token = await fixture.OutboxTokenAsync(id, "password_reset");
        (await fixture.Anonymous().PostJsonAsync("/api/password_resets/complete", new { token, password = Scenarios.OtherPassword })).Ok();
    }

    [Fact]
    public async Task PasswordReset_PendingUser_400()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Error(400);
    }
}
