using MeetSite.Meetings;

namespace MeetSite.Signaling;

/// <summary>
/// A participant over long-polling. At most one poll waits at a time: a new one supersedes it (the old
/// one answers 204). A session not polled for the grace period expires and its participant leaves.
/// </summary>
internal sealed partial class LongPollTransport : ITransport, IDisposable
{
    private readonly Lock _gate = new();
    private readonly WakeSignal _wake = new();
    private readonly SignalingRelay _relay;
    private readonly LongPollSessions _sessions;
    private readonly OpenTransports _transports;
    private readonly TimeProvider _clock;
    private readonly ITimer _idle;
    private OutboundFrame? _first;
    private CancellationTokenSource? _poll;
    private bool _closed;

    public LongPollTransport(SignalingRelay relay, LongPollSessions sessions, OpenTransports transports, Meeting meeting,
        string userId, string defaultName, TimeProvider clock)
    {
        (_relay, _sessions, _transports, _clock, UserId) = (relay, sessions, transports, clock, userId);
        Inbound = new InboundHandler(relay, meeting, userId, defaultName, this, clock);
        _idle = clock.CreateTimer(static t => ((LongPollTransport)t!).Expire(), this, relay.Options.GracePeriod, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; } = SecretId.New();

    public string UserId { get; }

    public InboundHandler Inbound { get; }

    public bool IsClosed { get { lock (_gate) { return _closed; } } }

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
        CancellationTokenSource? waiting;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            waiting = _poll;
            _poll = null;
        }
        waiting?.Cancel();
        _idle.Dispose();
        _sessions.Remove(this);
        _transports.Remove(this);
        LogClosed(_relay.Logger, Id, reason);
    }

    public void Dispose() => Close(CloseReason.Dropped);

    /// <summary>Makes this the waiting poll, superseding any other; null when the session is closed.</summary>
    private CancellationTokenSource? BeginPoll()
    {
        var mine = new CancellationTokenSource();
        CancellationTokenSource? old;
        lock (_gate)
        {
            if (_closed)
            {
                mine.Dispose();
                return null;
            }
            old = _poll;
            _poll = mine;
            _idle.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        old?.Cancel();
        return mine;
    }

    private void EndPoll(CancellationTokenSource mine)
    {
        lock (_gate)
        {
            if (_poll == mine)
            {
                _poll = null;
                if (!_closed)
                {
                    _idle.Change(_relay.Options.GracePeriod, Timeout.InfiniteTimeSpan);
                }
            }
        }
        mine.Dispose();
    }

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
        lock (_gate)
        {
            if (_poll is not null || _closed)
            {
                return;
            }
        }
        if (Inbound.Participant is { } participant && participant.Outbound.Owner == this)
        {
            _relay.Leave(participant, CloseReason.Expired);
        }
        Close(CloseReason.Expired);
    }
}
