namespace MeetSite.Signaling;

/// <summary>Per-connection flood control: <c>burst</c> messages at once, refilled at <c>perSecond</c>.</summary>
internal sealed class TokenBucket(int burst, double perSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = clock.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
