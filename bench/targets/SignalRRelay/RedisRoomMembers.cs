using StackExchange.Redis;

namespace SignalRRelay;

/// <summary>Who is in which room, shared by every node: a Redis set per room.</summary>
internal sealed class RedisRoomMembers(IConnectionMultiplexer redis)
{
    private static RedisKey Key(string room) => $"relay:room:{room}";

    /// <summary>Adds <paramref name="id"/> to <paramref name="room"/> and returns the others, in one transaction.</summary>
    public async Task<string[]> AddAsync(string room, string id)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var others = transaction.SetMembersAsync(Key(room));
        _ = transaction.SetAddAsync(Key(room), id);
        await transaction.ExecuteAsync();
        return [.. (await others).Select(member => member.ToString())];
    }

    public Task RemoveAsync(string room, string id) => redis.GetDatabase().SetRemoveAsync(Key(room), id);
}
