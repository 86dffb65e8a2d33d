namespace MeetSite.Signaling;

/// <summary>
/// A participant's outbound messages, shared by whichever transport owns it: numbered, bounded, and kept
/// until acknowledged so a resume or a repeated poll can deliver them again. Locks are never held across
/// an await; the owner is woken after the lock is released.
/// </summary>
/// <param name="seqBefore">The number before the first message: 0, or where a restored participant's client is.</param>
internal sealed partial class OutboundQueue(int capacity, long seqBefore = 0)
{
    private readonly Lock _gate = new();
    private readonly FrameRing _ring = new(capacity);
    private long _lastSeq = seqBefore;
    private long _deliveredSeq = seqBefore;
    private long _evictedThrough = seqBefore;
    private bool _closed;
    private ITransport? _owner;

    public enum Result { Queued, Overflow, Closed }

    public int Count { get { lock (_gate) { return _ring.Count; } } }

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
            if (_ring.IsFull)
            {
                if (_ring.Oldest.Seq > _deliveredSeq)
                {
                    return Result.Overflow;
                }
                _evictedThrough = _ring.Oldest.Seq;
                _ring.RemoveOldest();
            }
            _ring.Add(new OutboundFrame(++_lastSeq, body));
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
            while (_ring.Count > 0 && _ring.Oldest.Seq <= upTo)
            {
                _ring.RemoveOldest();
            }
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
            _closed = true;
            return _owner;
        }
    }

    private long OldestSeq => _ring.Count == 0 ? _lastSeq + 1 : _ring.Oldest.Seq;
}
