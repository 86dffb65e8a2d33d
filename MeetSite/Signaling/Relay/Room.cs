using System.Text;
using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// The participants of one meeting, and its latest chat. Membership changes under a lock; broadcasts read
/// an immutable snapshot, so the relay's hot path takes no lock of the room's.
/// </summary>
/// <remarks>
/// The chat comes from the store with the room's first joiner and is then kept here as the relay stores
/// each message, so later joiners get it without a query: a join burst (a class at nine o'clock) reads
/// the store once per meeting, not once per person.
/// </remarks>
internal sealed partial class Room(Meeting meeting)
{
    private readonly Lock _gate = new();
    private Participant[] _members = [];
    private bool _closed;
    private StoredChat[]? _chat;
    private DateTimeOffset? _restoringSince;

    public Meeting Meeting { get; } = meeting;

    public IReadOnlyList<Participant> Members => Volatile.Read(ref _members);

    public bool IsClosed { get { lock (_gate) { return _closed; } } }

    /// <summary>
    /// When the first participant was restored into this room (set now if none was): the members of a room
    /// rebuilt after its process died come back from then on. Called under the room's lock, by a welcome, or
    /// for a member who was restored (whose welcome has set it) by the welcome of its resume.
    /// </summary>
    public DateTimeOffset RestoringSince(DateTimeOffset now) => _restoringSince ??= now;

    /// <summary>Whether a joiner must bring the chat from the store: no one has yet.</summary>
    public bool NeedsChat => Volatile.Read(ref _chat) is null;

    /// <summary>
    /// What a join came to: a member (<c>Added</c>), in the waiting room (<c>Waiting</c>), or refused: no seat
    /// (<c>Full</c>), a room being removed (<c>Closed</c>, try again), a restore already in (<c>AlreadyIn</c>),
    /// the meeting locked or ended, the account denied too often (<c>AskLimit</c>), or a protocol 1 client
    /// that would have to wait (<c>NeedsProtocol</c>).
    /// </summary>
    public enum AddResult { Added, Full, Closed, AlreadyIn, Waiting, Locked, Ended, AskLimit, NeedsProtocol }

    /// <summary>
    /// Adds <paramref name="participant"/>, queueing <paramref name="welcome"/> (built from the others, the
    /// chat and the meeting's state at that moment) as its first message before anyone else can reach it;
    /// or, when it must ask to join, puts it in the waiting room with a <c>waiting</c> message. Returns the
    /// others. <paramref name="storedChat"/> is the chat read from the store, needed while <see cref="NeedsChat"/>.
    /// </summary>
    public AddResult TryAdd(Participant participant, int capacity, IReadOnlyList<StoredChat>? storedChat,
        Func<IReadOnlyList<Participant>, IReadOnlyList<StoredChat>, MeetingState, byte[]> welcome, out Participant[] others)
    {
        lock (_gate)
        {
            others = _members;
            if (_closed)
            {
                return AddResult.Closed;
            }
            if (_ended)
            {
                return AddResult.Ended;
            }
            if (Array.Exists(_members, m => m.Id == participant.Id))
            {
                return AddResult.AlreadyIn; // restored twice at once: the other connection got there first
            }
            if (_chat is null)
            {
                Volatile.Write(ref _chat, [.. storedChat ?? throw new ArgumentNullException(nameof(storedChat), "The room has no chat yet.")]);
            }
            if (!participant.IsRestored && !participant.CanModerate && CheckAsk(participant, capacity) is { } asked)
            {
                return asked;
            }
            if (_members.Length >= capacity)
            {
                return AddResult.Full;
            }
            participant.Outbound.Enqueue(welcome(others, _chat, State));
            Volatile.Write(ref _members, [.. others, participant]);
            MembersChanged(participant);
            return AddResult.Added;
        }
    }

    /// <summary>
    /// Keeps a stored message, in the store's order, with at most <paramref name="keep"/> messages of at
    /// most <paramref name="keepBytes"/> together (see <see cref="Latest"/>).
    /// </summary>
    public void AddChat(StoredChat message, int keep, int keepBytes)
    {
        lock (_gate)
        {
            if (_chat is null)
            {
                return; // no one has joined: the next joiner reads it from the store
            }
            // Two senders' messages can be stored in one order and arrive here in the other.
            var at = _chat.Length;
            while (at > 0 && _chat[at - 1].Id > message.Id)
            {
                at--;
            }
            StoredChat[] kept = [.. _chat.AsSpan(0, at), message, .. _chat.AsSpan(at)];
            Volatile.Write(ref _chat, Latest(kept, keep, keepBytes));
        }
    }

    /// <summary>
    /// The newest messages of <paramref name="chat"/> (oldest first) within <paramref name="count"/>
    /// messages and <paramref name="bytes"/> of UTF-8 names and texts: every joiner gets them in its welcome.
    /// </summary>
    public static StoredChat[] Latest(StoredChat[] chat, int count, int bytes)
    {
        var first = chat.Length;
        var total = 0L;
        while (first > 0 && chat.Length - first < count)
        {
            var line = chat[first - 1];
            total += Encoding.UTF8.GetByteCount(line.SenderName) + Encoding.UTF8.GetByteCount(line.Text);
            if (total > bytes)
            {
                break;
            }
            first--;
        }
        return first == 0 ? chat : chat[first..];
    }

    /// <summary>
    /// Removes <paramref name="participant"/>, a member or someone waiting, and closes the room when nobody
    /// is left in either. Returns the others, or null when it was not a member (they never knew of it).
    /// </summary>
    public Participant[]? Remove(Participant participant, Action<Room> closed)
    {
        lock (_gate)
        {
            var wasMember = Array.IndexOf(_members, participant) >= 0;
            var others = Array.FindAll(_members, m => m != participant);
            Volatile.Write(ref _members, others);
            if (participant.IsWaiting)
            {
                _waiting = Array.FindAll(_waiting, w => w != participant);
                SendWaitingRoom();
            }
            if (wasMember)
            {
                LowerHand(participant.Id);
                MembersChanged(null);
            }
            if (others.Length == 0 && _waiting.Length == 0 && !_closed)
            {
                _closed = true;
                closed(this);
            }
            return wasMember ? others : null;
        }
    }

    /// <summary>Closes the room if nobody is in it or waiting (after a refused join made it for nothing).</summary>
    public void CloseIfEmpty(Action<Room> closed)
    {
        lock (_gate)
        {
            if (_members.Length == 0 && _waiting.Length == 0 && !_closed)
            {
                _closed = true;
                closed(this);
            }
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
