using MeetSite.Signaling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MeetSite.Cluster;

/// <summary>
/// Restores across nodes: a meeting's home may die or move at any time, not only just after a start, so a
/// participant with a valid token may be restored at any time unless it left for good, which every home
/// records in Redis (<c>meetsite:left:{code}</c>, kept as long as a token lives).
/// </summary>
internal sealed class RedisRestoreRecord(IConnectionMultiplexer redis, DepartedMeetings departed, IOptions<SignalingOptions> options,
    TimeProvider clock) : IRestoreRecord
{
    public async ValueTask<bool> MayRestoreAsync(string meetingCode, string participantId)
    {
        try
        {
            return !await redis.GetDatabase().SetContainsAsync(Key(meetingCode), participantId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The token is valid and the account still belongs in the meeting (a removal is checked apart):
            // restoring keeps its call going, where a refusal would rebuild it.
            return true;
        }
    }

    public void Left(string meetingCode, string participantId)
    {
        if (departed.Contains(meetingCode))
        {
            return; // its grace ran out here, but it is being restored at the meeting's new home
        }
        var db = redis.GetDatabase();
        db.SetAdd(Key(meetingCode), participantId, CommandFlags.FireAndForget);
        db.KeyExpire(Key(meetingCode), options.Value.ResumeTokenLifetime, CommandFlags.FireAndForget);
    }

    /// <summary>The restore window, counted from the first participant restored into the room.</summary>
    public TimeSpan WaitForOthers(Room room)
    {
        var now = clock.GetUtcNow();
        return room.RestoringSince(now) + options.Value.RestoreWindow - now;
    }

    private static RedisKey Key(string code) => "meetsite:left:" + code;
}
