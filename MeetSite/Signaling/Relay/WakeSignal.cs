using System.Threading.Tasks.Sources;

namespace MeetSite.Signaling;

/// <summary>
/// An auto-reset event with one waiter at a time, used by both transports: a WebSocket writer sleeps on it
/// until there is something to send, a long poll until there is something to answer.
/// </summary>
/// <remarks>
/// A wait ends in one of two ways, each decided under the lock: <see cref="Set"/> or its cancellation token.
/// So a waiter that gives up (a poll's hold running out, a newer poll) leaves nothing behind, and a later
/// Set is kept for the next wait instead of waking a waiter that is gone. A wait without a token (the
/// writer's, once per message) allocates nothing: the same source is reset and awaited again. A wait with
/// one gets a completion of its own, since the poll that gave up may still be reading its result while the
/// next poll already waits.
/// </remarks>
internal sealed class WakeSignal : IValueTaskSource
{
    private readonly Lock _gate = new();
    // Continuations run on the thread pool: Set() must never run the writer or the poll inline.
    private ManualResetValueTaskSourceCore<bool> _source = new() { RunContinuationsAsynchronously = true };
    private CancellableWait? _cancellable;
    private bool _set;
    private bool _waiting;

    public void Set()
    {
        CancellableWait? cancellable;
        lock (_gate)
        {
            if (!_waiting)
            {
                _set = true;
                return;
            }
            _waiting = false;
            cancellable = _cancellable;
            _cancellable = null;
        }
        if (cancellable is null)
        {
            _source.SetResult(true);
        }
        else
        {
            cancellable.TrySetResult();
        }
    }

    /// <summary>Completes at the next <see cref="Set"/> (at once if one came since the last wait), or throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancel"/> fires first.</summary>
    public ValueTask WaitAsync(CancellationToken cancel = default)
    {
        CancellableWait cancellable;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return ValueTask.CompletedTask;
            }
            if (_waiting)
            {
                throw new InvalidOperationException("A WakeSignal has one waiter at a time.");
            }
            if (cancel.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancel);
            }
            _waiting = true;
            if (!cancel.CanBeCanceled)
            {
                _source.Reset();
                return new ValueTask(this, _source.Version);
            }
            cancellable = _cancellable = new CancellableWait(this);
        }
        return cancellable.WaitAsync(cancel);
    }

    private void Cancel(CancellableWait wait, CancellationToken token)
    {
        lock (_gate)
        {
            if (_cancellable != wait)
            {
                return;
            }
            _waiting = false;
            _cancellable = null;
        }
        wait.TrySetCanceled(token);
    }

    void IValueTaskSource.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);

    private sealed class CancellableWait(WakeSignal signal) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public async ValueTask WaitAsync(CancellationToken cancel)
        {
            using (cancel.UnsafeRegister(static (state, token) => ((CancellableWait)state!).Cancelled(token), this))
            {
                await Task;
            }
        }

        private void Cancelled(CancellationToken token) => signal.Cancel(this, token);
    }
}
