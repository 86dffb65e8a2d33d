namespace MeetSite.Signaling;

/// <summary>
/// Per-connection flood control: <c>burst</c> messages at once, refilled at <c>perSecond</c>. Each refusal
/// is a strike and <c>strikes</c> of them mean abuse, but strikes are forgotten after
/// <c>quietPeriod</c> without a refusal: a long meeting's rare bursts never add up, a flood still does.
/// </summary>
internal sealed class TokenBucket(int burst, double perSecond, int strikes, TimeSpan quietPeriod, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = clock.GetTimestamp();
    private int _strikes;
    private long _struckAt;

    public enum Verdict { Taken, Refused, Abuse }

    public Verdict Take()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return Verdict.Taken;
            }
            if (_strikes > 0 && clock.GetElapsedTime(_struckAt, now) >= quietPeriod)
            {
                _strikes = 0;
            }
            _struckAt = now;
            return ++_strikes >= strikes ? Verdict.Abuse : Verdict.Refused;
        }
    }
}
