using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeetSite.Identity;

/// <summary>
/// What a log out must reach beyond the browser that asked for it: every cookie issued before it stops
/// working at once, and long-lived connections (the signaling relay's sockets and polls) close.
/// </summary>
/// <remarks>
/// Log out rotates the user's security stamp in the database; Identity's periodic stamp check then
/// rejects older cookies, but only once per validation interval, and a query on every long-poll would
/// cost too much. So the stamps a log out revoked are kept here and each request compares its cookie
/// with them in memory.
/// <para>
/// Revoked stamps, not the current one: the stored stamp also changes without a log out (a bcrypt
/// re-hash at log in, a concurrent log out), so "reject every stamp but the last one published" rejected
/// fresh log ins for good. A stamp is random and used once, so a revoked one never comes back, and no
/// order among concurrent log outs and log ins matters: each only adds to the set. A signed-out-at
/// instant compared with the ticket's issue time was the alternative, but the ticket keeps its issue
/// time to the second only, so a log in within the second of a log out would be refused.
/// </para>
/// <para>
/// A revoked stamp is kept for the cookie's lifetime (no cookie carrying it can be valid longer) and at
/// most <see cref="KeptPerUser"/> per user; past that the oldest goes, and the database stamp check still
/// catches its cookies within the validation interval.
/// </para>
/// </remarks>
public sealed class SessionEvents(TimeProvider clock, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    public const string SecurityStampClaimType = "AspNet.Identity.SecurityStamp";
    public const int KeptPerUser = 16;

    private readonly ConcurrentDictionary<string, RevokedStamps> _revoked = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public event Action<string>? UserSignedOut;

    /// <summary>A log out on this node, with the stamps it revoked: for the other nodes (see MeetSite.Cluster).</summary>
    public event Action<string, string[]>? SignedOutHere;

    /// <summary>Rejects cookies carrying any of <paramref name="revokedStamps"/>, then tells listeners.</summary>
    public void RaiseUserSignedOut(string userId, IEnumerable<string?> revokedStamps)
    {
        var stamps = revokedStamps.OfType<string>().Where(stamp => stamp.Length > 0).ToArray();
        Revoke(userId, stamps);
        SignedOutHere?.Invoke(userId, stamps);
    }

    /// <summary>A log out on another node: the same here, without telling the others again.</summary>
    public void ApplySignOutFromElsewhere(string userId, string[] revokedStamps) =>
        Revoke(userId, [.. revokedStamps.Where(stamp => stamp.Length > 0)]);

    private void Revoke(string userId, string[] stamps)
    {
        var now = clock.GetUtcNow();
        var until = now + cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;
        // A sweep may retire the entry between GetOrAdd and AddAll: then take the fresh one.
        while (!_revoked.GetOrAdd(userId, _ => new RevokedStamps()).TryAddAll(stamps, until, now))
        {
        }
        SweepIfDue(now);
        UserSignedOut?.Invoke(userId);
    }

    /// <summary>True when the cookie carries a stamp that a log out in this process revoked.</summary>
    public bool IsSignedOut(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(SecurityStampClaimType);
        return userId is not null && stamp is not null
            && _revoked.TryGetValue(userId, out var stamps) && stamps.Contains(stamp, clock.GetUtcNow());
    }

    /// <summary>Drops users whose revoked stamps have all expired, at most once an hour.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        // One log out sweeps; concurrent ones skip.
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + TimeSpan.FromHours(1)).UtcTicks, due) != due)
        {
            return;
        }
        foreach (var (userId, stamps) in _revoked)
        {
            if (stamps.TryRetire(now))
            {
                _revoked.TryRemove(new KeyValuePair<string, RevokedStamps>(userId, stamps));
            }
        }
    }

    private sealed class RevokedStamps
    {
        private readonly Lock _lock = new();
        private readonly List<(string Stamp, DateTimeOffset Until)> _stamps = [];
        private bool _retired;

        /// <summary>False when a sweep has retired this entry; the caller adds to a new one.</summary>
        public bool TryAddAll(IEnumerable<string> stamps, DateTimeOffset until, DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_retired)
                {
                    return false;
                }
                foreach (var stamp in stamps)
                {
                    _stamps.RemoveAll(s => s.Until <= now || s.Stamp == stamp);
                    if (_stamps.Count == KeptPerUser)
                    {
                        _stamps.RemoveAt(0);
                    }
                    _stamps.Add((stamp, until));
                }
                return true;
            }
        }

        public bool Contains(string stamp, DateTimeOffset now)
        {
            lock (_lock)
            {
                return _stamps.Exists(s => s.Until > now && string.Equals(s.Stamp, stamp, StringComparison.Ordinal));
            }
        }

        /// <summary>Marks the entry unused when every stamp in it has expired.</summary>
        public bool TryRetire(DateTimeOffset now)
        {
            lock (_lock)
            {
                _retired = !_stamps.Exists(s => s.Until > now);
                return _retired;
            }
        }
    }
}
