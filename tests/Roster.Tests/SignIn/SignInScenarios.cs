using Roster.Tests.Infrastructure;

namespace Roster.Tests.SignIn;

/// <summary>Steps the sign-in tests share: an active user with a known password, and signing in through the form.</summary>
public static class SignInScenarios
{
    /// <summary>Invites a user and accepts the invitation with <paramref name="password"/>; returns the user's id and e-mail.</summary>
    public static async Task<(string Id, string Email)> ActiveUserAsync(this RosterFixture fixture, TestAccount account,
        string password = Scenarios.Password)
    {
        var email = Unique.Email();
        var id = (await account.CreateUserAsync(email)).GetProperty("id").GetString()!;
        (await fixture.AcceptInvitationAsync(id, password)).Ok();
        return (id, email);
    }

    /// <summary>Opens the sign-in page and posts the form, as a person does.</summary>
    public static async Task<FormPage> SignInAsync(this FormClient client, string email, string password)
    {
        await client.GetAsync("/console/sign-in");
        return await client.PostAsync("/console/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
    }
}
