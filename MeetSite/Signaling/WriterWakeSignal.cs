using System.Threading.Tasks.Sources;

namespace MeetSite.Signaling;

/// <summary>
/// An auto-reset event for exactly one waiter that always awaits each wait to the end (a WebSocket
/// writer). Unlike <see cref="WakeSignal"/> it allocates nothing per wake: the same source is reset and
/// awaited again, which a relay does for every message. A waiter that gives up on a wait (long-poll's
/// hold timeout) must use <see cref="WakeSignal"/> instead.
/// </summary>
internal sealed class WriterWakeSignal : IValueTaskSource
{
    private readonly Lock _gate = new();
    // Continuations run on the thread pool, as with WakeSignal: Set() must never run the writer inline.
    private ManualResetValueTaskSourceCore<bool> _source = new() { RunContinuationsAsynchronously = true };
    private bool _set;
    private bool _waiting;

    public void Set()
    {
        lock (_gate)
        {
            if (!_waiting)
            {
                _set = true;
                return;
            }
            _waiting = false;
        }
        _source.SetResult(true);
    }

    public ValueTask WaitAsync()
    {
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return ValueTask.CompletedTask;
            }
            if (_waiting)
            {
                throw new InvalidOperationException("A WriterWakeSignal has one waiter at a time.");
            }
            _source.Reset();
            _waiting = true;
            return new ValueTask(this, _source.Version);
        }
    }

    void IValueTaskSource.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
