using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class WriterWakeSignalTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_set_before_the_wait_is_kept_for_it_and_consumed_by_it()
    {
        var signal = new WriterWakeSignal();
        signal.Set();
        signal.Set();
        Assert.True(signal.WaitAsync().AsTask().IsCompletedSuccessfully);
        // Auto-reset: two sets before a wait wake it once.
        Assert.False(signal.WaitAsync().AsTask().IsCompleted);
    }

    [Fact]
    public async Task A_waiting_writer_wakes_on_set_and_the_same_signal_serves_every_later_wait()
    {
        var signal = new WriterWakeSignal();
        for (var round = 0; round < 1000; round++)
        {
            var wait = signal.WaitAsync().AsTask();
            Assert.False(wait.IsCompleted);
            var setter = Task.Run(signal.Set);
            await wait.WaitAsync(Soon);
            await setter;
        }
    }

    [Fact]
    public async Task Sets_racing_a_waiting_writer_are_never_lost()
    {
        var signal = new WriterWakeSignal();
        var pending = 0;
        var handled = 0;
        const int Sets = 20_000;
        var writer = Task.Run(async () =>
        {
            while (Volatile.Read(ref handled) < Sets)
            {
                await signal.WaitAsync();
                // Like the writer: after each wake, take everything queued so far.
                Interlocked.Add(ref handled, Interlocked.Exchange(ref pending, 0));
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < Sets / 4; i++)
            {
                Interlocked.Increment(ref pending);
                signal.Set();
            }
        })));
        await writer.WaitAsync(Soon);
        Assert.Equal(Sets, handled);
    }

    [Fact]
    public async Task A_second_waiter_is_refused_and_the_first_still_wakes()
    {
        var signal = new WriterWakeSignal();
        var first = signal.WaitAsync().AsTask();
        await Assert.ThrowsAsync<InvalidOperationException>(() => signal.WaitAsync().AsTask());
        signal.Set();
        await first.WaitAsync(Soon);
    }
}
