using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Roster.ConsolePages;
using Roster.Tests.Infrastructure;
using Roster.Tests.Profile;

namespace Roster.Tests.ConsolePages;

/// <summary>A host whose console pages throw when the query asks them to, as a bug would.</summary>
public sealed class ThrowingConsoleFixture : RosterFixture
{
    public const string Trigger = "roster_test_throw";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<MvcOptions>(o => o.Filters.Add(new ThrowFilter()));

    private sealed class ThrowFilter : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            if (context.HttpContext.Request.Query.ContainsKey(Trigger) && context.HandlerInstance is not ConsoleErrorModel)
            {
                throw new InvalidOperationException("A bug in a console page.");
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}

/// <summary>
/// The console's own error page: every error status under /console is an HTML page of the console (in the signed-in
/// shell when signed in), with its status kept, a plain reason and a link home; the APIs keep their JSON.
/// </summary>
public sealed class ConsoleErrorPageTests(ThrowingConsoleFixture fixture) : IClassFixture<ThrowingConsoleFixture>
{
    private async Task<(TestAccount Account, FormClient Browser)> SignedInRootAsync()
    {
        var account = await fixture.CreateAccountAsync();
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return (account, await fixture.SignedInBrowserAsync(account.RootEmail));
    }

    private static void AssertConsolePage(FormPage page, HttpStatusCode status, string heading)
    {
        Assert.Equal(status, page.Status);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(heading, page.Text("error-heading"));
        Assert.NotNull(page.Text("error-message"));
        Assert.Contains("data-testid=\"error-home\"", page.Html);
        Assert.Contains($"<title>{heading} · Roster</title>", page.Html);
        Assert.DoesNotContain("\"error\":{", page.Html);
    }

    [Theory]
    [InlineData("/console/no-such-page")]
    [InlineData("/console/users/999999999")]
    [InlineData("/console/groups/x/y/z")]
    public async Task UnknownConsolePath_SignedIn_IsANotFoundPageInTheShell(string path)
    {
        var (account, browser) = await SignedInRootAsync();

        var page = await browser.GetAsync(path);

        AssertConsolePage(page, HttpStatusCode.NotFound, "Page not found");
        Assert.Equal(account.RootEmail, page.Text("signed-in-user")?.Split('<', '>')[1]);
        Assert.Contains("aria-label=\"Console\"", page.Html);
    }

    [Fact]
    public async Task UnknownConsolePath_SignedOut_IsAPlainNotFoundPage()
    {
        var page = await new FormClient(fixture.Anonymous()).GetAsync("/console/no-such-page");

        AssertConsolePage(page, HttpStatusCode.NotFound, "Page not found");
        Assert.Null(page.Text("signed-in-user"));
        Assert.DoesNotContain("aria-label=\"Console\"", page.Html);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsABadRequestPage_SayingTheFormExpired()
    {
        var (_, browser) = await SignedInRootAsync();
        await browser.GetAsync("/console/groups");

        var page = await browser.PostAsync("/console/groups?handler=create", new Dictionary<string, string> { ["name"] = "No token" }, withAntiforgery: false);

        AssertConsolePage(page, HttpStatusCode.BadRequest, "This form has expired");
        Assert.Equal(ConsoleErrorModel.Expired, page.Text("error-message"));
        Assert.NotNull(page.Text("signed-in-user"));
    }

    [Fact]
    public async Task WrongMethod_IsAMethodNotAllowedPage()
    {
        var (_, browser) = await SignedInRootAsync();
        await browser.GetAsync("/console");

        var page = await browser.PostAsync("/console/assets/console.css", []);

        AssertConsolePage(page, HttpStatusCode.MethodNotAllowed, "Not allowed here");
    }

    [Fact]
    public async Task ABug_IsAServerErrorPage_NotJson()
    {
        var (_, browser) = await SignedInRootAsync();

        var page = await browser.GetAsync($"/console/groups?{ThrowingConsoleFixture.Trigger}=1");
        var posted = await browser.PostAsync($"/console/groups?handler=create&{ThrowingConsoleFixture.Trigger}=1", [("name", "x")], await browser.GetAsync("/console/groups"));

        AssertConsolePage(page, HttpStatusCode.InternalServerError, "Something went wrong");
        Assert.NotNull(page.Text("signed-in-user"));
        AssertConsolePage(posted, HttpStatusCode.InternalServerError, "Something went wrong");
    }

    [Fact]
    public async Task TheErrorPageOpenedDirectly_IsNotFound()
    {
        var page = await new FormClient(fixture.Anonymous()).GetAsync(ConsoleErrors.ErrorPath);

        AssertConsolePage(page, HttpStatusCode.NotFound, "Page not found");
    }

    [Theory]
    [InlineData("/v1_1/no-such-path")]
    [InlineData("/api/no-such-path")]
    [InlineData("/no-such-path")]
    public async Task UnknownApiPath_StaysJson(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\":{", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiErrors_StayJson_WhenSignedInToTheConsole()
    {
        var (account, _) = await SignedInRootAsync();

        var unknown = await account.Client.GetAsync($"/v2/accounts/{account.Id}/permissions/no-such-path");
        var wrongMethod = await account.Client.DeleteAsync($"{account.V1}/users");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }
}
