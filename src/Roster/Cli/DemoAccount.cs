using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Features.Accounts;
using Roster.Features.Outbox;

namespace Roster.Cli;

/// <summary>On an empty database, <c>serve</c> creates a demo Enterprise account and prints its credentials, once.</summary>
public static class DemoAccount
{
    public const string RootEmail = "root@demo.roster.localhost";

    /// <param name="url">Where the server listens, for the clients' upload prefix.</param>
    /// <param name="publicUrl">Where people reach it, for the root user's invitation link.</param>
    public static async Task EnsureAsync(RosterDb db, PlanOptions plans, OutboxPayloads outbox, TimeProvider time, string url, string publicUrl,
        TextWriter output, CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(ct))
        {
            return;
        }
        var (created, error) = await CreateAccount.RunAsync(
            new NewAccount("Demo", RootEmail, "Demo Root", Plan.Enterprise, null), db, plans, outbox, publicUrl, time, ct);
        if (created is null)
        {
            await output.WriteLineAsync($"Could not create the demo account: {error?.Message}");
            return;
        }
        await output.WriteLineAsync($"""
            Roster created a demo Enterprise account. Its API secret is shown this once: only its hash is stored.
              account id:  {created.AccountId}
              API key:     {created.ProvisioningApiKey}
              API secret:  {created.ProvisioningApiSecret}
              root user:   {RootEmail} ({created.RootUserId})
              sign in:     {created.RootInvitationUrl} (the root user's invitation: choose its password; works once, until {MailContent.Expiry(created.RootInvitationExpiresAt)})
            CLOUDINARY_ACCOUNT_URL={created.AccountUrl}?upload_prefix={url}
            """);
    }
}
