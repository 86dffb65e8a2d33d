namespace MeetSite.Signaling;

/// <summary>
/// The one poll a long-poll session may have waiting. A new poll supersedes the waiting one (its token is
/// cancelled, so it answers 204), and closing the session cancels whatever waits. While no poll waits,
/// the session's idle timer runs (the grace period); it is changed only under the slot's lock, so never
/// after <see cref="Close"/> has disposed it.
/// </summary>
/// <remarks>
/// A poll's token source is shared: the poll ends on its own while a newer poll or a close may be cancelling
/// it. So nobody disposes it. A source without a timer or a wait handle holds nothing to release, and the
/// only registration on it, the poll's linked source, is disposed by the poll.
/// </remarks>
internal sealed class PollSlot(ITimer idle, TimeSpan grace)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _waiting;
    private bool _closed;

    public bool IsClosed { get { lock (_gate) { return _closed; } } }

    /// <summary>True when no poll waits and the session is open: the time when it may expire.</summary>
    public bool IsIdle { get { lock (_gate) { return _waiting is null && !_closed; } } }

    /// <summary>Makes a new poll the waiting one, superseding any other; null when the session is closed.</summary>
    public CancellationTokenSource? Begin()
    {
        var mine = new CancellationTokenSource();
        CancellationTokenSource? old;
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }
            old = _waiting;
            _waiting = mine;
            idle.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        old?.Cancel();
        return mine;
    }

    /// <summary>A poll has answered; when it was still the waiting one, the idle timer starts again.</summary>
    public void End(CancellationTokenSource mine)
    {
        lock (_gate)
        {
            if (_waiting == mine)
            {
                _waiting = null;
                if (!_closed)
                {
                    idle.Change(grace, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>Closes the slot for good, cancelling the waiting poll and the idle timer; false when it was already closed.</summary>
    public bool Close()
    {
        CancellationTokenSource? waiting;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }
            _closed = true;
            waiting = _waiting;
            _waiting = null;
        }
        waiting?.Cancel();
        idle.Dispose();
        return true;
    }
}
