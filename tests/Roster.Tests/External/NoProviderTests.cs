using System.Net;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.External;

/// <summary>An installation with no external provider configured: no buttons, and the external paths answer a clear 404.</summary>
public sealed class NoProviderTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData("/console/sign-in/external/google")]
    [InlineData("/console/sign-in/external/github")]
    [InlineData("/console/sign-in/external/callback/google?code=x&state=y")]
    public async Task ExternalPaths_Answer404_SayingThereIsNoExternalSignIn(string path)
    {
        var page = await new FormClient(fixture.Anonymous()).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.True(page.Contains("This installation has no sign-in through external providers."), page.Html);
        Assert.Null(page.Response.Headers.Location);
    }

    [Fact]
    public async Task SignInPage_HasNoExternalButtons()
    {
        var page = await new FormClient(fixture.Anonymous()).GetAsync("/console/sign-in");

        Assert.False(page.Contains("Sign in with"), page.Html);
        Assert.DoesNotContain("/console/sign-in/external", page.Html);
    }
}
