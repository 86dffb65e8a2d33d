using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class FrameRingTests
{
    private static OutboundFrame Frame(long seq) => new(seq, [(byte)'{', (byte)'}']);

    [Fact]
    public void Frames_come_out_oldest_first_across_wrap_around_and_growth_up_to_the_capacity()
    {
        var ring = new FrameRing(capacity: 32);
        long next = 1, oldest = 1;
        for (var round = 0; round < 50; round++)
        {
            // Add a few more than are removed each round, so the ring wraps while it grows.
            for (var i = 0; i < 3 && !ring.IsFull; i++)
            {
                ring.Add(Frame(next++));
            }
            for (var i = 0; i < ring.Count; i++)
            {
                Assert.Equal(oldest + i, ring[i].Seq);
            }
            ring.RemoveOldest();
            oldest++;
        }
        // It filled up long ago and has been taking one and giving one since; it never grew past capacity.
        Assert.Equal(31, ring.Count);
        Assert.Equal(32, ring.SlotsHeld);
    }

    [Fact]
    public void An_idle_ring_holds_no_slots_and_an_emptied_one_lets_go_of_its_slots()
    {
        var ring = new FrameRing(capacity: 256);
        Assert.Equal(0, ring.SlotsHeld);

        for (var seq = 1; seq <= 40; seq++)
        {
            ring.Add(Frame(seq));
        }
        Assert.True(ring.SlotsHeld >= 40);
        while (ring.Count > 0)
        {
            ring.RemoveOldest();
        }
        Assert.Equal(0, ring.SlotsHeld);

        ring.Add(Frame(41));
        Assert.Equal(41, ring.Oldest.Seq);
        Assert.Equal(8, ring.SlotsHeld);
    }
}
