using System.Text.Json;
using MeetSite.Identity;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>
/// A log out reaches every node: each one rejects the revoked cookies at once and closes the account's
/// connections it holds, as the node that took the log out does (Redis pub/sub, <c>meetsite:signout</c>).
/// </summary>
internal sealed partial class ClusterSignOut(IConnectionMultiplexer redis, SessionEvents sessions, ClusterNode node,
    ILogger<ClusterSignOut> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("meetsite:signout");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        sessions.SignedOutHere += Publish;
        if (!await TrySubscribeAsync())
        {
            // A node may start while Redis is away: it listens once Redis is back.
            redis.ConnectionRestored += async (_, _) => await TrySubscribeAsync();
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogNotListening(logger, e);
            return false;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sessions.SignedOutHere -= Publish;
        return Task.CompletedTask; // the connection closes with the node
    }

    private void Publish(string userId, string[] stamps)
    {
        var message = JsonSerializer.Serialize(new SignOutMessage(node.Id, userId, stamps));
        try
        {
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The log out holds here; the other nodes see the new stamp at their next check (docs/signaling.md).
            LogNotPublished(logger, e);
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<SignOutMessage>((string)message!) is { } signOut && signOut.Node != node.Id)
            {
                sessions.ApplySignOutFromElsewhere(signOut.User, signOut.Stamps);
            }
        }
        catch (JsonException e)
        {
            LogBadMessage(logger, e);
        }
    }

    private sealed record SignOutMessage(string Node, string User, string[] Stamps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A log out could not be told to the other nodes: Redis does not answer")]
    private static partial void LogNotPublished(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for log outs on other nodes until Redis answers")]
    private static partial void LogNotListening(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a sign-out message from Redis that is not one")]
    private static partial void LogBadMessage(ILogger logger, Exception error);
}
