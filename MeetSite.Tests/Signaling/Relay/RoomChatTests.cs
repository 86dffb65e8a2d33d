using MeetSite.Meetings;
using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class RoomChatTests
{
    private static readonly Meeting AMeeting = new(1, "abc-defg-hij", "host", "Host", 0, WaitingRoom: false);

    [Fact]
    public void The_first_joiner_brings_the_chat_from_the_store_and_later_joiners_get_the_rooms_copy()
    {
        var room = new Room(AMeeting);
        Assert.True(room.NeedsChat);

        Assert.Equal([1, 2], Join(room, [Chat(1), Chat(2)]));
        Assert.False(room.NeedsChat);
        room.AddChat(Chat(3), keep: 100, keepBytes: int.MaxValue);

        // What a later joiner's query would have said no longer matters: the room's copy is the history.
        Assert.Equal([1, 2, 3], Join(room, [Chat(9)]));
        Assert.Equal([1, 2, 3], Join(room, storedChat: null));
    }

    [Fact]
    public void Messages_are_kept_in_the_stores_order_and_only_the_latest_are_kept()
    {
        var room = new Room(AMeeting);
        Join(room, [Chat(1), Chat(2)]);

        room.AddChat(Chat(5), keep: 4, keepBytes: int.MaxValue);
        room.AddChat(Chat(3), keep: 4, keepBytes: int.MaxValue); // stored before 5, arrived after it
        Assert.Equal([1, 2, 3, 5], Join(room, null));

        room.AddChat(Chat(4), keep: 4, keepBytes: int.MaxValue);
        Assert.Equal([2, 3, 4, 5], Join(room, null));
        room.AddChat(Chat(6), keep: 4, keepBytes: int.MaxValue);
        Assert.Equal([3, 4, 5, 6], Join(room, null));
    }

    [Fact]
    public void The_history_keeps_the_newest_messages_within_both_the_count_and_the_bytes()
    {
        var room = new Room(AMeeting);
        Join(room, [Chat(1), Chat(2)]);
        // Each message is 9 bytes of UTF-8: "Ann" and "line N".
        room.AddChat(Chat(3), keep: 100, keepBytes: 27);
        room.AddChat(Chat(4), keep: 100, keepBytes: 27);
        Assert.Equal([2, 3, 4], Join(room, null));
        room.AddChat(new StoredChat(5, "Ann", "l\u00e9", 5), keep: 100, keepBytes: 15); // "lé" is 3 bytes: 6 + 9
        Assert.Equal([4, 5], Join(room, null));
        Assert.Equal([3L, 4], Room.Latest([Chat(1), Chat(2), Chat(3), Chat(4)], 2, 1000).Select(c => c.Id));
        Assert.Empty(Room.Latest([Chat(1)], 100, 8));
    }

    [Fact]
    public void A_room_no_one_has_joined_keeps_nothing_the_next_joiner_reads_the_store()
    {
        var room = new Room(AMeeting);
        room.AddChat(Chat(7), keep: 100, keepBytes: int.MaxValue);
        Assert.True(room.NeedsChat);
        Assert.Throws<ArgumentNullException>(() => Join(room, storedChat: null));
        Assert.Equal([1], Join(room, [Chat(1)]));
    }

    private static StoredChat Chat(long id) => new(id, "Ann", $"line {id}", id);

    /// <summary>Adds a participant and returns the ids of the chat its welcome was built with.</summary>
    private static long[] Join(Room room, IReadOnlyList<StoredChat>? storedChat)
    {
        long[] seen = [];
        var participant = new Participant("user", "Name", default, room, queueCapacity: 16);
        var result = room.TryAdd(participant, capacity: 100, storedChat, (_, chat, _) =>
        {
            seen = [.. chat.Select(c => c.Id)];
            return [];
        }, out _);
        Assert.Equal(Room.AddResult.Added, result);
        return seen;
    }
}
