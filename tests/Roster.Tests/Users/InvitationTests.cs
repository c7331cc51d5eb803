using Microsoft.EntityFrameworkCore;
using Roster.Features.Users;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Users;

/// <summary>How long the links live, and sending an invitation again: only the newest link works.</summary>
public sealed class InvitationTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Invitation_LivesFiveDays_AnAdministratorsPasswordReset24Hours()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id)).Ok();
        (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/password_reset")).Ok();

        var lifetimes = await fixture.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == id)
            .Select(t => new { t.Purpose, t.CreatedAt, t.ExpiresAt }).ToListAsync());

        Assert.Equal(TimeSpan.FromDays(5), lifetimes.Single(t => t.Purpose == TokenPurpose.Invitation) is var i ? i.ExpiresAt - i.CreatedAt : default);
        Assert.Equal(TimeSpan.FromHours(24), lifetimes.Single(t => t.Purpose == TokenPurpose.PasswordReset) is var r ? r.ExpiresAt - r.CreatedAt : default);
    }

    [Fact]
    public async Task ResendInvitation_NewLinkWorks_TheEarlierOneNoLonger_Audited()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var earlier = await fixture.OutboxTokenAsync(id);

        var resent = (await account.Client.PostJsonAsync($"{account.Api}/users/{id}/resend_invitation")).Ok();

        Assert.Equal(id, resent.GetProperty("user_id").GetString());
        var messages = await fixture.OutboxMessagesAsync(id);
        Assert.Equal(2, messages.Count);
        var newest = await fixture.OutboxTokenAsync(id);
        Assert.NotEqual(earlier, newest);
        Assert.DoesNotContain(newest, resent.ToString(), StringComparison.Ordinal);
        var stale = await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token = earlier, password = Scenarios.Password });
        Assert.Equal("invalid_token", stale.Json.GetProperty("error").GetProperty("code").GetString());
        (await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token = newest, password = Scenarios.Password })).Ok();
        var audit = (await account.Client.GetJsonAsync($"{account.Api}/audit_events?action=user.resend_invitation&target_id={id}")).Ok();
        Assert.Single(audit.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task ResendInvitation_AcceptedUser400_InactiveUser400_UnknownOrOtherAccountsUser404()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync();
        var accepted = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(accepted)).Ok();
        var deleted = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        (await account.Client.DeleteJsonAsync($"{account.V1}/users/{deleted}")).Ok();
        var foreign = (await other.CreateUserAsync()).GetProperty("id").GetString()!;

        var already = await account.Client.PostJsonAsync($"{account.Api}/users/{accepted}/resend_invitation");
        var inactive = await account.Client.PostJsonAsync($"{account.Api}/users/{deleted}/resend_invitation");

        Assert.Contains("already accepted", already.Error(400));
        Assert.Equal("invitation_already_accepted", already.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("user_is_inactive", inactive.Json.GetProperty("error").GetProperty("code").GetString());
        inactive.Error(400);
        (await account.Client.PostJsonAsync($"{account.Api}/users/nobody/resend_invitation")).Error(404);
        (await account.Client.PostJsonAsync($"{account.Api}/users/{foreign}/resend_invitation")).Error(404);
        Assert.Single(await fixture.OutboxMessagesAsync(accepted));
    }

    [Fact]
    public async Task ResendInvitation_RootUserNotYetSignedIn_GetsANewLink()
    {
        var account = await fixture.CreateAccountAsync();

        (await account.Client.PostJsonAsync($"{account.Api}/users/{account.RootUserId}/resend_invitation")).Ok();

        Assert.Equal(2, (await fixture.OutboxMessagesAsync(account.RootUserId)).Count);
    }

    [Fact]
    public async Task UpdateUser_PendingUsersNewEmail_NewInvitationThere_AndTheOldLinkStopsWorking()
    {
        var account = await fixture.CreateAccountAsync();
        var id = (await account.CreateUserAsync()).GetProperty("id").GetString()!;
        var earlier = await fixture.OutboxTokenAsync(id);
        var newEmail = Unique.Email("moved");

        (await account.Client.PutJsonAsync($"{account.V1}/users/{id}", new { email = newEmail })).Ok();

        var newest = await fixture.OutboxMessagesAsync(id);
        Assert.Equal(newEmail, newest[0].Message.Recipient);
        var stale = await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token = earlier, password = Scenarios.Password });
        Assert.Equal(400, stale.Code);
        (await fixture.AcceptInvitationAsync(id)).Ok();
    }
}
