using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// The participants of one meeting. Membership changes under a lock; broadcasts read an immutable
/// snapshot, so the relay's hot path takes no lock of the room's.
/// </summary>
internal sealed class Room(Meeting meeting)
{
    private readonly Lock _gate = new();
    private Participant[] _members = [];
    private bool _closed;

    public Meeting Meeting { get; } = meeting;

    public IReadOnlyList<Participant> Members => Volatile.Read(ref _members);

    public bool IsClosed { get { lock (_gate) { return _closed; } } }

    public enum AddResult { Added, Full, Closed }

    /// <summary>
    /// Adds <paramref name="participant"/>, queueing <paramref name="welcome"/> (built from the others at
    /// that moment) as its first message before anyone else can reach it. Returns the others.
    /// </summary>
    public AddResult TryAdd(Participant participant, int capacity, Func<IReadOnlyList<Participant>, byte[]> welcome, out Participant[] others)
    {
        lock (_gate)
        {
            others = _members;
            if (_closed)
            {
                return AddResult.Closed;
            }
            if (_members.Length >= capacity)
            {
                return AddResult.Full;
            }
            participant.Outbound.Enqueue(welcome(others));
            Volatile.Write(ref _members, [.. others, participant]);
            return AddResult.Added;
        }
    }

    /// <summary>Removes <paramref name="participant"/>; returns the others, and closes the room when it empties.</summary>
    public Participant[] Remove(Participant participant, Action<Room> closed)
    {
        lock (_gate)
        {
            var others = Array.FindAll(_members, m => m != participant);
            Volatile.Write(ref _members, others);
            if (others.Length == 0 && !_closed)
            {
                _closed = true;
                closed(this);
            }
            return others;
        }
    }

    public Participant? Find(string id)
    {
        foreach (var member in Volatile.Read(ref _members))
        {
            if (member.Id == id)
            {
                return member;
            }
        }
        return null;
    }

    /// <summary>Whether a fresh join could be refused: every seat taken by a connected participant.</summary>
    public bool IsFull(int capacity)
    {
        var members = Volatile.Read(ref _members);
        return members.Length >= capacity && Array.TrueForAll(members, m => m.Outbound.Owner is not null);
    }
}
