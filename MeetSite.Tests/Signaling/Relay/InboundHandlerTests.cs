using System.Net.WebSockets;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class InboundHandlerTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_flood_is_rate_limited_then_closed_with_1008_while_others_carry_on()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        await using var flooder = await ann.JoinWsAsync(code, "Flood");
        await a.NextAsync("joined");

        try
        {
            for (var i = 0; i < 1000; i++)
            {
                await flooder.SendAsync("""{"type":"ack","seq":0}""");
            }
        }
        catch (WebSocketException)
        {
            // The server may close before the last messages are sent.
        }
        Assert.Equal("rate-limited", (await flooder.WaitForAsync("error")).GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await flooder.WaitForCloseAsync());
        Assert.Equal(flooder.Id, (await a.NextAsync("left")).GetProperty("id").GetString());

        await using var b = await ann.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        await b.SignalAsync(a.Id, "{}");
        Assert.Equal(b.Id, (await a.NextAsync("signal")).GetProperty("from").GetString());
        await a.LeaveAsync();
        await b.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
