using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text.Json;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Observability;

namespace Roster.Features.Outbox;

/// <summary>What one pass of the sender found due and how many of those it delivered.</summary>
public readonly record struct SenderPass(int Due, int Sent);

/// <summary>
/// Delivers the outbox, at least once and never twice at once: a message is claimed by a conditional UPDATE that takes
/// its lease (only the server whose update changed the row sends it), marked sent only after the mail server accepted it
/// (or its file was written), and after a failure retried with a doubling delay until <see cref="MailOptions.MaxAttempts"/>,
/// then marked failed with its last error. Several servers may run it on one database.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, MailOptions options, IMailTransport transport, OutboxPayloads payloads, OutboxSignal signal,
    PublicUrl publicUrl, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<OutboxSender> log) : BackgroundService
{
    public const int BatchSize = 20;

    /// <summary>How long a claim holds a message: far longer than a delivery may take (<see cref="SmtpMailTransport.TimeoutMilliseconds"/>).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        try
        {
            // Note: links name the address the server listens on, which it knows only once it has started.
            await WhenStartedAsync(stoppingToken);
            while (true)
            {
                try
                {
                    // A full batch means more may be due: look again at once.
                    while ((await DeliverDueAsync(stoppingToken)).Due == BatchSize)
                    {
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "The outbox could not be read; the sender tries again in {PollInterval}", options.PollInterval);
                }
                await signal.WaitAsync(options.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a message being sent was given back (DeliverAsync).
        }
    }

    /// <summary>One look at the outbox: claims and delivers up to <see cref="BatchSize"/> due messages, oldest due first.</summary>
    public async Task<SenderPass> DeliverDueAsync(CancellationToken ct)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
            due = await db.OutboxMessages.AsNoTracking().Where(Due(time.GetUtcNow()))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (await DeliverAsync(id, ct))
            {
                sent++;
            }
        }
        return new SenderPass(due.Count, sent);
    }

    /// <summary>Unsent, not given up on, due, and held by no live lease.</summary>
    private static Expression<Func<OutboxMessage, bool>> Due(DateTimeOffset now) =>
        m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now);

    /// <summary>Claims the message and delivers it; false when another sender has it or the attempt failed.</summary>
    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDb>();
        var now = time.GetUtcNow();
        var lease = now + Lease;
        var claimed = await db.OutboxMessages.Where(Due(now)).Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed != 1)
        {
            return false;
        }
        var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct);
        using var activity = RosterTelemetry.DeliveringMail(id);
        try
        {
            var mail = MailContent.Render(message, await ReadPayloadAsync(db, message, ct), publicUrl.Value, options.FromAddress, time.GetUtcNow());
            await transport.DeliverAsync(message, mail, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Note: a server stopping gives the message back at once, uncounted, rather than leaving it to its lease.
            await db.OutboxMessages.Where(m => m.Id == id && m.LeaseUntil == lease && m.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.Attempts, m => m.Attempts - 1),
                    CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await FailedAsync(db, message, lease, e);
            return false;
        }
        // Note: delivered is delivered: recorded even while the server stops.
        await db.OutboxMessages.Where(m => m.Id == id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, time.GetUtcNow()).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                CancellationToken.None);
        RosterTelemetry.MailSent(message.Kind.Wire());
        return true;
    }

    /// <summary>Schedules the next attempt, or gives up when the attempts ran out or the failure cannot pass.</summary>
    private async Task FailedAsync(RosterDb db, OutboxMessage message, DateTimeOffset lease, Exception e)
    {
        var (error, permanent) = Describe(e);
        var now = time.GetUtcNow();
        var ours = db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseUntil == lease && m.SentAt == null);
        var givenUp = permanent || message.Attempts >= options.MaxAttempts;
        RosterTelemetry.MailFailed(message.Kind.Wire(), givenUp);
        if (givenUp)
        {
            await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            log.LogWarning("Outbox message {MessageId} ({Kind}) failed after {Attempts} attempts and will not be sent unless retried: {Error}",
                message.Id, message.Kind.Wire(), message.Attempts, error);
            return;
        }
        var next = now + options.Backoff(message.Attempts);
        await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        log.LogInformation("Outbox message {MessageId} ({Kind}) attempt {Attempts} failed; next attempt at {NextAttemptAt:u}: {Error}",
            message.Id, message.Kind.Wire(), message.Attempts, next, error);
    }

    /// <summary>The error as an operator reads it, and whether trying again cannot help (a refusal, an unreadable payload).</summary>
    private static (string Error, bool Permanent) Describe(Exception e)
    {
        var (text, permanent) = e switch
        {
            UnreadablePayload => (e.Message, true),
            SmtpCommandException smtp => ($"The mail server answered {(int)smtp.StatusCode}: {smtp.Message}", (int)smtp.StatusCode >= 500),
            _ => ($"{e.GetType().Name}: {e.Message}", false),
        };
        text = text.ReplaceLineEndings(" ").Trim();
        return (text.Length > OutboxMessage.MaxErrorLength ? text[..OutboxMessage.MaxErrorLength] : text, permanent);
    }

    /// <summary>The decrypted payload; what a row written before payloads named the account and the inviter is read from the database.</summary>
    private async Task<MailPayload> ReadPayloadAsync(RosterDb db, OutboxMessage message, CancellationToken ct)
    {
        MailPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<MailPayload>(payloads.Unprotect(message.Payload), Json.Options);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            throw new UnreadablePayload("The message's payload cannot be read: the Data Protection key that wrote it is not in the key ring.", e);
        }
        if (payload is null || string.IsNullOrEmpty(payload.UserId))
        {
            throw new UnreadablePayload("The message's payload is empty.", null);
        }
        if (string.IsNullOrEmpty(payload.AccountName) || string.IsNullOrEmpty(payload.Inviter))
        {
            var account = await db.Accounts.AsNoTracking().Where(a => a.Id == message.AccountId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "Roster";
            payload = payload with
            {
                AccountName = string.IsNullOrEmpty(payload.AccountName) ? account : payload.AccountName,
                Inviter = string.IsNullOrEmpty(payload.Inviter) ? $"an administrator of {account}" : payload.Inviter,
            };
        }
        if (payload.ExpiresAt is null && payload.Token is { } token)
        {
            var hash = Secrets.HashSecret(token);
            payload = payload with { ExpiresAt = await db.UserTokens.AsNoTracking().Where(t => t.TokenHash == hash).Select(t => (DateTimeOffset?)t.ExpiresAt).FirstOrDefaultAsync(ct) };
        }
        return payload with { Name = string.IsNullOrEmpty(payload.Name) ? message.Recipient : payload.Name };
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }

    private sealed class UnreadablePayload(string message, Exception? inner) : Exception(message, inner);
}

public static class OutboxServices
{
    /// <summary>The sender and what it needs: the checked settings, the transport they choose, the wake-up signal, the public URL.</summary>
    public static IServiceCollection AddOutboxSender(this IServiceCollection services, IConfiguration configuration, DatabaseTarget database)
    {
        var options = MailOptions.Read(configuration, database);
        services.AddSingleton(options);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<PublicUrl>();
        if (options.UsesSmtp)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, FileMailTransport>();
        }
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
