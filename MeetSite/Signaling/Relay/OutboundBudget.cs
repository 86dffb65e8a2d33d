namespace MeetSite.Signaling;

/// <summary>
/// The bytes held by all outbound queues of the process together, against
/// <c>Signaling:OutboundBudgetBytes</c>: the per-participant bound alone lets many slow readers add up.
/// </summary>
/// <remarks>
/// Soft: two queues growing at once may both pass the check, so the budget can be exceeded by a few
/// messages. A shared counter, not a lock, keeps the relay's hot path free of contention and allocation.
/// </remarks>
internal sealed class OutboundBudget(long limitBytes)
{
    private long _used;

    public long Used => Interlocked.Read(ref _used);

    public bool WouldExceed(int bytes) => Used + bytes > limitBytes;

    public void Add(long bytes) => Interlocked.Add(ref _used, bytes);

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
