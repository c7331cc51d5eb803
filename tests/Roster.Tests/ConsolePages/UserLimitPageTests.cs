using System.Net;
using Roster.Features.Accounts;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;

namespace Roster.Tests.ConsolePages;

/// <summary>Change user limit (<c>/console/account/user-limit</c>): additional user subscriptions on plus and advanced, and where else to go.</summary>
public sealed class UserLimitPageTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Page = "/console/account/user-limit";

    private async Task<FormClient> RootBrowserAsync(TestAccount account)
    {
        (await fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        return await fixture.SignedInBrowserAsync(account.RootEmail);
    }

    [Fact]
    public async Task PlusAccount_ThreeAdditionalSubscriptions_RaiseTheLimitAtOnce_Audited()
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        var browser = await RootBrowserAsync(account);

        var before = await browser.GetAsync(Page);
        var after = await browser.PostAsync(Page, [("count", "3")]);

        Assert.Equal(("plus", "3", "0", "1", "3"),
            (before.Text("plan"), before.Text("base-limit"), before.Text("additional"), before.Text("users-counted"), before.Text("user-limit")));
        Assert.Equal(Page, after.Path);
        Assert.Equal("The user limit is now 6, with 3 additional user subscriptions.", after.Text("flash"));
        Assert.Equal(("3", "6"), (after.Text("additional"), after.Text("user-limit")));
        Assert.Equal("3", after.Field("count"));
        var api = await account.GetAccountAsync();
        Assert.Equal(6, api.GetProperty("user_limit").GetInt32());
        var audit = Assert.Single(await account.AuditAsync("account.additional_user_subscriptions"));
        Assert.Equal(account.RootUserId, audit.GetProperty("actor_id").GetString());
        Assert.Equal(3, audit.GetProperty("after").GetProperty("additional_user_subscriptions").GetInt32());
    }

    [Theory]
    [InlineData("21", "At most 20 additional user subscriptions can be bought")]
    [InlineData("-1", "Enter a whole number from 0 to 20.")]
    [InlineData("three", "Enter a whole number from 0 to 20.")]
    [InlineData("99999999999999999999", "Enter a whole number from 0 to 20.")]
    [InlineData("", "Enter a whole number from 0 to 20.")]
    public async Task PlusAccount_AnUnusableCount_IsRefusedAtTheField_KeptAsTyped_AndChangesNothing(string typed, string reason)
    {
        var account = await fixture.CreateAccountAsync(Plan.Plus);
        var browser = await RootBrowserAsync(account);

        await browser.GetAsync(Page);
        var page = await browser.PostAsync(Page, [("count", typed)]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith(reason, page.Text("count-error"));
        Assert.Equal(typed, page.Field("count"));
        Assert.Equal("3", page.Text("user-limit"));
        Assert.Equal(0, (await account.GetAccountAsync()).GetProperty("additional_user_subscriptions").GetInt32());
        Assert.Empty(await account.AuditAsync("account.additional_user_subscriptions"));
    }

    [Fact]
    public async Task EnterpriseAccount_ThePageSaysTheLimitCannotBeChangedHere_AndWhoCanRaiseIt_AndAPostIsRefused()
    {
        var account = await fixture.CreateAccountAsync(Plan.Enterprise, seats: 10);
        var browser = await RootBrowserAsync(account);

        var page = await browser.GetAsync(Page);
        var posted = await browser.PostAsync(Page, [("count", "3")]);

        Assert.Equal(("enterprise", "10", "10"), (page.Text("plan"), page.Text("base-limit"), page.Text("user-limit")));
        Assert.Contains("cannot be changed here", page.Text("not-here"));
        Assert.Contains($"./roster accounts update {account.Id} --seats N", page.Text("not-here"));
        Assert.False(page.HasField("count"));
        Assert.Contains("only on the plus and advanced plans", posted.Text("count-error"));
        Assert.Equal(10, (await account.GetAccountAsync()).GetProperty("user_limit").GetInt32());
    }

    [Fact]
    public async Task AnAdminWithoutBilling_GetsTheForbiddenPage()
    {
        var account = await fixture.CreateAccountAsync(PermissionSystem.Legacy, Plan.Plus);
        var email = Unique.Email("admin");
        var id = (await account.CreateUserAsync(email, "admin")).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        var browser = await fixture.SignedInBrowserAsync(email);

        var page = await browser.GetAsync(Page);
        var posted = await browser.PostAsync(Page, [("count", "5")]);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/console/forbidden", posted.Path);
        Assert.Equal(0, (await account.GetAccountAsync()).GetProperty("additional_user_subscriptions").GetInt32());
    }
}
