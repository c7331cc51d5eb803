using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Features.Outbox;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Outbox;

/// <summary>Two senders on one database, as two servers would be: each message is claimed by one and delivered once.</summary>
public sealed class TwoSendersTests(QuietSmtpFixture fixture) : IClassFixture<QuietSmtpFixture>
{
    private const int Users = 40;

    [Fact]
    public async Task TwoSenders_OneDatabase_EveryMessageDeliveredExactlyOnce()
    {
        var account = await fixture.CreateAccountAsync(seats: Users + 1);
        for (var i = 0; i < Users; i++)
        {
            await account.CreateUserAsync();
        }
        var ids = await fixture.WithDbAsync(db => db.OutboxMessages.Where(m => m.AccountId == account.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal(Users + 1, ids.Count);
        Assert.Empty(fixture.Sink.Messages());
        var senders = new[] { New(), New() };

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = senders.Select(sender => Task.Run(async () =>
        {
            await start.Task;
            var sent = 0;
            for (SenderPass pass; (pass = await sender.DeliverDueAsync(CancellationToken.None)).Due > 0;)
            {
                sent += pass.Sent;
            }
            return sent;
        })).ToArray();
        start.SetResult();
        var sentBy = await Task.WhenAll(runs);

        Assert.Equal(ids.Count, sentBy.Sum());
        var received = fixture.Sink.Messages();
        Assert.Equal(ids.Count, received.Count);
        Assert.Equal(ids.Count, received.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Single(received, m => m.MessageId!.StartsWith($"roster.{id}.", StringComparison.Ordinal)));
        var rows = await fixture.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.AccountId == account.Id).ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.Equal(OutboxStatus.Sent, r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.Null(r.LeaseUntil);
        });
    }

    private OutboxSender New() => ActivatorUtilities.CreateInstance<OutboxSender>(fixture.Services);
}
