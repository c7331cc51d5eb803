using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Roster.Features.Outbox;

/// <summary>
/// Wakes the sender when mail was enqueued, so it need not wait for its next poll. A ping while the sender is busy is
/// kept (one at most), so none is lost between its last look and its next wait.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _pings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ping() => _pings.Writer.TryWrite(true);

    /// <summary>Returns after a ping or after <paramref name="timeout"/> on <paramref name="time"/>'s clock, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, either.Token);
        var ping = _pings.Reader.ReadAsync(either.Token).AsTask();
        await Task.WhenAny(delay, ping);
        await either.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}

/// <summary>
/// Pings the <see cref="OutboxSignal"/> once a save that added outbox messages is committed: right after the save,
/// or, inside a transaction, when the transaction commits (before that the sender could not see the rows).
/// </summary>
public sealed class OutboxWake(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> _enqueued = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _enqueued.AddOrUpdate(context, true);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _enqueued.Remove(context))
        {
            signal.Ping();
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _enqueued.Remove(context);
        }
    }
}
