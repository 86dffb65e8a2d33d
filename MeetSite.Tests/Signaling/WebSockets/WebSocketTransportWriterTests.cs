using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class WebSocketTransportWriterTests
{
    [Fact]
    public async Task A_participant_too_slow_to_read_is_disconnected_and_the_sender_carries_on()
    {
        using var fastSite = SignalingSite.With(new Dictionary<string, string?>
        {
            ["Signaling:OutboundQueueCapacity"] = "8",
            ["Signaling:RateBurst"] = "100000",
        });
        using var ann = await fastSite.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var sender = await ann.JoinWsAsync(code, "Sender");
        await using var slow = await ann.JoinWsAsync(code, "Slow");
        await sender.NextAsync("joined");

        // The slow participant never reads: socket buffers fill, then its queue, then it is dropped.
        var payload = "{\"blob\":\"" + new string('x', 60_000) + "\"}";
        // The sender reads as it sends, like any client; late signals to the departed get errors.
        var left = sender.WaitForAsync("left");
        for (var sent = 0; !left.IsCompleted && sent < 5000; sent++)
        {
            await sender.SignalAsync(slow.Id, payload);
        }
        Assert.Equal(slow.Id, (await left).GetProperty("id").GetString());
        await sender.SendAsync(Messages.Chat("still fine"));
        Assert.Equal("still fine", (await sender.WaitForAsync("chat")).GetProperty("text").GetString());
        await sender.LeaveAsync();
        await fastSite.NoLeaksAsync();
    }
}
