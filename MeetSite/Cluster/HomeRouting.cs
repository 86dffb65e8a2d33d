using MeetSite.Meetings;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>
/// First in the pipeline on a node of several: a signaling request (<c>/signal/ws/{code}</c>,
/// <c>/signal/lp/{code}</c>) is served here when this node is its meeting's home, and forwarded there
/// otherwise. A meeting without a home gets this node. A home that cannot be reached is taken over: its
/// participants come back here with their resume tokens and are restored under their own ids.
/// </summary>
internal sealed partial class HomeRouting(RequestDelegate next, MeetingHomes homes, ClusterNode node, HomeForwarder forwarder,
    IDataProtectionProvider protection, IHostApplicationLifetime lifetime, ILogger<HomeRouting> logger)
{
    private const int MaxHops = 3;
    private static readonly PathString[] Prefixes = ["/signal/ws", "/signal/lp"];

    // Signed with the shared keys, so a client cannot pass itself off as a node that forwards.
    private readonly IDataProtector _protector = protection.CreateProtector("MeetSite.Cluster.HomeHeader");

    public async Task InvokeAsync(HttpContext http)
    {
        if (CodeOf(http.Request.Path) is not { } code)
        {
            await next(http);
            return;
        }
        try
        {
            if (MeantFor(http) is { } meant)
            {
                // Another node sent it here as to the home: it is served here, never sent on. A restarted node
                // gets what was meant for its predecessor at this address, whose rooms died with it.
                if (meant != node.Id)
                {
                    await homes.TakeOverAsync(code, meant);
                }
                await next(http);
                return;
            }
            var home = await homes.HomeOfAsync(code, mayClaim: !lifetime.ApplicationStopping.IsCancellationRequested);
            for (var hop = 0; home is not null && home.NodeId != node.Id; hop++)
            {
                if (hop == MaxHops || await forwarder.ForwardAsync(http, home, _protector.Protect(home.NodeId)))
                {
                    return;
                }
                LogTakingOver(logger, code, home.Url);
                home = await homes.TakeOverAsync(code, home.NodeId);
            }
            if (home is null)
            {
                // Stopping, and the meeting has no home: this node must not become it now.
                Unavailable(http);
                return;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Without Redis no node knows where a meeting lives: serving it here could split it in two.
            LogNoRedis(logger, e);
            Unavailable(http);
            return;
        }
        await next(http);
    }

    private string? MeantFor(HttpContext http)
    {
        if (http.Request.Headers[HomeForwarder.HomeHeader] is not [{ } sealedId])
        {
            return null;
        }
        http.Request.Headers.Remove(HomeForwarder.HomeHeader);
        try
        {
            return _protector.Unprotect(sealedId);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // not from a node: routed like any request
        }
    }

    private static string? CodeOf(PathString path)
    {
        foreach (var prefix in Prefixes)
        {
            if (path.StartsWithSegments(prefix, out var rest) && rest.Value?.Split('/', 3) is [_, var segment, ..]
                && MeetingCode.TryParse(segment, out var code))
            {
                return code.Value.Value;
            }
        }
        return null;
    }

    private static void Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The home of {Code} at {Url} cannot be reached: this node takes the meeting over")]
    private static partial void LogTakingOver(ILogger logger, string code, string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis cannot be reached: signaling requests are refused until it answers")]
    private static partial void LogNoRedis(ILogger logger, Exception error);
}
