using MeetSite.Signaling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>
/// Keeps this node's claims to be the home of the meetings whose rooms it holds: renews them, gives one up
/// when its room empties, and gives them all up when the node stops, before the drain tells the clients
/// to move, so they find the next home elsewhere. A room whose lease another node took is closed here: its
/// clients move to that node, which restores them.
/// </summary>
internal sealed partial class HomeLeaseKeeper(MeetingHomes homes, RoomRegistry rooms, DepartedMeetings departed, OpenTransports transports,
    HomeForwarder forwarder, IConnectionMultiplexer redis, IOptions<ClusterOptions> options, IHostApplicationLifetime lifetime, ILogger<HomeLeaseKeeper> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        rooms.Emptied += code =>
        {
            if (!departed.Contains(code))
            {
                _ = ReleaseAsync(code);
            }
            departed.Forget(code);
        };
        // A Redis that restarted empty has no leases: claim this node's meetings again before another node does.
        redis.ConnectionRestored += (_, _) => _ = RenewAsync();
        // Registered after the drain's own callback, so it runs before it (last registered, first run).
        lifetime.ApplicationStopping.Register(LeaveCluster);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HomeLease / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            // A stopping node, or one whose room another node took, must not claim it back.
            foreach (var code in await homes.RenewAsync([.. rooms.Codes.Where(code => !departed.Contains(code))]))
            {
                departed.Add(code);
                var moved = transports.CloseMeeting(code, CloseReason.ShuttingDown);
                LogLostHome(logger, code, moved);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A node starved of CPU, or a Redis that is away: the leases are renewed at the next tick, and a
            // failing background service would stop the whole node.
            LogRenewalFailed(logger, e);
        }
    }

    private async Task ReleaseAsync(string code)
    {
        try
        {
            await homes.ReleaseAsync(code);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRenewalFailed(logger, e); // the lease lapses by itself
        }
    }

    private void LeaveCluster()
    {
        try
        {
            Task.WhenAll(rooms.Codes.Select(homes.ReleaseAsync)).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException e)
        {
            LogRenewalFailed(logger, e);
        }
        var dropped = forwarder.AbortAll();
        LogLeaving(logger, dropped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another node is now the home of {Code}: {Count} connections told to move there")]
    private static partial void LogLostHome(ILogger logger, string code, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew or release this node's meeting leases")]
    private static partial void LogRenewalFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving the cluster: meeting leases released, {Count} forwarded connections dropped")]
    private static partial void LogLeaving(ILogger logger, int count);
}
