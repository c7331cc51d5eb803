using System.Net;
using Roster.Tests.Infrastructure;
using Roster.Tests.SignIn;
using static Roster.Tests.TwoFactor.TwoFactorScenarios;

namespace Roster.Tests.TwoFactor;

/// <summary>Wrong codes count against the client address as wrong passwords do.</summary>
public sealed class CodeThrottleTests(ThrottledFixture fixture) : IClassFixture<ThrottledFixture>
{
    [Fact]
    public async Task ManyWrongCodesFromOneAddress_FurtherCodesRefusedWith429()
    {
        var account = await fixture.CreateAccountAsync();
        var user = await fixture.EnrolledUserAsync(account, TimeProvider.System);
        var browser = new FormClient(fixture.Anonymous());
        Assert.StartsWith(CodePage, (await browser.SignInAsync(user.Email, Scenarios.Password)).Path);
        for (var i = 0; i < 8; i++)
        {
            var failed = await browser.CodeAsync(WrongCodeAt(user.Key, TimeProvider.System.GetUtcNow(), i));
            Assert.Equal(HttpStatusCode.OK, failed.Status);
        }

        var refused = await browser.CodeAsync(CodeAt(user.Key, TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.True(refused.Contains("Too many failed sign-ins from your network"));
    }
}
