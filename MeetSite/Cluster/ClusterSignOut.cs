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
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sessions.SignedOutHere -= Publish;
        return redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private void Publish(string userId, string[] stamps)
    {
        var message = JsonSerializer.Serialize(new SignOutMessage(node.Id, userId, stamps));
        redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a sign-out message from Redis that is not one")]
    private static partial void LogBadMessage(ILogger logger, Exception error);
}
