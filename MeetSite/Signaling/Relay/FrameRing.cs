namespace MeetSite.Signaling;

/// <summary>
/// The frames of an <see cref="OutboundQueue"/>, oldest first, in a ring that starts small, grows up to
/// its capacity, and lets go of its slots whenever it empties: an idle participant whose client has
/// acknowledged everything holds no slots at all. Not thread-safe; the queue locks.
/// </summary>
internal sealed class FrameRing(int capacity)
{
    private const int FirstSlots = 8;

    private OutboundFrame[] _slots = [];
    private int _head;

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    /// <summary>How many slots the ring holds now, used or not: its memory.</summary>
    public int SlotsHeld => _slots.Length;

    public OutboundFrame Oldest => _slots[_head];

    /// <summary>The frame <paramref name="index"/> places after the oldest.</summary>
    public OutboundFrame this[long index] => _slots[(int)((_head + index) % _slots.Length)];

    public void Add(OutboundFrame frame)
    {
        if (Count == _slots.Length)
        {
            Grow();
        }
        _slots[(_head + Count++) % _slots.Length] = frame;
    }

    public void RemoveOldest()
    {
        _slots[_head] = default;
        _head = (_head + 1) % _slots.Length;
        if (--Count == 0)
        {
            _slots = [];
            _head = 0;
        }
    }

    private void Grow()
    {
        var bigger = new OutboundFrame[Math.Min(capacity, Math.Max(FirstSlots, _slots.Length * 2))];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }
        _slots = bigger;
        _head = 0;
    }
}
