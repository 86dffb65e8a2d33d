namespace MeetSite.Signaling;

/// <summary>
/// A participant's outbound messages, shared by whichever transport owns it: numbered, bounded in count
/// and in bytes (its own and the process's <paramref name="budget"/>), and kept until acknowledged so a
/// resume or a repeated poll can deliver them again. Locks are never held across an await; the owner is
/// woken after the lock is released.
/// </summary>
/// <param name="seqBefore">The number before the first message: 0, or where a restored participant's client is.</param>
internal sealed partial class OutboundQueue(int capacity, long maxBytes = long.MaxValue, OutboundBudget? budget = null, long seqBefore = 0)
{
    private readonly Lock _gate = new();
    private readonly FrameRing _ring = new(capacity);
    private long _bytes;
    private long _lastSeq = seqBefore;
    private long _deliveredSeq = seqBefore;
    private long _evictedThrough = seqBefore;
    private bool _closed;
    private ITransport? _owner;

    public enum Result { Queued, Overflow, Closed }

    public int Count { get { lock (_gate) { return _ring.Count; } } }

    /// <summary>The bytes of the bodies held, counted for every recipient even of a shared broadcast body.</summary>
    public long Bytes { get { lock (_gate) { return _bytes; } } }

    public ITransport? Owner { get { lock (_gate) { return _owner; } } }

    /// <summary>
    /// Numbers and queues <paramref name="body"/>. When full (in count or bytes, or the process's budget
    /// is spent), the oldest messages already handed to a transport make room (a later resume from before
    /// them fails); when none has been, the consumer is too slow and the message is refused.
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
            if (!MakeRoom(body.Length))
            {
                return Result.Overflow;
            }
            _ring.Add(new OutboundFrame(++_lastSeq, body));
            _bytes += body.Length;
            budget?.Add(body.Length);
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
            DropThrough(Math.Min(seq, _deliveredSeq));
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
                into[taken++] = _ring[seq - first];
            }
            if (taken > 0)
            {
                _deliveredSeq = into[taken - 1].Seq;
            }
            return taken;
        }
    }

    /// <summary>
    /// Refuses further messages and returns the owner to close. What is queued stays for the owner to
    /// flush before its close frame (the errors that explain a close, say); it goes with the participant.
    /// </summary>
    public ITransport? Close()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                // The frames stay only until the owner's last flush: the budget has them back now.
                budget?.Release(_bytes);
                _closed = true;
            }
            return _owner;
        }
    }

    private long OldestSeq => _ring.Count == 0 ? _lastSeq + 1 : _ring.Oldest.Seq;

    /// <summary>
    /// Evicts handed-over messages until <paramref name="length"/> more bytes fit every bound. An empty
    /// queue always takes one message: a participant holding nothing is not slow, and a lone welcome or
    /// signal may be bigger than a small byte bound.
    /// </summary>
    private bool MakeRoom(int length)
    {
        while (_ring.Count > 0 && (_ring.IsFull || _bytes + length > maxBytes || (budget?.WouldExceed(length) ?? false)))
        {
            if (_ring.Oldest.Seq > _deliveredSeq)
            {
                return false;
            }
            _evictedThrough = _ring.Oldest.Seq;
            DropOldest();
        }
        return true;
    }

    private void DropThrough(long seq)
    {
        while (_ring.Count > 0 && _ring.Oldest.Seq <= seq)
        {
            DropOldest();
        }
    }

    private void DropOldest()
    {
        var length = _ring.Oldest.Body.Length;
        _ring.RemoveOldest();
        _bytes -= length;
        if (!_closed)
        {
            budget?.Release(length);
        }
    }
}
