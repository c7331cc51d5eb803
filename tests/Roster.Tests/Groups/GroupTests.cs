using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class GroupTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task GroupWithoutExtendedDetails_Everywhere_HasNoUsersKey()
    {
        var account = await fixture.CreateAccountAsync();
        var user = (await account.CreateUserAsync()).GetProperty("id").GetString();
        var created = (await account.Client.PostJsonAsync($"{account.V1}/user_groups", new { name = "Designers", extended_details = false })).Ok();
        var id = created.GetProperty("id").GetString();
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{user}")).Ok();

        var got = (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}")).Ok();
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/user_groups?extended_details=")).Ok().GetProperty("user_groups")[0];
        var renamed = (await account.Client.SendAsync(HttpMethod.Put, $"{account.V1}/user_groups/{id}", Http.Form(("name", "Designers 2")))).Ok();

        Assert.False(created.TryGetProperty("users", out _));
        Assert.False(got.TryGetProperty("users", out _));
        Assert.False(listed.TryGetProperty("users", out _));
        Assert.False(renamed.TryGetProperty("users", out _));
        Assert.Equal("Designers 2", renamed.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task GetGroup_ExtendedDetails_ListsMembersAndDates(string flag)
    {
        var account = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var user = (await account.CreateUserAsync(email)).GetProperty("id").GetString();
        var id = (await account.CreateGroupAsync()).GetProperty("id").GetString();
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{user}")).Ok();

        var got = (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}?extended_details={flag}")).Ok();
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/user_groups?extended_details={flag}")).Ok().GetProperty("user_groups")[0];

        Assert.Equal([email], got.GetProperty("users").Strings("email"));
        Assert.Equal([email], listed.GetProperty("users").Strings("email"));
        Assert.True(got.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task AddAndRemoveUser_ReturnTheMemberList()
    {
        var account = await fixture.CreateAccountAsync();
        var first = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var second = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var id = (await account.CreateGroupAsync()).GetProperty("id").GetString();

        var one = (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{first}")).Ok();
        var two = (await account.Client.SendAsync(HttpMethod.Post, $"{account.V1}/user_groups/{id}/users/{second}", Http.Form())).Ok();
        var again = (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{second}", new { })).Ok();
        var removed = (await account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{id}/users/{first}")).Ok();

        Assert.Equal([first], one.GetProperty("users").Strings("id"));
        Assert.Equal(first, one.GetProperty("id").GetString());
        Assert.Equal(2, two.GetProperty("users").GetArrayLength());
        Assert.Equal(2, again.GetProperty("users").GetArrayLength());
        Assert.Equal([second], removed.GetProperty("users").Strings("id"));
        (await account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{id}/users/{first}")).Error(404);
    }

    [Fact]
    public async Task DeleteGroup_Existing_OkTrue()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateGroupAsync()).GetProperty("id").GetString();

        var deleted = (await account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{id}")).Ok();

        Assert.True(deleted.GetProperty("ok").GetBoolean());
        Assert.Equal("ok", deleted.GetProperty("message").GetString());
        (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}")).Error(404);
        (await account.Client.DeleteJsonAsync($"{account.V1}/user_groups/{id}")).Error(404);
    }

    [Fact]
    public async Task CreateGroup_NameTakenInAnyCase_409()
    {
        var account = await fixture.CreateAccountAsync();
        await account.CreateGroupAsync("Editors");

        (await account.Client.PostJsonAsync($"{account.V1}/user_groups", new { name = "EDITORS" })).Error(409);
        // Another account may use the name.
        await (await fixture.CreateAccountAsync()).CreateGroupAsync("Editors");
    }

    [Fact]
    public async Task AddUser_OfAnotherAccountOrDeleted_4xx()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();
        var stranger = (await other.CreateUserAsync()).GetProperty("id").GetString();
        var gone = (await account.CreateUserAsync()).GetProperty("id").GetString();
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{gone}")).Ok();
        var id = (await account.CreateGroupAsync()).GetProperty("id").GetString();

        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{stranger}")).Error(404);
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups/{id}/users/{gone}")).Error(400);
        Assert.Equal(0, (await account.Client.GetJsonAsync($"{account.V1}/user_groups/{id}/users")).Ok().GetProperty("users").GetArrayLength());
    }
}
