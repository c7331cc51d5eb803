using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Features.Outbox;

namespace Roster.Tests.Infrastructure;

/// <summary>The few steps many tests share, each through the HTTP API.</summary>
public static class Scenarios
{
    public const string Password = "correct horse battery staple";

    /// <summary>A second password strong enough for the policy, for a reset or a change.</summary>
    public const string OtherPassword = "velvet tractor hums beside marble kites";

    /// <summary>Creates a user through Roster's own endpoint (every plan) and returns it.</summary>
    public static async Task<JsonElement> CreateUserAsync(this TestAccount account, string? email = null, string? role = null,
        string[]? subAccountIds = null)
    {
        var response = await account.Client.PostJsonAsync($"{account.Api}/users", new
        {
            name = "User " + Unique.Name(),
            email = email ?? Unique.Email(),
            role,
            sub_account_ids = subAccountIds,
        });
        return response.Ok();
    }

    public static async Task<JsonElement> CreateProductEnvironmentAsync(this TestAccount account, string? name = null, string? cloudName = null)
    {
        var response = await account.Client.PostJsonAsync($"{account.V1}/sub_accounts", new { name = name ?? "PE " + Unique.Name(), cloud_name = cloudName });
        return response.Ok();
    }

    public static async Task<JsonElement> CreateGroupAsync(this TestAccount account, string? name = null) =>
        (await account.Client.PostJsonAsync($"{account.V1}/user_groups", new { name = name ?? "Group " + Unique.Name() })).Ok();

    public static async Task<JsonElement> GetAccountAsync(this TestAccount account) =>
        (await account.Client.GetJsonAsync(account.Api)).Ok();

    /// <summary>The newest one-time token e-mailed to the user, read from the outbox as the mailer would.</summary>
    public static async Task<string> OutboxTokenAsync(this RosterFixture fixture, string userId, string kind = "invitation")
    {
        var messages = await fixture.OutboxMessagesAsync(userId, kind);
        Assert.NotEmpty(messages);
        return messages[0].Payload.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// The user's outbox messages of this kind, newest first, each with its payload unprotected by the host's
    /// <see cref="OutboxPayloads"/> as the mailer would (the stored payload is ciphertext: it names no user).
    /// </summary>
    public static async Task<List<(OutboxMessage Message, JsonElement Payload)>> OutboxMessagesAsync(
        this RosterFixture fixture, string userId, string kind = "invitation")
    {
        var payloads = fixture.Services.GetRequiredService<OutboxPayloads>();
        var messages = await fixture.WithDbAsync(async db =>
        {
            var accountId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.AccountId).SingleAsync();
            var wanted = WireEnum<MailKind>.Parse(kind);
            return await db.OutboxMessages.AsNoTracking().Where(m => m.AccountId == accountId && m.Kind == wanted)
                .OrderByDescending(m => m.Id).ToListAsync();
        });
        return messages
            .Select(m => (Message: m, Payload: JsonDocument.Parse(payloads.Unprotect(m.Payload)).RootElement.Clone()))
            .Where(m => m.Payload.GetProperty("user_id").GetString() == userId)
            .ToList();
    }

    public static async Task<ApiResponse> AcceptInvitationAsync(this RosterFixture fixture, string userId, string password = Password) =>
        await fixture.Anonymous().PostJsonAsync("/api/invitations/accept", new { token = await fixture.OutboxTokenAsync(userId), password });

    /// <summary>Fires all requests at once (after every task is ready) and waits for them all.</summary>
    public static async Task<ApiResponse[]> AllAtOnceAsync(int count, Func<int, Task<ApiResponse>> request)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await request(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }
}
