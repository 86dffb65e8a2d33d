using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class WakeSignalTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_set_before_the_wait_is_kept_for_it_and_consumed_by_it()
    {
        var signal = new WakeSignal();
        signal.Set();
        signal.Set();
        Assert.True(signal.WaitAsync().AsTask().IsCompletedSuccessfully);
        // Auto-reset: two sets before a wait wake it once.
        Assert.False(signal.WaitAsync().AsTask().IsCompleted);
    }

    [Fact]
    public async Task A_waiting_writer_wakes_on_set_and_the_same_signal_serves_every_later_wait()
    {
        var signal = new WakeSignal();
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
        var signal = new WakeSignal();
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
        var signal = new WakeSignal();
        var first = signal.WaitAsync().AsTask();
        await Assert.ThrowsAsync<InvalidOperationException>(() => signal.WaitAsync().AsTask());
        signal.Set();
        await first.WaitAsync(Soon);
    }

    [Fact]
    public async Task A_set_after_a_wait_was_given_up_wakes_the_next_wait()
    {
        var signal = new WakeSignal();
        // A poll whose hold ran out gives up on its wait...
        using (var hold = new CancellationTokenSource(TimeSpan.FromMilliseconds(10)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync(hold.Token).AsTask());
        }
        // ...and a message is queued after the next poll found the queue empty, before it waits.
        signal.Set();
        Assert.True(signal.WaitAsync().AsTask().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Sets_racing_waits_that_give_up_are_never_lost()
    {
        var signal = new WakeSignal();
        var pending = 0;
        var handled = 0;
        const int Sets = 20_000;
        var poller = Task.Run(async () =>
        {
            var round = 0;
            while (Volatile.Read(ref handled) < Sets)
            {
                // Every other wait is a poll that gives up at once, as a hold that runs out or a newer poll.
                using var giveUp = new CancellationTokenSource();
                if (++round % 2 == 0)
                {
                    giveUp.Cancel();
                }
                try
                {
                    await signal.WaitAsync(giveUp.Token);
                }
                catch (OperationCanceledException)
                {
                    continue;
                }
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
        // Every Set after the last message must wake a wait that takes it: none is swallowed by a wait that gave up.
        await poller.WaitAsync(Soon);
        Assert.Equal(Sets, handled);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_the_signal_serves_the_next_wait()
    {
        var signal = new WakeSignal();
        using var cancel = new CancellationTokenSource();
        var wait = signal.WaitAsync(cancel.Token).AsTask();
        Assert.False(wait.IsCompleted);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Soon));
        var next = signal.WaitAsync().AsTask();
        signal.Set();
        await next.WaitAsync(Soon);
    }
}
