using Microsoft.AspNetCore.TestHost;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

/// <summary>Two Roster servers on one database: a session is good on both, and ending it on one ends it on the other at once.</summary>
public sealed class TwoServersTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task ForceLogoutOnOneServer_EndsTheSessionOnTheOtherAtItsNextRequest()
    {
        await using var second = await fixture.StartAnotherServerAsync();
        var account = await fixture.CreateAccountAsync();
        var (id, email) = await fixture.ActiveUserAsync(account);
        var first = new FormClient(fixture.Anonymous());
        await first.SignInAsync(email, Scenarios.Password);
        var onSecond = new FormClient(second.GetTestClient());
        onSecond.SetCookie("roster_session", first.Cookie("roster_session")!);
        Assert.Equal("/console", (await onSecond.GetAsync("/console")).Path);

        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/force_logout")).Ok();

        Assert.StartsWith("/console/sign-in", (await onSecond.GetAsync("/console")).Path);
        Assert.StartsWith("/console/sign-in", (await first.GetAsync("/console")).Path);
    }

    [Fact]
    public async Task SignOutOnOneServer_EndsTheSessionOnTheOther()
    {
        await using var second = await fixture.StartAnotherServerAsync();
        var account = await fixture.CreateAccountAsync();
        var (_, email) = await fixture.ActiveUserAsync(account);
        var onSecond = new FormClient(second.GetTestClient());
        await onSecond.SignInAsync(email, Scenarios.Password);
        var first = new FormClient(fixture.Anonymous());
        first.SetCookie("roster_session", onSecond.Cookie("roster_session")!);
        Assert.Equal("/console", (await first.GetAsync("/console")).Path);

        await onSecond.GetAsync("/console");
        await onSecond.PostAsync("/console/sign-out", new Dictionary<string, string>());

        Assert.StartsWith("/console/sign-in", (await first.GetAsync("/console")).Path);
    }
}
