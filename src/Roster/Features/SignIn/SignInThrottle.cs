using System.Threading.RateLimiting;

namespace Roster.Features.SignIn;

/// <summary>
/// Failed sign-ins per client address, beside the per-user lock: one address guessing many users' passwords is refused
/// for a while once it has failed <see cref="SignInLimits.FailuresPerAddress"/> times in a window. Per server.
/// </summary>
public sealed class SignInThrottle(SignInLimits options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.FailuresPerAddress,
            Window = options.AddressWindow,
            QueueLimit = 0,
        }));

    /// <summary>Whether <paramref name="address"/> has used up its failures.</summary>
    public bool IsBlocked(string address) => _failures.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void RecordFailure(string address) => _failures.AttemptAcquire(address).Dispose();

    public void Dispose() => _failures.Dispose();
}
