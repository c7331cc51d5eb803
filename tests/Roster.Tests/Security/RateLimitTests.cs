using System.Globalization;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Security;

public sealed class RateLimitedRosterFixture : RosterFixture
{
    public const int Limit = 5;

    protected override IEnumerable<KeyValuePair<string, string?>> Configuration =>
        [new("Roster:RateLimit:Limit", Limit.ToString(CultureInfo.InvariantCulture))];
}

public sealed class RateLimitTests(RateLimitedRosterFixture fixture) : IClassFixture<RateLimitedRosterFixture>
{
    [Theory]
    [InlineData("/v1_1/provisioning/accounts/{id}/users")]
    [InlineData("/api/accounts/{id}")]
    public async Task Request_BeyondTheLimit_429WithHeadersAndErrorBody(string path)
    {
        var account = await fixture.CreateAccountAsync();
        var url = path.Replace("{id}", account.Id);

        for (var i = 1; i <= RateLimitedRosterFixture.Limit; i++)
        {
            var response = await account.Client.GetJsonAsync(url);
            response.Ok();
            Assert.Equal("5", response.Header("X-FeatureRateLimit-Limit"));
            Assert.Equal((RateLimitedRosterFixture.Limit - i).ToString(CultureInfo.InvariantCulture), response.Header("X-FeatureRateLimit-Remaining"));
            var reset = DateTimeOffset.ParseExact(response.Header("X-FeatureRateLimit-Reset")!, "R", CultureInfo.InvariantCulture);
            Assert.True(reset > DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var refused = await account.Client.GetJsonAsync(url);

        Assert.Equal("Too many requests", refused.Error(429));
        Assert.Equal("5", refused.Header("X-FeatureRateLimit-Limit"));
        Assert.Equal("0", refused.Header("X-FeatureRateLimit-Remaining"));
        Assert.NotNull(refused.Header("X-FeatureRateLimit-Reset"));
        Assert.NotNull(refused.Message.Headers.RetryAfter);
        Assert.NotNull(refused.Header("X-Request-Id"));
        // Another account has its own budget.
        var other = await fixture.CreateAccountAsync();
        (await other.Client.GetJsonAsync(other.Api)).Ok();
    }

    [Fact]
    public async Task Request_BadInputWithinTheLimit_StillCarriesRateLimitHeaders()
    {
        var account = await fixture.CreateAccountAsync();

        var response = await account.Client.PostJsonAsync($"{account.V1}/users", new { name = new { } });

        response.Error(400);
        Assert.Equal("4", response.Header("X-FeatureRateLimit-Remaining"));
    }

    [Fact]
    public async Task RefusedRequests_ChangeNothing()
    {
        var account = await fixture.CreateAccountAsync();
        for (var i = 0; i < RateLimitedRosterFixture.Limit; i++)
        {
            (await account.Client.GetJsonAsync(account.Api)).Ok();
        }

        (await account.Client.PostJsonAsync($"{account.V1}/users", new { name = "Late", email = Unique.Email() })).Error(429);

        var users = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Count(u => u.AccountId == account.Id)));
        Assert.Equal(1, users);
    }
}
