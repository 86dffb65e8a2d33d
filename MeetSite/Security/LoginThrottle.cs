namespace MeetSite.Security;

/// <summary>
/// Growing delays after failed log ins, counted per client address (one guesser against many accounts)
/// and per email (many addresses against one account, whether or not the account exists, so the answer
/// says nothing about existence). Past the free failures each attempt must wait FirstDelay, doubling
/// per failure up to MaxDelay, after the last failure. Identity's hard lockout comes only after many more.
/// </summary>
/// <remarks>
/// An attempt is counted as failed when it begins and forgiven when it succeeds: checking and counting
/// in two steps would let a burst of concurrent attempts all pass the check. One lock covers both keys;
/// log ins are rare next to the bcrypt work each one costs.
/// </remarks>
public sealed class LoginThrottle(LoginRateLimitOptions options, TimeProvider clock)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset Last)> _failures = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    /// <summary>Zero when the attempt may go ahead (it is then counted as a failure), else how long to wait.</summary>
    public TimeSpan TryBegin(string address, string account)
    {
        var now = clock.GetUtcNow();
        var addressKey = "a:" + address;
        var accountKey = "e:" + account;
        lock (_lock)
        {
            SweepIfDue(now);
            var wait = Max(Wait(addressKey, options.AddressFreeFailures, now), Wait(accountKey, options.AccountFreeFailures, now));
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }
            CountFailure(addressKey, now);
            CountFailure(accountKey, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>The attempt begun with <see cref="TryBegin"/> succeeded: the account starts afresh and the address is not charged.</summary>
    public void Succeeded(string address, string account)
    {
        lock (_lock)
        {
            _failures.Remove("e:" + account);
            if (_failures.TryGetValue("a:" + address, out var entry))
            {
                _failures["a:" + address] = (Math.Max(0, entry.Failures - 1), entry.Last);
            }
        }
    }

    /// <summary>Failures counted against <paramref name="account"/> and not yet forgotten.</summary>
    public int AccountFailures(string account)
    {
        lock (_lock)
        {
            return Current("e:" + account, clock.GetUtcNow()).Failures;
        }
    }

    private TimeSpan Wait(string key, int freeFailures, DateTimeOffset now)
    {
        var (failures, last) = Current(key, now);
        if (failures < freeFailures)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - freeFailures, 20);
        var delay = TimeSpan.FromTicks(Math.Min(options.FirstDelay.Ticks * (1L << doublings), options.MaxDelay.Ticks));
        var wait = last + delay - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private (int Failures, DateTimeOffset Last) Current(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var entry) && now - entry.Last < options.ForgetAfter ? entry : (0, now);

    private void CountFailure(string key, DateTimeOffset now) => _failures[key] = (Current(key, now).Failures + 1, now);

    // Entries live at most ForgetAfter past their last failure; the per-address request budget bounds how
    // fast new ones appear.
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + SweepEvery;
        foreach (var (key, entry) in _failures)
        {
            if (now - entry.Last >= options.ForgetAfter)
            {
                _failures.Remove(key);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
