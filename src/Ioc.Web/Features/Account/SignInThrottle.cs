using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Sign-in attempts per account (normalised user name) and minute, from whatever address: guessing
/// one account's password is slowed down without an office behind one NAT address sharing a budget.
/// Identity's lockout still locks the account after <see cref="SecurityOptions.LockoutAttempts"/> wrong passwords.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<SecurityOptions> options)
    {
        var limit = options.Value.SignInAttemptsPerAccountPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <returns>False when this account had its attempts for the current minute.</returns>
    public bool TryAttempt(string normalizedUserName)
    {
        using var lease = _limiter.AttemptAcquire(normalizedUserName);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
