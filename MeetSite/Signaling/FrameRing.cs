namespace MeetSite.Signaling;

/// <summary>
/// The frames of an <see cref="OutboundQueue"/>, oldest first, in a ring that starts small and grows up
/// to its capacity: an idle participant holds a few slots, not hundreds. Not thread-safe; the queue locks.
/// </summary>
internal sealed class FrameRing(int capacity)
{
    private OutboundFrame[] _slots = new OutboundFrame[Math.Min(capacity, 8)];
    private int _head;

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

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
        Count--;
    }

    private void Grow()
    {
        var bigger = new OutboundFrame[Math.Min(capacity, _slots.Length * 2)];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }
        _slots = bigger;
        _head = 0;
    }
}
