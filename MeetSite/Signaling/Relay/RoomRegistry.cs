using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>The meetings with someone in them, by code. A room exists only while it has participants.</summary>
public sealed class RoomRegistry
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    public int RoomCount => _rooms.Count;

    public int ParticipantCount => _rooms.Values.Sum(r => r.Members.Count);

    /// <summary>For the metrics: counted on each scrape, not kept up to date on every join and drop.</summary>
    internal IEnumerable<Measurement<int>> ParticipantsByTransport()
    {
        int webSockets = 0, longPolls = 0, none = 0;
        foreach (var participant in _rooms.Values.SelectMany(r => r.Members))
        {
            switch (participant.Outbound.Owner)
            {
                case WebSocketTransport: webSockets++; break;
                case LongPollTransport: longPolls++; break;
                default: none++; break;
            }
        }
        return
        [
            new(webSockets, new KeyValuePair<string, object?>("transport", "websocket")),
            new(longPolls, new KeyValuePair<string, object?>("transport", "longpoll")),
            new(none, new KeyValuePair<string, object?>("transport", "none")),
        ];
    }

    internal Room? Find(string code) => _rooms.GetValueOrDefault(code);

    /// <param name="send">How the room queues messages it sends by itself (the relay's Send).</param>
    internal Room GetOrCreate(Meeting meeting, Action<Participant, byte[]> send) =>
        _rooms.GetOrAdd(meeting.Code, static (_, s) => new Room(s.meeting) { Send = s.send }, (meeting, send));

    /// <summary>The codes of the meetings with a room here.</summary>
    public IEnumerable<string> Codes => _rooms.Keys;

    /// <summary>A meeting's room emptied and is gone (raised under its lock: listeners must not block).</summary>
    public event Action<string>? Emptied;

    /// <summary>Called under the room's lock as it empties, so a joiner never enters a room being removed.</summary>
    internal void Remove(Room room)
    {
        if (_rooms.TryRemove(new KeyValuePair<string, Room>(room.Meeting.Code, room)))
        {
            Emptied?.Invoke(room.Meeting.Code);
        }
    }

    internal IEnumerable<Participant> ParticipantsOf(string userId) =>
        _rooms.Values.SelectMany(r => r.Members.Concat(r.Waiting)).Where(p => p.UserId == userId);
}
