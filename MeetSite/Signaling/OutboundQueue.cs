namespace MeetSite.Signaling;

/// <summary>
/// A participant's outbound messages, shared by whichever transport owns it: numbered, bounded, and kept
/// until acknowledged so a resume or a repeated poll can deliver them again. Locks are never held across
/// an await; the owner is woken after the lock is released.
/// </summary>
internal sealed class OutboundQueue(int capacity)
{
    private readonly Lock _gate = new();
    private OutboundFrame[] _ring = new OutboundFrame[Math.Min(capacity, 8)];
    private int _head;
    private int _count;
    private long _lastSeq;
    private long _deliveredSeq;
    private long _evictedThrough;
    private bool _closed;
    private ITransport? _owner;

    public enum Result { Queued, Overflow, Closed }

    public int Count { get { lock (_gate) { return _count; } } }

    public long LastSeq { get { lock (_gate) { return _lastSeq; } } }

    public ITransport? Owner { get { lock (_gate) { return _owner; } } }

    /// <summary>
    /// Numbers and queues <paramref name="body"/>. When full, the oldest message already handed to a
    /// transport makes room (a later resume from before it fails); when none has been, the consumer is too
    /// slow and the message is refused.
    /// </summary>
    public Result Enqueue(byte[] body)
    {
        ITransport? owner;
        lock (_gate)
        {
            if (_closed)
            {
                return Result.Closed;
            }
            if (_count == capacity)
            {
                if (_ring[_head].Seq > _deliveredSeq)
                {
                    return Result.Overflow;
                }
                _evictedThrough = _ring[_head].Seq;
                RemoveOldest();
            }
            if (_count == _ring.Length)
            {
                Grow();
            }
            _ring[(_head + _count++) % _ring.Length] = new OutboundFrame(++_lastSeq, body);
            owner = _owner;
        }
        owner?.Wake();
        return Result.Queued;
    }

    /// <summary>Drops what the client has acknowledged; it cannot acknowledge what it was never given.</summary>
    public void Ack(long seq)
    {
        lock (_gate)
        {
            var upTo = Math.Min(seq, _deliveredSeq);
            while (_count > 0 && _ring[_head].Seq <= upTo)
            {
                RemoveOldest();
            }
        }
    }

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

    /// <summary>Copies up to <paramref name="into"/>.Length undelivered messages, if <paramref name="transport"/> owns the queue.</summary>
    public int TakeUndelivered(ITransport transport, Span<OutboundFrame> into)
    {
        lock (_gate)
        {
            if (_owner != transport)
            {
                return 0;
            }
            var taken = 0;
            var first = OldestSeq;
            for (var seq = _deliveredSeq + 1; seq <= _lastSeq && taken < into.Length; seq++)
            {
                into[taken++] = _ring[(_head + (int)(seq - first)) % _ring.Length];
            }
            if (taken > 0)
            {
                _deliveredSeq = into[taken - 1].Seq;
            }
            return taken;
        }
    }

    /// <summary>Refuses further messages and releases the queued ones; returns the owner to close.</summary>
    public ITransport? Close()
    {
        lock (_gate)
        {
            _closed = true;
            _ring = [];
            _head = _count = 0;
            var owner = _owner;
            _owner = null;
            return owner;
        }
    }

    private void Rewind(long lastSeq)
    {
        // The client cannot have more than it was given; what it acknowledged earlier is gone, and it
        // has that, so delivery resumes after whichever is later.
        var upTo = Math.Min(lastSeq, _deliveredSeq);
        while (_count > 0 && _ring[_head].Seq <= upTo)
        {
            RemoveOldest();
        }
        _deliveredSeq = Math.Max(upTo, OldestSeq - 1);
    }

    private long OldestSeq => _count == 0 ? _lastSeq + 1 : _ring[_head].Seq;

    private void RemoveOldest()
    {
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
    }

    private void Grow()
    {
        var bigger = new OutboundFrame[Math.Min(capacity, _ring.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) % _ring.Length];
        }
        _ring = bigger;
        _head = 0;
    }
}
