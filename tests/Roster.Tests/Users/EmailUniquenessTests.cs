using Roster.Features.Users;
using Microsoft.EntityFrameworkCore;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Users;

public sealed class EmailUniquenessTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateUser_EmailOfUserInAnotherAccount_409HasAlreadyBeenTaken(bool differentCase)
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        await a.CreateUserAsync(email);

        var response = await b.Client.PostJsonAsync($"{b.V1}/users",
            new { name = "Copy", email = differentCase ? email.ToUpperInvariant() : email });

        Assert.Equal("Has already been taken", response.Error(409));
    }

    [Fact]
    public async Task CreateUser_EmailOfRootUserOfAnotherAccount_409()
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();

        var response = await b.Client.PostJsonAsync($"{b.V1}/users", new { name = "Copy", email = a.RootEmail.ToUpperInvariant() });

        Assert.Equal("Has already been taken", response.Error(409));
    }

    [Fact]
    public async Task CreateUser_EmailOfUserInSameAccount_409()
    {
        var a = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        await a.CreateUserAsync(email);

        var response = await a.Client.PostJsonAsync($"{a.Api}/users", new { name = "Again", email = "  " + email.ToUpperInvariant() + " " });

        Assert.Equal("Has already been taken", response.Error(409));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpdateUser_EmailOfUserInAnotherAccount_409AndUnchanged(bool differentCase)
    {
        var a = await fixture.CreateAccountAsync();
        var b = await fixture.CreateAccountAsync();
        var taken = Unique.Email();
        await a.CreateUserAsync(taken);
        var user = await b.CreateUserAsync();
        var id = user.GetProperty("id").GetString();

        var response = await b.Client.PutJsonAsync($"{b.V1}/users/{id}", new { email = differentCase ? taken.ToUpperInvariant() : taken });

        Assert.Equal("Has already been taken", response.Error(409));
        var after = (await b.Client.GetJsonAsync($"{b.V1}/users/{id}")).Ok();
        Assert.Equal(user.GetProperty("email").GetString(), after.GetProperty("email").GetString());
    }

    [Fact]
    public async Task UpdateUser_OwnEmailInAnotherCase_200()
    {
        var a = await fixture.CreateAccountAsync();
        var email = Unique.Email();
        var id = (await a.CreateUserAsync(email)).GetProperty("id").GetString();

        var updated = (await a.Client.PutJsonAsync($"{a.V1}/users/{id}", new { email = email.ToUpperInvariant() })).Ok();

        Assert.Equal(email.ToUpperInvariant(), updated.GetProperty("email").GetString());
    }

    [Fact]
    public async Task CreateUser_FiftyConcurrentCreatesOfOneEmailAcrossAccounts_ExactlyOneSucceeds()
    {
        const int count = 50;
        var accounts = new List<TestAccount>();
        for (var i = 0; i < count; i++)
        {
            accounts.Add(await fixture.CreateAccountAsync());
        }
        var email = Unique.Email("race");

        var responses = await Scenarios.AllAtOnceAsync(count, i =>
            accounts[i].Client.PostJsonAsync($"{accounts[i].V1}/users", new { name = $"Racer {i}", email = i % 2 == 0 ? email : email.ToUpperInvariant() }));

        Assert.Single(responses, r => r.Code == 200);
        var refused = responses.Where(r => r.Code != 200).ToList();
        Assert.Equal(count - 1, refused.Count);
        Assert.All(refused, r => Assert.Equal("Has already been taken", r.Error(409)));

        var live = await fixture.WithDbAsync(db => db.Users.CountAsync(u => u.EmailNormalized == email.ToLowerInvariant() && u.Status != UserStatus.Inactive));
        Assert.Equal(1, live);
        // The losers' seats were given back with their rolled-back transactions.
        var seats = await Task.WhenAll(accounts.Select(async a => (await a.GetAccountAsync()).GetProperty("users").GetInt32()));
        Assert.Equal(count + 1, seats.Sum());
    }
}
