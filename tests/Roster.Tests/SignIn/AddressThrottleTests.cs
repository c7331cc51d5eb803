using System.Net;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

public sealed class ThrottledFixture : RosterFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => [new("Roster:SignIn:FailuresPerAddress", "8")];
}

public sealed class AddressThrottleTests(ThrottledFixture fixture) : IClassFixture<ThrottledFixture>
{
    [Fact]
    public async Task ManyFailuresFromOneAddress_AcrossUsers_FurtherAttemptsRefusedWith429()
    {
        var account = await fixture.CreateAccountAsync();
        var users = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            users.Add((await fixture.ActiveUserAsync(account)).Email);
        }
        var browser = new FormClient(fixture.Anonymous());
        for (var i = 0; i < 8; i++)
        {
            var failed = await browser.SignInAsync(users[i % 4], "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.Status);
        }

        var refused = await browser.SignInAsync(users[0], Scenarios.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.True(refused.Contains("Too many failed sign-ins from your network"));
        Assert.Null(browser.Cookie("roster_session"));
    }
}
