using System.Threading.RateLimiting;
using MeetSite.Security;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>The <c>RateLimits:Joins</c> section: how often, and how many at once, signaling connections may be opened.</summary>
public sealed class JoinLimitOptions
{
    public const string Section = "RateLimits:Joins";

    /// <summary>Connections opened (WebSocket upgrades, long-poll opens; resumes too) per account per window.</summary>
    public int PerAccount { get; set; } = 30;

    /// <summary>The same per client address (an IPv6 /64): higher, as a household or office shares one.</summary>
    public int PerAddress { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sockets and long-poll sessions an account may hold open at once.</summary>
    public int ConnectionsPerAccount { get; set; } = 8;
}

/// <summary>
/// Every fresh join makes every other browser in the meeting build a peer connection, so opening
/// connections is throttled per account and per address, and an account's open connections are capped.
/// </summary>
internal sealed class JoinLimit : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _opens;
    private readonly PartitionedRateLimiter<string> _connections;

    public JoinLimit(IOptions<JoinLimitOptions> options)
    {
        var o = options.Value;
        _opens = AccountAndAddressLimiter.Create(o.PerAccount, o.PerAddress, o.Window);
        _connections = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetConcurrencyLimiter(userId,
            _ => new ConcurrencyLimiterOptions { PermitLimit = o.ConnectionsPerAccount, QueueLimit = 0 }));
    }

    /// <summary>Takes one open from the account's and the address's budgets; a refused lease says when to retry.</summary>
    public RateLimitLease TryOpen(HttpContext http) => _opens.AttemptAcquire(http);

    /// <summary>A seat among the account's open connections, held until the lease is disposed.</summary>
    public RateLimitLease TryConnect(string userId) => _connections.AttemptAcquire(userId);

    public void Dispose()
    {
        _opens.Dispose();
        _connections.Dispose();
    }

}
