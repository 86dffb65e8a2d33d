using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class PollSlotTests
{
    private static readonly TimeSpan Hammer = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Polls_that_supersede_each_other_while_others_answer_never_cancel_a_disposed_token()
    {
        using var idle = TimeProvider.System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var slot = new PollSlot(idle, TimeSpan.FromSeconds(20));
        var until = DateTime.UtcNow + Hammer;

        // Each loop is a client's polls: each new poll supersedes the other loop's waiting one, which may be
        // answering (and ending) at that very moment.
        var polls = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (DateTime.UtcNow < until)
            {
                var mine = slot.Begin();
                Assert.NotNull(mine);
                slot.End(mine);
            }
        })).ToArray();
        await Task.WhenAll(polls);
    }

    [Fact]
    public async Task Closing_a_session_while_its_poll_answers_never_cancels_a_disposed_token()
    {
        var until = DateTime.UtcNow + Hammer;
        while (DateTime.UtcNow < until)
        {
            var idle = TimeProvider.System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var slot = new PollSlot(idle, TimeSpan.FromSeconds(20));
            var mine = slot.Begin()!;
            var close = Task.Run(slot.Close);
            slot.End(mine);
            Assert.True(await close);
            Assert.Null(slot.Begin());
        }
    }

    [Fact]
    public void A_superseded_poll_is_cancelled_and_the_new_one_is_not()
    {
        using var idle = TimeProvider.System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var slot = new PollSlot(idle, TimeSpan.FromSeconds(20));
        var first = slot.Begin()!;
        var second = slot.Begin()!;
        Assert.True(first.IsCancellationRequested);
        Assert.False(second.IsCancellationRequested);
        Assert.False(slot.IsIdle);
        slot.End(first);
        Assert.False(slot.IsIdle);
        slot.End(second);
        Assert.True(slot.IsIdle);
        Assert.True(slot.Close());
        Assert.False(slot.Close());
        Assert.False(slot.IsIdle);
    }
}
