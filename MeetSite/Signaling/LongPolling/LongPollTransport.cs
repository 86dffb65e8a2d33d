using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// A participant over long-polling. At most one poll waits at a time: a new one supersedes it (the old
/// one answers 204). A session not polled for the grace period expires and its participant leaves.
/// </summary>
internal sealed partial class LongPollTransport : ITransport, IDisposable
{
    private readonly Lock _gate = new();
    private readonly PollSlot _poll;
    private readonly WakeSignal _wake = new();
    private readonly SignalingRelay _relay;
    private readonly LongPollSessions _sessions;
    private readonly OpenTransports _transports;
    private readonly TimeProvider _clock;
    private OutboundFrame? _first;
    private int _closedFor = -1;
    private int _lastWord;
    private ITimer? _lastWordTimer;

    public LongPollTransport(SignalingRelay relay, LongPollSessions sessions, OpenTransports transports, Meeting meeting,
        string userId, string defaultName, TimeProvider clock)
    {
        (_relay, _sessions, _transports, _clock, UserId) = (relay, sessions, transports, clock, userId);
        Inbound = new InboundHandler(relay, meeting, userId, defaultName, this, clock);
        var idle = clock.CreateTimer(static t => ((LongPollTransport)t!).Expire(), this, relay.Options.GracePeriod, Timeout.InfiniteTimeSpan);
        _poll = new PollSlot(idle, relay.Options.GracePeriod);
    }

    public string Id { get; } = SecretId.New();

    public string UserId { get; }

    public string MeetingCode => Inbound.Meeting.Code;

    public InboundHandler Inbound { get; }

    public bool IsClosed => _poll.IsClosed;

    /// <summary>Closed because the process is draining: its polls tell the client to move (503 <c>moving</c>).</summary>
    private bool Moving => Volatile.Read(ref _closedFor) == (int)CloseReason.ShuttingDown;

    /// <summary>Closing once its last messages are delivered (see <see cref="Close"/>).</summary>
    private bool HasLastWord => Volatile.Read(ref _lastWord) != 0;

    public void Wake() => _wake.Set();

    public void SendFirst(OutboundFrame frame)
    {
        lock (_gate)
        {
            _first = frame;
        }
        _wake.Set();
    }

    public void Close(CloseReason reason)
    {
        Interlocked.CompareExchange(ref _closedFor, (int)reason, -1);
        if (reason.HasLastWord() && !_poll.IsClosed && Interlocked.Exchange(ref _lastWord, 1) == 0)
        {
            // The message that explains the close (removed, denied, ended) is queued: a poll takes it,
            // then the session closes (see PollAsync), or after the close timeout when nobody polls.
            _lastWordTimer = _clock.CreateTimer(static t => ((LongPollTransport)t!).Close(CloseReason.Left), this,
                _relay.Options.CloseTimeout, Timeout.InfiniteTimeSpan);
            _wake.Set();
            return;
        }
        if (!_poll.Close())
        {
            return;
        }
        _lastWordTimer?.Dispose();
        _sessions.Remove(this);
        _transports.Remove(this);
        LogClosed(_relay.Logger, Id, reason);
    }

    public void Dispose() => Close(CloseReason.Dropped);

    private OutboundFrame? TakeFirst()
    {
        lock (_gate)
        {
            var first = _first;
            _first = null;
            return first;
        }
    }

    private void Expire()
    {
        if (!_poll.IsIdle)
        {
            return;
        }
        _relay.End(this, Inbound.Participant, CloseReason.Expired);
    }
}
