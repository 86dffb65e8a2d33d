namespace MeetSite.Signaling;

/// <summary>Which transport delivers the queue, and from where: a resume or a poll rewinds to what the client has.</summary>
internal sealed partial class OutboundQueue
{
    /// <summary>
    /// Makes <paramref name="transport"/> the owner and rewinds delivery to just after
    /// <paramref name="lastSeq"/>, what the client says it has. Returns false when part of what follows
    /// was evicted (the replay could not be complete), or the queue is closed.
    /// </summary>
    /// <remarks><paramref name="first"/> reaches the transport before it can see the queue, so nothing overtakes it.</remarks>
    public bool TryAttach(ITransport transport, long lastSeq, OutboundFrame? first, out ITransport? previous)
    {
        lock (_gate)
        {
            previous = null;
            if (_closed || lastSeq < _evictedThrough || lastSeq > _lastSeq)
            {
                return false;
            }
            if (first is { } frame)
            {
                transport.SendFirst(frame);
            }
            previous = _owner == transport ? null : _owner;
            _owner = transport;
            Rewind(lastSeq);
        }
        transport.Wake();
        return true;
    }

    /// <summary>
    /// A poll's acknowledgement: drops what the client has and delivers the rest again. False when the
    /// transport no longer owns the queue or part of the rest was evicted.
    /// </summary>
    public bool TryRewind(ITransport transport, long ack)
    {
        lock (_gate)
        {
            if (_owner != transport || ack < _evictedThrough)
            {
                return false;
            }
            Rewind(ack);
            return true;
        }
    }

    /// <summary>Forgets <paramref name="transport"/> if it still owns the queue; returns whether it did.</summary>
    public bool Detach(ITransport transport)
    {
        lock (_gate)
        {
            if (_owner != transport)
            {
                return false;
            }
            _owner = null;
            return true;
        }
    }

    private void Rewind(long lastSeq)
    {
        // The client cannot have more than it was given; what it acknowledged earlier is gone, and it
        // has that, so delivery resumes after whichever is later.
        var upTo = Math.Min(lastSeq, _deliveredSeq);
        DropThrough(upTo);
        _deliveredSeq = Math.Max(upTo, OldestSeq - 1);
    }
}
