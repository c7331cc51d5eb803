using System.Text.RegularExpressions;
using Roster.Features.Permissions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Permissions;
using Roster.Tests.Profile;
using Roster.Tests.SignIn;

namespace Roster.Tests.ConsolePages;

/// <summary>
/// The console's navigation follows what the signed-in user may do, as the account's policies decide: on a legacy account
/// by the seeds' table of roles, on Roles and Permissions by the user's assignments.
/// </summary>
public sealed class ConsoleShellTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private RosterFixture Fixture => fixture;

    private static IReadOnlyList<string> Sections(FormPage page) =>
        Regex.Match(page.Html, "<nav aria-label=\"Console\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value is var nav
            ? Regex.Matches(nav, ">([^<]+)</a>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList()
            : [];

    [Theory]
    [InlineData("master_admin", "Home,Users,Groups,Product environments,Account,Audit log,My Profile")]
    [InlineData("admin", "Home,Users,Groups,Product environments,Account,Audit log,My Profile")]
    // Note: the legacy Technical admin maps to the Technical Admin system role, which has no user management.
    [InlineData("technical_admin", "Home,Product environments,Account,Audit log,My Profile")]
    // Billing and Reports: the home page (its dashboard and reports) only.
    [InlineData("billing", "Home,My Profile")]
    [InlineData("reports", "Home,Audit log,My Profile")]
    [InlineData("media_library_admin", "Home,My Profile")]
    [InlineData("media_library_user", "Home,My Profile")]
    public async Task LegacyAccount_TheRoleDecidesTheSections_AndNoRoleManagement(string role, string expected)
    {
        var account = await Fixture.CreateAccountAsync(PermissionSystem.Legacy);
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email, role)).GetProperty("id").GetString()!;
        (await Fixture.AcceptInvitationAsync(id)).Ok();
        var browser = await Fixture.SignedInBrowserAsync(email);

        var home = await browser.GetAsync("/console");

        Assert.Equal(expected, string.Join(",", Sections(home)));
    }

    [Fact]
    public async Task RolesAndPermissions_TheRootUserSeesEverySection_RoleManagementIncluded()
    {
        var account = await Fixture.CreateAccountAsync();
        (await Fixture.AcceptInvitationAsync(account.RootUserId)).Ok();
        var browser = await Fixture.SignedInBrowserAsync(account.RootEmail);

        var home = await browser.GetAsync("/console");

        Assert.Equal("Home,Users,Groups,Roles,Product environments,Account,Audit log,My Profile", string.Join(",", Sections(home)));
    }

    [Fact]
    public async Task RolesAndPermissions_AUserWithNoRole_SeesHomeAndProfileOnly_AndTheForbiddenPageSaysWhy()
    {
        var account = await Fixture.CreateAccountAsync();
        var (_, email) = await Fixture.ActiveUserAsync(account);
        var browser = await Fixture.SignedInBrowserAsync(email);

        var home = await browser.GetAsync("/console");
        var forbidden = await browser.GetAsync("/console/forbidden");

        Assert.Equal("Home,My Profile", string.Join(",", Sections(home)));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Contains("do not include it", forbidden.Text("forbidden"));
    }
}
