using System.Collections.Concurrent;

namespace SignalRRelay;

/// <summary>Who is in which room: changes under a per-room lock, lookups read an immutable snapshot.</summary>
internal sealed class RoomMembers
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new();

    /// <summary>Adds <paramref name="id"/> to <paramref name="room"/> and returns the others.</summary>
    public string[] Add(string room, string id)
    {
        while (true)
        {
            var members = _rooms.GetOrAdd(room, static _ => new Room());
            lock (members)
            {
                if (members.Closed)
                {
                    continue;
                }
                var others = members.Ids;
                members.Ids = [.. others, id];
                return others;
            }
        }
    }

    /// <summary>Removes <paramref name="id"/> and returns the others; an emptied room is forgotten.</summary>
    public string[] Remove(string room, string id)
    {
        if (!_rooms.TryGetValue(room, out var members))
        {
            return [];
        }
        lock (members)
        {
            members.Ids = Array.FindAll(members.Ids, m => m != id);
            if (members.Ids.Length == 0)
            {
                members.Closed = true;
                _rooms.TryRemove(room, out _);
            }
            return members.Ids;
        }
    }

    public bool Contains(string room, string id) =>
        _rooms.TryGetValue(room, out var members) && Array.IndexOf(Volatile.Read(ref members.Ids), id) >= 0;

    private sealed class Room
    {
        public string[] Ids = [];
        public bool Closed;
    }
}
