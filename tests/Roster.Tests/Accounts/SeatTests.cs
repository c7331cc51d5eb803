using System.Text.Json;
using Roster.Features.Accounts;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Accounts;

public sealed class SeatTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string LimitMessage = "You have reached the maximum number of users allowed for your plan.";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task CreateUser_ConcurrentCreatesForTheLastFreeSeats_OnlyTheFreeNumberSucceed(int free)
    {
        // Root plus one user already hold seats.
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 2 + free);
        await account.CreateUserAsync();
        const int racers = 20;

        var responses = await Scenarios.AllAtOnceAsync(racers, i =>
            account.Client.PostJsonAsync($"{account.V1}/users", new { name = $"Racer {i}", email = Unique.Email("seat") }));

        Assert.Equal(free, responses.Count(r => r.Code == 200));
        Assert.All(responses.Where(r => r.Code != 200), r => Assert.Equal(LimitMessage, r.Error(403)));
        var state = await account.GetAccountAsync();
        Assert.Equal(2 + free, state.GetProperty("users").GetInt32());
        Assert.Equal(2 + free, state.GetProperty("user_limit").GetInt32());
        var listed = (await account.Client.GetJsonAsync($"{account.V1}/users")).Ok().GetProperty("users").GetArrayLength();
        Assert.Equal(2 + free, listed);
    }

    [Theory]
    [InlineData(Plan.Free, 3)]
    [InlineData(Plan.Plus, 3)]
    [InlineData(Plan.Advanced, 5)]
    public async Task CreateUser_BeyondThePlansDefaultLimit_403LimitReached(Plan plan, int limit)
    {
        var account = await fixture.CreateAccountAsync(plan);
        Assert.Equal(limit, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
        for (var i = 1; i < limit; i++)
        {
            await account.CreateUserAsync();
        }

        var response = await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "One too many", email = Unique.Email() });

        Assert.Equal(LimitMessage, response.Error(403));
        Assert.Equal(limit, (await account.GetAccountAsync()).GetProperty("users").GetInt32());
    }

    [Theory]
    [InlineData(Plan.Plus, 3)]
    [InlineData(Plan.Advanced, 5)]
    public async Task SetAdditionalUserSubscriptions_OnPlusOrAdvanced_RaisesTheLimit(Plan plan, int baseLimit)
    {
        var account = await fixture.CreateAccountAsync(plan);
        for (var i = 1; i < baseLimit; i++)
        {
            await account.CreateUserAsync();
        }
        (await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "Blocked", email = Unique.Email() })).Error(403);

        var updated = (await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 2 })).Ok();

        Assert.Equal(2, updated.GetProperty("additional_user_subscriptions").GetInt32());
        Assert.Equal(baseLimit + 2, updated.GetProperty("user_limit").GetInt32());
        await account.CreateUserAsync();
        await account.CreateUserAsync();
        (await account.Client.PostJsonAsync($"{account.Api}/users", new { name = "Blocked again", email = Unique.Email() })).Error(403);
    }

    [Theory]
    [InlineData(0, 200)]
    [InlineData(20, 200)]
    [InlineData(21, 400)]
    [InlineData(-1, 400)]
    public async Task SetAdditionalUserSubscriptions_Count_AcceptedFrom0To20(int count, int status)
    {
        var account = await fixture.CreateAccountAsync(Plan.Advanced);

        var response = await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count });

        if (status == 200)
        {
            Assert.Equal(5 + count, response.Ok().GetProperty("user_limit").GetInt32());
        }
        else
        {
            response.Error(status);
            Assert.Equal(5, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
        }
    }

    [Theory]
    [InlineData(Plan.Free)]
    [InlineData(Plan.Enterprise)]
    [InlineData(Plan.Custom)]
    public async Task SetAdditionalUserSubscriptions_OnOtherPlans_403(Plan plan)
    {
        var account = await fixture.CreateAccountAsync(plan);
        var before = (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32();

        var response = await account.Client.PutJsonAsync($"{account.Api}/additional_user_subscriptions", new { count = 1 });

        Assert.Contains("plus and advanced", response.Error(403));
        Assert.Equal(before, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
    }

    [Fact]
    public async Task SetAdditionalUserSubscriptions_FormBodyWithStringCount_Accepted()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);

        var response = await account.Client.SendAsync(HttpMethod.Put, $"{account.Api}/additional_user_subscriptions", Http.Form(("count", "4")));

        Assert.Equal(7, response.Ok().GetProperty("user_limit").GetInt32());
    }

    [Fact]
    public async Task GetAccount_NewAccount_ShowsPlanAndRoot()
    {
        var account = await fixture.CreateAccountAsync(Plan.Custom, seats: 9);

        var json = await account.GetAccountAsync();

        Assert.Equal("custom", json.GetProperty("plan").GetString());
        Assert.Equal(9, json.GetProperty("user_limit").GetInt32());
        Assert.Equal(1, json.GetProperty("users").GetInt32());
        Assert.Equal(account.RootUserId, json.GetProperty("root_user_id").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("created_at").ValueKind);
    }
}
