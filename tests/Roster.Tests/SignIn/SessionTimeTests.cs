using System.Net;
using Microsoft.Extensions.Time.Testing;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

/// <summary>A host on a clock the test moves.</summary>
public sealed class FakeClockFixture : RosterFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    // Note: the per-address limit would otherwise stop the lock tests' many failures from the one test address.
    protected override IEnumerable<KeyValuePair<string, string?>> Configuration => [new("Roster:SignIn:FailuresPerAddress", "1000")];

    protected override TimeProvider Time => Clock;
}

public sealed class SessionTimeTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    private FormClient Browser() => new(fixture.Anonymous());

    [Fact]
    public async Task Session_IdleJustUnder30Minutes_StillSignedIn_Over30_SentToSignIn()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        Assert.Equal("/console", (await browser.SignInAsync(email, Scenarios.Password)).Path);

        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("/console", (await browser.GetAsync("/console")).Path);
        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("/console", (await browser.GetAsync("/console")).Path);

        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        var after = await browser.GetAsync("/console");
        Assert.StartsWith("/console/sign-in", after.Path);
    }

    [Fact]
    public async Task Session_BusyFor12Hours_EndsAtTheAbsoluteLimit()
    {
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        await browser.SignInAsync(email, Scenarios.Password);

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("/console", (await browser.GetAsync("/console")).Path);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.StartsWith("/console/sign-in", (await browser.GetAsync("/console")).Path);
    }

    [Fact]
    public async Task Lock_FiveFailures_OneMinute_ThenTwo_ThenDoublingUpTo15()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        var expected = new[] { 1, 2, 4, 8, 15, 15 };
        foreach (var minutes in expected)
        {
            for (var i = 0; i < 5; i++)
            {
                await browser.SignInAsync(email, "wrong password " + i);
            }
            var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
            var lockedUntil = user.GetProperty("locked_until").GetDateTimeOffset();
            Assert.True((fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(minutes) - lockedUntil).Duration() < TimeSpan.FromSeconds(1), $"lock {minutes}: now {fixture.Clock.GetUtcNow():O}, locked until {lockedUntil:O}");

            // During the lock even the right password fails, with the same message.
            var during = await browser.SignInAsync(email, Scenarios.Password);
            Assert.Equal("/console/sign-in", during.Path);
            Assert.True(during.Contains("The e-mail address or password is incorrect"));

            fixture.Clock.Advance(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(1));
        }
        Assert.Equal("/console", (await browser.SignInAsync(email, Scenarios.Password)).Path);
    }

    [Fact]
    public async Task SuccessfulSignIn_ResetsTheFailureCount()
    {
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var browser = Browser();
        for (var i = 0; i < 4; i++)
        {
            await browser.SignInAsync(email, "wrong password " + i);
        }
        await browser.SignInAsync(email, Scenarios.Password);
        for (var i = 0; i < 4; i++)
        {
            await Browser().SignInAsync(email, "wrong password again " + i);
        }
        var user = (await account.Client.GetJsonAsync($"{account.V1}/users/{id}")).Ok();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, user.GetProperty("locked_until").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await Browser().SignInAsync(email, Scenarios.Password)).Status);
    }
}
