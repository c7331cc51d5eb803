using System.Collections.Concurrent;
using Roster.Data;
using Roster.Observability;

namespace Roster.Features.Permissions;

/// <summary>
/// Compiled policies per account, kept in memory and compiled once per permissions version: a decision reads
/// the account's version (one cheap query) and reuses the compiled set while it is current. Concurrent
/// requests for a version that is being compiled wait for that one compilation. At most
/// <see cref="MaxAccounts"/> accounts are kept; the least recently used goes first.
/// </summary>
public sealed class AuthorizeCache(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int MaxAccounts = 256;

    private sealed class Slot(long version, Task<CompiledAccount?> compiled)
    {
        public long Version { get; } = version;
        public Task<CompiledAccount?> Compiled { get; } = compiled;
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many accounts are compiled or being compiled (for tests and diagnostics).</summary>
    public int Count => _slots.Count;

    /// <summary>
    /// The account compiled at <paramref name="version"/> or later; null if the account does not exist.
    /// A failed compilation is forgotten, so the next request tries again.
    /// </summary>
    public async Task<CompiledAccount?> GetAsync(string accountId, long version, CancellationToken ct)
    {
        var slot = _slots.TryGetValue(accountId, out var found) && found.Version >= version && !found.Compiled.IsFaulted
            ? found
            : Replace(accountId, version);
        Volatile.Write(ref slot.LastUsed, time.GetTimestamp());
        try
        {
            return await slot.Compiled.WaitAsync(ct);
        }
        catch (Exception) when (slot.Compiled.IsFaulted)
        {
            _slots.TryRemove(new KeyValuePair<string, Slot>(accountId, slot));
            throw;
        }
    }

    private Slot Replace(string accountId, long version)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(accountId, out var current) && current.Version >= version && !current.Compiled.IsFaulted)
            {
                return current;
            }
            // Note: compiled on the thread pool with its own database context and no request's cancellation,
            // since every request waiting for this version shares the result.
            var slot = new Slot(version, Task.Run(() => CompileAsync(accountId)));
            _slots[accountId] = slot;
            while (_slots.Count > MaxAccounts)
            {
                var oldest = _slots.Where(s => s.Value != slot).MinBy(s => Volatile.Read(ref s.Value.LastUsed));
                _slots.TryRemove(oldest);
            }
            return slot;
        }
    }

    private async Task<CompiledAccount?> CompileAsync(string accountId)
    {
        using var activity = RosterTelemetry.CompilingPolicySet(accountId);
        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var compiled = await AuthorizeGrants.CompileAsync(scope.ServiceProvider.GetRequiredService<RosterDb>(), accountId, CancellationToken.None);
            succeeded = true;
            return compiled;
        }
        finally
        {
            RosterTelemetry.Compiled(time.GetElapsedTime(started), succeeded);
        }
    }
}
