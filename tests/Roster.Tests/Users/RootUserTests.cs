using Roster.Features.Users;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Users;

public sealed class RootUserTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    public enum Change { Delete, Disable, PasswordReset, ForceLogout, OtherRole, NamedProductEnvironments, AddToGroup }

    [Theory]
    [InlineData(Change.Delete)]
    [InlineData(Change.Disable)]
    [InlineData(Change.PasswordReset)]
    [InlineData(Change.ForceLogout)]
    [InlineData(Change.OtherRole)]
    [InlineData(Change.NamedProductEnvironments)]
    [InlineData(Change.AddToGroup)]
    public async Task ChangeRootUser_Refused_4xxWithClearMessageAndRootUnchanged(Change change)
    {
        var account = await fixture.CreateAccountAsync();
        var root = account.RootUserId;
        (await fixture.AcceptInvitationAsync(root)).Ok();
        var pe = (await account.CreateProductEnvironmentAsync()).GetProperty("id").GetString();
        var group = (await account.CreateGroupAsync()).GetProperty("id").GetString();
        var client = account.Client;

        var response = change switch
        {
            Change.Delete => await client.DeleteJsonAsync($"{account.V1}/users/{root}"),
            Change.Disable => await client.PutJsonAsync($"{account.V1}/users/{root}", new { enabled = false }),
            Change.PasswordReset => await client.PostJsonAsync($"{account.Api}/users/{root}/password_reset"),
            Change.ForceLogout => await client.PostJsonAsync($"{account.Api}/users/{root}/force_logout"),
            Change.OtherRole => await client.PutJsonAsync($"{account.V1}/users/{root}", new { role = "admin" }),
            Change.NamedProductEnvironments => await client.PutJsonAsync($"{account.V1}/users/{root}", new { sub_account_ids = new[] { pe } }),
            Change.AddToGroup => await client.PostJsonAsync($"{account.V1}/user_groups/{group}/users/{root}"),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.InRange(response.Code, 400, 499);
        Assert.Contains("root user", response.ErrorMessage());
        var after = (await client.GetJsonAsync($"{account.V1}/users/{root}")).Ok();
        Assert.Equal("active", after.GetProperty("status").GetString());
        Assert.True(after.GetProperty("enabled").GetBoolean());
        Assert.Equal("master_admin", after.GetProperty("role").GetString());
        Assert.True(after.GetProperty("all_sub_accounts").GetBoolean());
        Assert.True(after.GetProperty("root").GetBoolean());
        Assert.Equal(0, after.GetProperty("group_count").GetInt32());
        Assert.Equal(["password"], after.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task UpdateRootUser_NameAndSameRole_Allowed()
    {
        var account = await fixture.CreateAccountAsync();

        var updated = (await account.Client.PutJsonAsync($"{account.V1}/users/{account.RootUserId}",
            new { name = "Renamed Root", role = "master_admin", enabled = true })).Ok();

        Assert.Equal("Renamed Root", updated.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CancelAccount_RootWithPassword_CancelsAndKeysStopWorking()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var other = (await account.CreateUserAsync()).GetProperty("id").GetString();

        var cancelled = (await account.Client.PostJsonAsync($"{account.Api}/cancel", new { email = account.RootEmail.ToUpperInvariant(), password = Scenarios.Password })).Ok();

        Assert.Equal("ok", cancelled.GetProperty("message").GetString());
        Assert.Equal("Invalid credentials", (await account.Client.GetJsonAsync(account.Api)).Error(401));
        var users = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Where(u => u.AccountId == account.Id).Select(u => u.Status).ToList()));
        Assert.All(users, s => Assert.Equal(UserStatus.Inactive, s));
        Assert.Equal(2, users.Count);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task CancelAccount_NonRootUserWithPassword_403AndAccountStays()
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email, role: "master_admin")).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();

        var response = await account.Client.PostJsonAsync($"{account.Api}/cancel", new { email, password = Scenarios.Password });

        Assert.Contains("Only the root user", response.Error(403));
        (await account.Client.GetJsonAsync(account.Api)).Ok();
    }

    [Theory]
    [InlineData("wrong password", true)]
    [InlineData(Scenarios.Password, false)]
    public async Task CancelAccount_WrongPasswordOrRootNeverSetOne_401(string password, bool accept)
    {
        var account = await fixture.CreateAccountAsync();
        if (accept)
        {
            (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        }

        var response = await account.Client.PostJsonAsync($"{account.Api}/cancel", new { email = account.RootEmail, password });

        response.Error(401);
        (await account.Client.GetJsonAsync(account.Api)).Ok();
    }

    [Fact]
    public async Task CancelAccount_MissingFields_400()
    {
        var account = await fixture.CreateAccountAsync();

        (await account.Client.PostJsonAsync($"{account.Api}/cancel", new { })).Error(400);
        (await account.Client.GetJsonAsync(account.Api)).Ok();
    }
}
