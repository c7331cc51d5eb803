using Roster.Tests.Infrastructure;
using Roster.Tests.Security;

namespace Roster.Tests.Permissions;

public sealed class PermissionsRateLimitTests(RateLimitedRosterFixture fixture) : IClassFixture<RateLimitedRosterFixture>
{
    [Fact]
    public async Task PermissionsApi_BeyondTheLimit_429InTheV2Shape()
    {
        var account = await fixture.CreateAccountAsync();
        var url = $"{account.V2()}/roles?permission_type=global";

        for (var i = 0; i < RateLimitedRosterFixture.Limit; i++)
        {
            var response = await account.Client.GetJsonAsync(url);
            response.Ok();
            Assert.NotNull(response.Header("X-FeatureRateLimit-Remaining"));
        }
        var refused = await account.Client.GetJsonAsync(url);

        refused.V2Error(429, "ACCOUNTS_00006");
        Assert.Equal("0", refused.Header("X-FeatureRateLimit-Remaining"));
        // The public endpoints carry no key and are not counted against it.
        (await account.Client.GetJsonAsync("/v2/accounts/permissions/public/catalog")).Ok();
    }
}
