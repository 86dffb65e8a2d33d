using System.Security.Claims;
using System.Threading.RateLimiting;

namespace MeetSite.Security;

/// <summary>Fixed windows per account and per client address, chained: a request takes a permit from both.</summary>
public static class AccountAndAddressLimiter
{
    public static PartitionedRateLimiter<HttpContext> Create(int perAccount, int perAddress, TimeSpan window) =>
        PartitionedRateLimiter.CreateChained(
            Windowed(http => "account:" + (http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ClientAddress.Key(http)), perAccount, window),
            Windowed(http => "address:" + ClientAddress.Key(http), perAddress, window));

    private static PartitionedRateLimiter<HttpContext> Windowed(Func<HttpContext, string> key, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(key(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}
