using System.Threading.RateLimiting;
using MeetSite.Security;
using Microsoft.Extensions.Options;

namespace MeetSite.Meetings;

/// <summary>The <c>RateLimits:CodeLookups</c> section: how many unknown meeting codes may be tried.</summary>
public sealed class CodeLookupLimitOptions
{
    public const string Section = "RateLimits:CodeLookups";

    /// <summary>Lookups of a well-formed code that matches no meeting, per account per window.</summary>
    public int MissesPerAccount { get; set; } = 10;

    /// <summary>The same per client address (an IPv6 /64): higher, as a household or office shares one.</summary>
    public int MissesPerAddress { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Stops guessing meeting codes: after too many misses by one account or from one address in a window,
/// every lookup (a hit too, so the answer reveals nothing) is refused until the window passes. Hits never
/// count. Shared by the meeting page, the dashboard's join form and both signaling endpoints.
/// </summary>
public sealed class CodeLookupLimit : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _misses;

    public CodeLookupLimit(IOptions<CodeLookupLimitOptions> options)
    {
        var o = options.Value;
        _misses = AccountAndAddressLimiter.Create(o.MissesPerAccount, o.MissesPerAddress, o.Window);
    }

    /// <summary>Whether <paramref name="http"/>'s account or address has used up its misses; then, for how long at most.</summary>
    public bool IsBlocked(HttpContext http, out TimeSpan retryAfter)
    {
        // Zero permits asks without taking: a window limiter answers whether any permit is left.
        using var probe = _misses.AttemptAcquire(http, 0);
        retryAfter = probe.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.Zero;
        return !probe.IsAcquired;
    }

    /// <summary>Counts a lookup of a well-formed code that matched no meeting.</summary>
    public void Missed(HttpContext http) => _misses.AttemptAcquire(http).Dispose();

    public void Dispose() => _misses.Dispose();

}
