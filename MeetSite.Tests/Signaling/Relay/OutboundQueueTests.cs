using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class OutboundQueueTests
{
    private sealed class FakeTransport : ITransport
    {
        public int Wakes { get; private set; }
        public List<OutboundFrame> First { get; } = [];
        public string UserId => "user";
        public string MeetingCode => "abc-defg-hij";
        public void Wake() => Wakes++;
        public void SendFirst(OutboundFrame frame) => First.Add(frame);
        public void Close(CloseReason reason) { }
    }

    private static readonly byte[] Body = "{\"type\":\"x\"}"u8.ToArray();

    [Fact]
    public void Messages_are_numbered_from_1_and_taken_once_in_order()
    {
        var transport = new FakeTransport();
        var queue = new OutboundQueue(16);
        queue.TryAttach(transport, 0, null, out _);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(OutboundQueue.Result.Queued, queue.Enqueue(Body));
        }
        var taken = new OutboundFrame[3];
        Assert.Equal(3, queue.TakeUndelivered(transport, taken));
        Assert.Equal([1L, 2, 3], taken.Select(f => f.Seq));
        Assert.Equal(2, queue.TakeUndelivered(transport, taken));
        Assert.Equal([4L, 5], taken.Take(2).Select(f => f.Seq));
        Assert.Equal(0, queue.TakeUndelivered(transport, taken));
        Assert.True(transport.Wakes >= 5);
    }

    [Fact]
    public void A_rewind_delivers_again_what_was_not_acknowledged_and_an_ack_cannot_skip_undelivered_messages()
    {
        var transport = new FakeTransport();
        var queue = new OutboundQueue(16);
        queue.TryAttach(transport, 0, null, out _);
        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(Body);
        }
        var taken = new OutboundFrame[2];
        queue.TakeUndelivered(transport, taken);
        queue.Ack(100); // only 1 and 2 were delivered
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TryRewind(transport, 2));
        Assert.Equal(2, queue.TakeUndelivered(transport, taken));
        Assert.Equal([3L, 4], taken.Select(f => f.Seq));
        Assert.True(queue.TryRewind(transport, 2)); // the response was lost: 3 and 4 again
        Assert.Equal(2, queue.TakeUndelivered(transport, taken));
        Assert.Equal([3L, 4], taken.Select(f => f.Seq));
    }

    [Fact]
    public void When_full_delivered_messages_make_room_but_undelivered_ones_overflow_and_a_rewind_past_evicted_ones_fails()
    {
        var transport = new FakeTransport();
        var queue = new OutboundQueue(4);
        queue.TryAttach(transport, 0, null, out _);
        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(Body);
        }
        Assert.Equal(OutboundQueue.Result.Overflow, queue.Enqueue(Body));
        queue.TakeUndelivered(transport, new OutboundFrame[2]);
        Assert.Equal(OutboundQueue.Result.Queued, queue.Enqueue(Body)); // evicts 1
        Assert.False(queue.TryRewind(transport, 0));
        Assert.True(queue.TryRewind(transport, 1));
        Assert.Equal(4, queue.Count);
    }

    [Fact]
    public void The_byte_bound_evicts_delivered_messages_like_the_count_bound_and_overflows_on_undelivered_ones()
    {
        var transport = new FakeTransport();
        var queue = new OutboundQueue(100, maxBytes: 3 * Body.Length);
        queue.TryAttach(transport, 0, null, out _);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(OutboundQueue.Result.Queued, queue.Enqueue(Body));
        }
        Assert.Equal(OutboundQueue.Result.Overflow, queue.Enqueue(Body)); // far below 100 messages
        queue.TakeUndelivered(transport, new OutboundFrame[2]);
        Assert.Equal(OutboundQueue.Result.Queued, queue.Enqueue(Body)); // evicts 1, and only 1
        Assert.Equal(3, queue.Count);
        Assert.Equal(3 * Body.Length, queue.Bytes);
        Assert.False(queue.TryRewind(transport, 0));
        Assert.True(queue.TryRewind(transport, 1));
    }

    [Fact]
    public void An_empty_queue_takes_one_message_bigger_than_its_byte_bound()
    {
        var queue = new OutboundQueue(100, maxBytes: 4);
        Assert.Equal(OutboundQueue.Result.Queued, queue.Enqueue(Body));
        Assert.Equal(OutboundQueue.Result.Overflow, queue.Enqueue(Body));
    }

    [Fact]
    public void The_process_budget_refuses_the_queue_trying_to_grow_and_gets_bytes_back_on_ack_eviction_and_close()
    {
        var budget = new OutboundBudget(4 * Body.Length);
        var (one, two) = (new FakeTransport(), new FakeTransport());
        var first = new OutboundQueue(100, 1000, budget);
        var second = new OutboundQueue(100, 1000, budget);
        first.TryAttach(one, 0, null, out _);
        second.TryAttach(two, 0, null, out _);
        for (var i = 0; i < 3; i++)
        {
            first.Enqueue(Body);
        }
        Assert.Equal(OutboundQueue.Result.Queued, second.Enqueue(Body));
        Assert.Equal(4 * Body.Length, budget.Used);
        Assert.Equal(OutboundQueue.Result.Overflow, second.Enqueue(Body)); // its own bound is far off

        first.TakeUndelivered(one, new OutboundFrame[3]);
        first.Ack(1);
        Assert.Equal(3 * Body.Length, budget.Used);
        Assert.Equal(OutboundQueue.Result.Queued, second.Enqueue(Body));
        Assert.Equal(OutboundQueue.Result.Queued, first.Enqueue(Body)); // over budget: evicts its own delivered seq 2
        Assert.Equal(4 * Body.Length, budget.Used);

        first.Close();
        Assert.Equal(2 * Body.Length, budget.Used);
        first.Ack(4); // after the close, frames leaving do not give the budget back twice
        Assert.Equal(2 * Body.Length, budget.Used);
        second.Close();
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public void A_new_owner_takes_over_gets_its_first_frame_before_the_queue_and_the_old_owner_gets_nothing()
    {
        var old = new FakeTransport();
        var resumed = new FakeTransport();
        var queue = new OutboundQueue(8);
        queue.TryAttach(old, 0, null, out _);
        queue.Enqueue(Body);
        queue.Enqueue(Body);
        queue.TakeUndelivered(old, new OutboundFrame[2]);

        Assert.True(queue.TryAttach(resumed, 1, new OutboundFrame(1, Body), out var previous));
        Assert.Same(old, previous);
        Assert.Equal(1, Assert.Single(resumed.First).Seq);
        Assert.Equal(0, queue.TakeUndelivered(old, new OutboundFrame[2]));
        var taken = new OutboundFrame[2];
        Assert.Equal(1, queue.TakeUndelivered(resumed, taken));
        Assert.Equal(2, taken[0].Seq);
        Assert.False(queue.TryAttach(resumed, 5, null, out _)); // claims more than was ever sent
    }

    [Fact]
    public void The_seq_is_spliced_into_the_shared_body()
    {
        var frame = new OutboundFrame(42, "{\"type\":\"left\",\"id\":\"a\"}"u8.ToArray());
        var buffer = new byte[frame.MaxLength];
        var length = frame.WriteTo(buffer);
        Assert.Equal("{\"seq\":42,\"type\":\"left\",\"id\":\"a\"}", System.Text.Encoding.UTF8.GetString(buffer, 0, length));
    }
}
