namespace MeetSite.Signaling;

/// <summary>
/// Someone in a meeting. Outlives any one transport: a dropped WebSocket leaves the participant in its
/// room for the grace period, so a resume on either transport picks up where it left off.
/// </summary>
/// <param name="restored">Who the participant was in a process that is gone: the same id and resume token, and
/// its numbering going on after the last message it received (a client ignores numbers it has seen).</param>
internal sealed class Participant(string userId, string name, MediaState media, Room room, int queueCapacity,
    long queueBytes = long.MaxValue, OutboundBudget? budget = null, Restored? restored = null)
{
    private int _media = Pack(media);
    private int _left;
    private int _role;
    private readonly Lock _graceGate = new();
    private ITimer? _grace;

    public string Id { get; } = restored?.Id ?? SecretId.New();

    /// <summary>The resume secret: the id is shown to everyone in the meeting, the token only to its owner.</summary>
    public string Token { get; set; } = restored?.Token ?? "";

    /// <summary>Whether it came back to this process with a token from another (see <see cref="Restored"/>).</summary>
    public bool IsRestored { get; } = restored is not null;

    public string UserId { get; } = userId;

    public string Name { get; } = name;

    /// <summary>The protocol version its client speaks (the <c>join</c>'s <c>protocol</c>): 1 or 2.</summary>
    public int Protocol { get; init; } = 1;

    /// <summary>Host, co-host or guest: set at join from the store, changed by the host.</summary>
    public ParticipantRole Role
    {
        get => (ParticipantRole)Volatile.Read(ref _role);
        set => Volatile.Write(ref _role, (int)value);
    }

    /// <summary>Whether it has hosts' rights (admit, mute, remove, lock…): the host and co-hosts.</summary>
    public bool CanModerate => Role is ParticipantRole.Host or ParticipantRole.CoHost;

    /// <summary>The account was removed from this meeting: it waits for a host even without the waiting room.</summary>
    public bool MustBeAdmitted { get; init; }

    /// <summary>In the waiting room: not a member, receives nothing from the meeting (changed under the room's lock).</summary>
    public bool IsWaiting { get; set; }

    public Room Room { get; } = room;

    public OutboundQueue Outbound { get; } = new(queueCapacity, queueBytes, budget, restored?.LastSeq ?? 0);

    public MediaState Media
    {
        get => Unpack(Volatile.Read(ref _media));
        set => Volatile.Write(ref _media, Pack(value));
    }

    public bool HasLeft => Volatile.Read(ref _left) != 0;

    /// <summary>True once, for whoever makes the participant leave first.</summary>
    public bool TryMarkLeft()
    {
        if (Interlocked.Exchange(ref _left, 1) != 0)
        {
            return false;
        }
        StopGrace();
        return true;
    }

    /// <summary>Starts (or restarts) the countdown after which a participant with no transport leaves.</summary>
    public void StartGrace(TimeProvider clock, TimeSpan period, Action<Participant> expired)
    {
        lock (_graceGate)
        {
            _grace ??= clock.CreateTimer(static state => Expire(state!), (this, expired), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _grace.Change(period, Timeout.InfiniteTimeSpan);
        }
    }

    public void StopGrace()
    {
        lock (_graceGate)
        {
            _grace?.Dispose();
            _grace = null;
        }
    }

    private static void Expire(object state)
    {
        var (participant, expired) = ((Participant, Action<Participant>))state;
        // A transport may have resumed between the timer firing and now.
        if (participant.Outbound.Owner is null)
        {
            expired(participant);
        }
    }

    private static int Pack(MediaState media) => (media.Mic ? 1 : 0) | (media.Cam ? 2 : 0) | (media.Screen ? 4 : 0);

    private static MediaState Unpack(int bits) => new((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
}

/// <summary>A participant that comes back with a token to a process that does not know it.</summary>
internal sealed record Restored(string Id, string Token, long LastSeq);

/// <summary>Who may do what in a meeting (docs/signaling.md, Meeting controls).</summary>
public enum ParticipantRole
{
    Guest,
    CoHost,
    Host,
}
